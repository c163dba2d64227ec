using System.Runtime.ExceptionServices;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Data.Images;

/// <summary>
/// Reads image-folder data sets: <c>ROOT/CLASS/*.png|jpg|jpeg|bmp|webp</c> (<see cref="Load"/>) or
/// <c>ROOT/{train,val,test}/CLASS/…</c> (<see cref="LoadSplits"/>). Class names are the folder names in
/// natural order ("2" &lt; "10") unless <see cref="ImageFolderOptions.Classes"/> fixes them; files are read
/// in natural order per class, decoded in parallel, and stacked in that order (deterministic). Files at the
/// root, hidden entries and files without an image extension are skipped.
/// </summary>
public static class ImageFolder
{
    /// <summary>File extensions read as images (lower case, with the dot).</summary>
    public static IReadOnlySet<string> ImageExtensions { get; } =
        new HashSet<string>([".png", ".jpg", ".jpeg", ".bmp", ".webp"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Folder names accepted for each split: train; val, valid or validation; test.</summary>
    public static IReadOnlyList<(string Split, string[] Folders)> SplitFolders { get; } =
        [("train", ["train"]), ("valid", ["val", "valid", "validation"]), ("test", ["test"])];

    /// <summary>True when the file name ends in one of <see cref="ImageExtensions"/>.</summary>
    public static bool IsImageFile(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    /// <summary>True when <paramref name="root"/> has a <c>train</c> folder and all its other folders are split folders.</summary>
    public static bool HasSplits(string root)
    {
        var dirs = SubFolders(root);
        return dirs.Any(d => Path.GetFileName(d) == "train")
            && dirs.All(d => SplitFolders.Any(s => s.Folders.Contains(Path.GetFileName(d))));
    }

    /// <summary>The image files of a flat <c>ROOT/CLASS/FILE</c> layout as (path, class folder name), in load order.</summary>
    public static IReadOnlyList<(string Path, string Class)> ListFiles(string root)
    {
        var files = new List<(string, string)>();
        foreach (string dir in SubFolders(root))
        {
            string cls = Path.GetFileName(dir);
            files.AddRange(Directory.EnumerateFiles(dir)
                .Where(f => IsImageFile(f) && !Path.GetFileName(f).StartsWith('.'))
                .Order(PathNameComparer.Instance)
                .Select(f => (f, cls)));
        }

        return files;
    }

    /// <summary>Loads a flat <c>ROOT/CLASS/FILE</c> folder into one set.</summary>
    /// <exception cref="DirectoryNotFoundException">The root does not exist.</exception>
    /// <exception cref="InvalidDataException">No images, an undecodable file (the message names it), a class not in <see cref="ImageFolderOptions.Classes"/>, or mismatched sizes.</exception>
    public static ImageSet Load(string root, ImageFolderOptions options, IImageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (HasSplits(root))
        {
            throw new InvalidDataException($"{root}: holds train/val/test folders; use {nameof(LoadSplits)}.");
        }

        var files = ListFiles(root);
        var classes = ClassNames(options, files.Select(f => f.Class));
        return Read(files, classes, options, decoder, options.Name ?? FolderName(root), root);
    }

    /// <summary>Loads a <c>ROOT/{train,val,test}/CLASS/FILE</c> folder; labels agree across splits (classes = the union of all splits' folders unless fixed by options).</summary>
    /// <exception cref="DirectoryNotFoundException">The root does not exist.</exception>
    /// <exception cref="InvalidDataException">No train folder, an undecodable file (named), unknown classes or mismatched sizes.</exception>
    public static DatasetSplits LoadSplits(string root, ImageFolderOptions options, IImageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!HasSplits(root))
        {
            throw new InvalidDataException($"{root}: expected train (and optionally val/valid/validation, test) folders holding class folders; use {nameof(Load)} for ROOT/CLASS/FILE.");
        }

        var parts = new Dictionary<string, (string Dir, IReadOnlyList<(string Path, string Class)> Files)>();
        foreach (var (split, folders) in SplitFolders)
        {
            string? dir = folders.Select(f => Path.Combine(root, f)).FirstOrDefault(Directory.Exists);
            if (dir is not null)
            {
                parts[split] = (dir, ListFiles(dir));
            }
        }

        var classes = ClassNames(options, parts.Values.SelectMany(p => p.Files.Select(f => f.Class)));
        string name = options.Name ?? FolderName(root);
        ImageSet? Part(string split) => parts.TryGetValue(split, out var p)
            ? Read(p.Files, classes, options, decoder, $"{name}/{split}", p.Dir)
            : null;
        return new DatasetSplits(name, Part("train")!, Part("valid"), Part("test"));
    }

    /// <summary>Decodes one file and converts it to Scrawl's convention as the options say (polarity, orientation, transform).</summary>
    /// <exception cref="InvalidDataException">The file cannot be decoded; the message names it.</exception>
    public static FloatImage LoadImage(string path, ImageFolderOptions options, IImageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(decoder);
        FloatImage image;
        try
        {
            image = decoder.Decode(path, options.ToDecodeRequest());
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException or FileNotFoundException)
            && !(e is InvalidDataException && e.Message.Contains(path, StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"{path}: cannot decode the image ({e.Message})", e);
        }

        if (options.DarkInkOnLight)
        {
            image = image.Inverted();
        }

        if (options.Transposed)
        {
            image = image.Transposed();
        }

        if (options.Transform is { } transform)
        {
            image = transform(image);
        }

        int channels = options.Color == ColorMode.Rgb ? 3 : 1;
        if (image.Channels != channels || (options.Height > 0 && options.Transform is null && (image.Height != options.Height || image.Width != options.Width)))
        {
            throw new InvalidDataException($"{path}: the decoder returned {image.Height}×{image.Width}×{image.Channels}, expected {(options.Height > 0 ? $"{options.Height}×{options.Width}" : "native size")}×{channels}.");
        }

        return image;
    }

    private static ImageSet Read(IReadOnlyList<(string Path, string Class)> files, IReadOnlyList<string> classes, ImageFolderOptions options, IImageDecoder decoder, string name, string where)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{where}: no image files ({string.Join(", ", ImageExtensions)}) in class folders.");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Count; i++)
        {
            index[classes[i]] = i;
        }

        // The first decodable image fixes the shape; the rest are decoded in parallel straight into their rows.
        var skipped = new string?[files.Count];
        FloatImage? first = null;
        int firstIndex = 0;
        for (; first is null && firstIndex < files.Count; firstIndex++)
        {
            first = TryLoad(firstIndex);
        }

        if (first is null)
        {
            throw new InvalidDataException($"{where}: none of the {files.Count} image files could be decoded (e.g. {files[0].Path}: {skipped[0]}).");
        }

        int[] shape = first.Channels == 1 ? [files.Count, first.Height, first.Width] : [files.Count, first.Height, first.Width, first.Channels];
        var images = new Tensor(shape);
        first.Pixels.CopyTo(images.Row(firstIndex - 1));
        var errors = new Exception?[files.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism > 0 ? options.MaxParallelism : Environment.ProcessorCount };
        Parallel.For(firstIndex, files.Count, parallel, i =>
        {
            try
            {
                if (TryLoad(i) is not { } image)
                {
                    return;
                }

                if (image.Height != first.Height || image.Width != first.Width || image.Channels != first.Channels)
                {
                    throw new InvalidDataException($"{files[i].Path}: image is {image.Height}×{image.Width}×{image.Channels} but the first is {first.Height}×{first.Width}×{first.Channels}; set Height and Width to resize.");
                }

                image.Pixels.CopyTo(images.Row(i));
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });

        // Report the first failure in file order, whatever the thread timing.
        if (Array.Find(errors, e => e is not null) is { } error)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }

        int[] kept = [.. Enumerable.Range(0, files.Count).Where(i => skipped[i] is null)];
        for (int i = 0; i < files.Count; i++)
        {
            if (skipped[i] is { } reason)
            {
                options.Skipped?.Invoke(files[i].Path, reason);
            }
        }

        int[] labels = [.. kept.Select(i => index[files[i].Class])];
        if (kept.Length < files.Count)
        {
            shape[0] = kept.Length;
            var compact = new Tensor(shape);
            RowGather.Gather(images, kept, compact);
            images = compact;
        }

        return new ImageSet(images, labels, classes, name);

        FloatImage? TryLoad(int i)
        {
            try
            {
                return LoadImage(files[i].Path, options, decoder);
            }
            catch (InvalidDataException e) when (options.SkipUnreadable)
            {
                skipped[i] = e.Message;
                return null;
            }
        }
    }

    private static IReadOnlyList<string> ClassNames(ImageFolderOptions options, IEnumerable<string> found)
    {
        var folders = found.Distinct().Order(NaturalStringComparer.Instance).ToList();
        if (options.Classes is null)
        {
            return folders;
        }

        var unknown = folders.Where(f => !options.Classes.Contains(f)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"Class folder(s) {string.Join(", ", unknown)} are not among the expected classes {string.Join(" ", options.Classes)}.");
        }

        return options.Classes;
    }

    private static List<string> SubFolders(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: no such folder.");
        }

        return [.. Directory.EnumerateDirectories(root)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Order(PathNameComparer.Instance)];
    }

    private static string FolderName(string root) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));

    private sealed class PathNameComparer : IComparer<string>
    {
        public static PathNameComparer Instance { get; } = new();

        public int Compare(string? x, string? y) => NaturalStringComparer.Instance.Compare(Path.GetFileName(x), Path.GetFileName(y));
    }
}
