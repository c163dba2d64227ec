using System.Text;
using Scrawl.Data.Formats;
using Scrawl.Data.Images;

namespace Scrawl.Data.Catalog;

/// <summary>
/// Turns what a user gives to <c>--data</c> into data: a catalog name, or a path whose kind is
/// detected from its content (a Scrawl dataset file, a MAT v5 file, a NIST36 folder, an IDX folder,
/// an exported .npy folder, an image folder with or without train/val/test). When nothing fits, the
/// error lists everything that was tried. A name may end in modifiers (<see cref="DataModifiers"/>): <c>@36</c>, <c>@47</c>,
/// <c>@62</c> merge letter case (<see cref="CaseMerge"/>), <c>@transposed</c> / <c>@upright</c> say how IDX files are stored.
/// </summary>
public static class DataResolver
{
    /// <summary>Loads <paramref name="nameOrPath"/>; throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> with a clear message.</summary>
    public static DatasetSplits Resolve(string nameOrPath, DataContext context)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        ArgumentNullException.ThrowIfNull(context);
        if (nameOrPath.Contains('+', StringComparison.Ordinal) && !File.Exists(nameOrPath) && !Directory.Exists(nameOrPath))
        {
            return ResolveMixture(nameOrPath, context);
        }

        if (!File.Exists(nameOrPath) && !Directory.Exists(nameOrPath) && DataModifiers.Split(nameOrPath) is { } modified)
        {
            return modified.Modifiers.Apply(modified.Data, Resolve, context);
        }

        if (DatasetCatalog.Find(nameOrPath) is { } entry)
        {
            string path = entry.Find(context) ?? throw new FileNotFoundException(NotFoundMessage(entry, context));
            return entry.Load(path, context);
        }

        if (File.Exists(nameOrPath))
        {
            return LoadFile(nameOrPath);
        }

        if (Directory.Exists(nameOrPath))
        {
            return LoadFolder(nameOrPath, context);
        }

        throw new FileNotFoundException(
            $"{nameOrPath}: neither a known data set ({string.Join(", ", DatasetCatalog.Entries.Select(e => e.Name))}) nor an existing file or folder.");
    }

    /// <summary>
    /// A mixture "A+B*3+C*0.5": each part a name or path with an optional weight (see <see cref="Mixture"/>).
    /// </summary>
    private static DatasetSplits ResolveMixture(string spec, DataContext context)
    {
        var sources = new List<MixtureSource>();
        foreach (string part in spec.Split('+', StringSplitOptions.TrimEntries))
        {
            int star = part.LastIndexOf('*');
            double weight = 1;
            string what = part;
            if (star > 0 && double.TryParse(part[(star + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double w))
            {
                weight = w;
                what = part[..star];
            }

            if (what.Length == 0)
            {
                throw new InvalidDataException($"{spec}: empty part in the mixture (write e.g. glyphs36+photo-chars*3).");
            }

            sources.Add(new MixtureSource(Resolve(what, context), weight));
        }

        try
        {
            return Mixture.Build(sources, context.Seed);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{spec}: {e.Message}", e);
        }
    }

    /// <summary>The message for a catalog entry that is not on this machine.</summary>
    public static string NotFoundMessage(DatasetEntry entry, DataContext context)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(context);
        var places = new List<string> { context.Locator.Cache.DatasetFolder(entry.CacheFolder ?? entry.Name) };
        places.AddRange(context.Locator.SearchRoots);
        string how = entry.FetchNote ?? (entry.Downloads.Count > 0 ? $"run 'scrawl data fetch {entry.Name}'." : "it is not downloadable.");
        return $"{entry.Name} is not on this machine (looked in {string.Join(", ", places)}): {how}";
    }

    private static DatasetSplits LoadFile(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        if (DatasetFile.IsDatasetFile(path))
        {
            return DatasetFile.Load(path);
        }

        if (StartsWith(path, "MATLAB 5.0"u8))
        {
            return new DatasetSplits(name, Nist36Mat.Load(path), null, null);
        }

        throw new InvalidDataException(
            $"{path}: not a data file Scrawl reads (tried: Scrawl dataset file (.npz with meta.json), MAT v5 file with *_data/*_labels).");
    }

    private static DatasetSplits LoadFolder(string folder, DataContext context)
    {
        var tried = new StringBuilder();
        string name = new DirectoryInfo(folder).Name;
        if (File.Exists(Path.Combine(folder, "nist36_train.mat")))
        {
            return Nist36Mat.LoadFolder(folder, name);
        }

        tried.Append("NIST36 folder (nist36_train.mat); ");
        if (IdxFolder.IsIdxFolder(folder))
        {
            return IdxFolder.Load(folder, name, context.Transposed, context.Seed);
        }

        tried.Append("IDX folder (*-idx3-ubyte[.gz] + *-idx1-ubyte[.gz]); ");
        if (File.Exists(Path.Combine(folder, "train_x.npy")))
        {
            return NpyFolder.Load(folder, name);
        }

        tried.Append("exported .npy folder (train_x.npy, train_y.npy, valid_x.npy, valid_y.npy); ");
        if (CharacterFolder.IsCharacterFolder(folder) && context.CharacterFrame is { } frame)
        {
            var loaded = CharacterFolder.Load(folder, frame, context.RequireDecoder(folder), name);
            context.Notice?.Invoke($"{folder}: {loaded.Polarity.Describe()}");
            return loaded.Data;
        }

        if (CharacterFolder.IsCharacterFolder(folder))
        {
            var decoder = context.RequireDecoder(folder);
            var options = new ImageFolderOptions { Name = name };
            return ImageFolder.HasSplits(folder)
                ? ImageFolder.LoadSplits(folder, options, decoder)
                : new DatasetSplits(name, ImageFolder.Load(folder, options, decoder), null, null);
        }

        tried.Append("image folder (CLASS/*.png|jpg or train|val|test/CLASS/…)");
        throw new InvalidDataException($"{folder}: no data Scrawl reads here (tried: {tried}).");
    }

    private static bool StartsWith(string path, ReadOnlySpan<byte> prefix)
    {
        Span<byte> head = stackalloc byte[prefix.Length];
        using var f = File.OpenRead(path);
        return f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(prefix);
    }
}
