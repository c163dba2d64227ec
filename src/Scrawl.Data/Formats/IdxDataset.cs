using Scrawl.Numerics;

namespace Scrawl.Data.Formats;

/// <summary>
/// Loads MNIST-style IDX image/label pairs into Scrawl-convention <see cref="ImageSet"/>s: unsigned-byte
/// images N×H×W scaled by 1/255 (these sets already have high values for ink, so ink = 1 holds as stored)
/// and unsigned-byte labels. EMNIST stores each image transposed: pass <c>transposed: true</c> to make it upright.
/// Mismatched or out-of-range contents give an <see cref="InvalidDataException"/> naming the file and offset.
/// </summary>
public static class IdxDataset
{
    /// <summary>Class names "0"…"9" for MNIST digits.</summary>
    public static IReadOnlyList<string> DigitClassNames { get; } = [.. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The 10 Fashion-MNIST class names in label order ("T-shirt/top" … "Ankle boot").</summary>
    public static IReadOnlyList<string> FashionClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Loads an images file and a labels file (each plain or gzip) as one set named <paramref name="name"/>.</summary>
    public static ImageSet Load(string imagesPath, string labelsPath, IReadOnlyList<string> classNames, string name, bool transposed = false)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        return FromArrays(IdxFile.Read(imagesPath), IdxFile.Read(labelsPath), classNames, name, transposed);
    }

    /// <summary>
    /// Builds a set from already-read arrays: <paramref name="images"/> unsigned bytes N×H×W, <paramref name="labels"/>
    /// N integers in [0, classNames.Count). With <paramref name="transposed"/> each stored H×W image is read as its transpose (W×H).
    /// </summary>
    public static ImageSet FromArrays(IdxArray images, IdxArray labels, IReadOnlyList<string> classNames, string name, bool transposed = false)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(name);
        string imageSource = images.SourceName, labelSource = labels.SourceName;
        if (images.DataType != IdxDataType.UnsignedByte || images.Dimensions.Length != 3)
        {
            throw new InvalidDataException($"{imageSource}: {images.Where(2)}: images must be unsigned bytes N×H×W, got {images.DataType} {string.Join("×", images.Dimensions)}.");
        }

        if (labels.DataType is IdxDataType.Single or IdxDataType.Double || labels.Dimensions.Length != 1)
        {
            throw new InvalidDataException($"{labelSource}: {labels.Where(2)}: labels must be integers, one dimension, got {labels.DataType} {string.Join("×", labels.Dimensions)}.");
        }

        int n = images.Dimensions[0], h = images.Dimensions[1], w = images.Dimensions[2];
        if (labels.Count != n)
        {
            throw new InvalidDataException($"{labelSource}: {labels.Where(4)}: {labels.Count} labels for the {n} images of {imageSource}.");
        }

        var classOf = new int[n];
        for (int i = 0; i < n; i++)
        {
            double label = labels[i];
            if (!(label >= 0 && label < classNames.Count))
            {
                throw new InvalidDataException($"{labelSource}: {labels.WhereValue(i)}: label {label} of sample {i} is outside 0..{classNames.Count - 1}.");
            }

            classOf[i] = (int)label;
        }

        var tensor = transposed ? new Tensor(n, w, h) : new Tensor(n, h, w);
        var pixels = tensor.Span;
        var bytes = images.Bytes!;
        var scale = new float[256]; // b / 255, correctly rounded
        for (int b = 0; b < scale.Length; b++)
        {
            scale[b] = b / 255f;
        }

        if (!transposed)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                pixels[i] = scale[bytes[i]];
            }
        }
        else
        {
            int plane = h * w;
            for (int img = 0; img < n; img++)
            {
                int o = img * plane;
                for (int r = 0; r < h; r++)
                {
                    for (int c = 0; c < w; c++)
                    {
                        pixels[o + (c * h) + r] = scale[bytes[o + (r * w) + c]]; // stored (r, c) is upright (c, r)
                    }
                }
            }
        }

        return new ImageSet(tensor, classOf, classNames, name);
    }

    /// <summary>
    /// Loads the standard files found in <paramref name="folder"/>: PREFIXtrain-images-idx3-ubyte + PREFIXtrain-labels-idx1-ubyte
    /// (and t10k-… or test-… as the test part), or a lone images-idx3-ubyte + labels-idx1-ubyte pair as the
    /// training part; each name may use '.' instead of '-' before "idx" and may end in ".gz". Parts are named
    /// "NAME/train", "NAME/test"; NAME defaults to the folder's name. <paramref name="prefix"/> selects e.g. "emnist-letters-".
    /// </summary>
    public static DatasetSplits LoadFolder(string folder, IReadOnlyList<string> classNames, string? name = null, bool transposed = false, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: no such folder.");
        }

        name ??= Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        ImageSet? Part(string[] stems, string partName)
        {
            foreach (string stem in stems)
            {
                string? images = Find(folder, prefix + stem + "images", "idx3-ubyte");
                if (images is null)
                {
                    continue;
                }

                string labels = Find(folder, prefix + stem + "labels", "idx1-ubyte")
                    ?? throw new FileNotFoundException($"{folder}: found {Path.GetFileName(images)} but no matching {prefix}{stem}labels-idx1-ubyte[.gz].");
                return Load(images, labels, classNames, partName, transposed);
            }

            return null;
        }

        var train = Part(["train-"], $"{name}/train");
        var test = Part(["t10k-", "test-"], $"{name}/test");
        if (train is null)
        {
            train = Part([""], name) ?? throw new FileNotFoundException(
                $"{folder}: no IDX images found: expected {prefix}train-images-idx3-ubyte[.gz] (with {prefix}t10k-… for the test part) or {prefix}images-idx3-ubyte[.gz].");
        }

        return new DatasetSplits(name, train, null, test);
    }

    /// <summary>The file STEM-TAIL, STEM.TAIL, or either with ".gz", that exists in <paramref name="folder"/>, or null.</summary>
    private static string? Find(string folder, string stem, string tail)
    {
        foreach (string separator in new[] { "-", "." })
        {
            foreach (string suffix in new[] { "", ".gz" })
            {
                string path = Path.Combine(folder, stem + separator + tail + suffix);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
