using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Data;

/// <summary>
/// Labelled images in Scrawl's one convention: float32 in [0, 1], <b>ink (foreground) = 1, paper = 0</b>,
/// upright (row 0 is the top), row-major, shape N×H×W for grey or N×H×W×C (C = 3, RGB) for colour.
/// Readers convert every source to this; <see cref="Nist36Layout"/> converts to and from the NIST36 layout.
/// </summary>
public sealed class ImageSet
{
    /// <summary>Wraps images [N×H×W(×C)] and N labels in [0, classNames.Count).</summary>
    public ImageSet(Tensor images, int[] labels, IReadOnlyList<string> classNames, string name)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (images.Rank is not (3 or 4))
        {
            throw new ArgumentException($"{name}: images must be N×H×W or N×H×W×C, got [{images.ShapeText}].", nameof(images));
        }

        if (labels.Length != images.Dim(0))
        {
            throw new ArgumentException($"{name}: {images.Dim(0)} images but {labels.Length} labels.", nameof(labels));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classNames.Count)
            {
                throw new ArgumentException($"{name}: label {labels[i]} of sample {i} is outside 0..{classNames.Count - 1}.", nameof(labels));
            }
        }

        Images = images;
        Labels = labels;
        ClassNames = classNames;
        Name = name;
    }

    /// <summary>The images, N×H×W or N×H×W×C.</summary>
    public Tensor Images { get; }

    /// <summary>Class index of each image.</summary>
    public int[] Labels { get; }

    /// <summary>Name of each class, index = label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Where the set came from, e.g. "mnist-10k" or a path (used in messages).</summary>
    public string Name { get; }

    /// <summary>Number of images.</summary>
    public int Count => Images.Dim(0);

    /// <summary>Image height in pixels.</summary>
    public int Height => Images.Dim(1);

    /// <summary>Image width in pixels.</summary>
    public int Width => Images.Dim(2);

    /// <summary>Channels per pixel: 1 for grey, 3 for RGB.</summary>
    public int Channels => Images.Rank == 4 ? Images.Dim(3) : 1;

    /// <summary>Values per image (H·W·C).</summary>
    public int FeatureCount => Height * Width * Channels;

    /// <summary>Image <paramref name="index"/> (0..Count−1) as a <see cref="FloatImage"/>, copied.</summary>
    public FloatImage ImageAt(int index) => new(Images.Row(index).ToArray(), Height, Width, Channels);

    /// <summary>The index of the first NaN or ±Infinity in <paramref name="values"/>, or -1 when all are finite.</summary>
    public static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The same images and labels under another name (storage shared).</summary>
    public ImageSet Renamed(string name) => new(Images, Labels, ClassNames, name);

    /// <summary>The images as flat rows [N × H·W·C], sharing storage.</summary>
    public Tensor Features() => Images.Reshape(Count, FeatureCount);

    /// <summary>Number of images of each class (length = class count).</summary>
    public int[] CountPerClass()
    {
        var counts = new int[ClassNames.Count];
        foreach (int label in Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>A new set holding copies of the images at <paramref name="indices"/> (each in [0, Count)).</summary>
    public ImageSet Subset(ReadOnlySpan<int> indices, string? name = null)
    {
        int[] shape = Images.Shape.ToArray();
        shape[0] = indices.Length;
        var images = new Tensor(shape);
        RowGather.Gather(Images, indices, images);
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            labels[i] = Labels[indices[i]];
        }

        return new ImageSet(images, labels, ClassNames, name ?? Name);
    }

    /// <summary>Joins sets with the same image shape and class names into one.</summary>
    public static ImageSet Concat(string name, params ImageSet[] sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Length == 0)
        {
            throw new ArgumentException("Nothing to concatenate.", nameof(sets));
        }

        var first = sets[0];
        foreach (var s in sets)
        {
            if (!s.Images.Shape[1..].SequenceEqual(first.Images.Shape[1..]) || !s.ClassNames.SequenceEqual(first.ClassNames))
            {
                throw new ArgumentException($"{s.Name} does not match {first.Name}: image shape [{s.Images.ShapeText}] vs [{first.Images.ShapeText}] or different classes.", nameof(sets));
            }
        }

        int[] shape = first.Images.Shape.ToArray();
        shape[0] = sets.Sum(s => s.Count);
        var images = new Tensor(shape);
        var labels = new int[shape[0]];
        int offset = 0, row = 0;
        foreach (var s in sets)
        {
            s.Images.Span.CopyTo(images.Span[offset..]);
            offset += s.Images.Length;
            s.Labels.CopyTo(labels, row);
            row += s.Count;
        }

        return new ImageSet(images, labels, first.ClassNames, name);
    }
}
