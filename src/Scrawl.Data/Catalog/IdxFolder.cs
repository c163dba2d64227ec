using System.Globalization;
using Scrawl.Data.Formats;

namespace Scrawl.Data.Catalog;

/// <summary>
/// An IDX folder given by path (MNIST/EMNIST-style): class names from its <c>mapping.txt</c> (<see cref="EmnistMapping"/>)
/// when there is one, else the label numbers; the official EMNIST files (named <c>emnist-SPLIT-…</c>, one split per
/// folder) are stored transposed and read upright, any other IDX files are taken as upright (override either way with
/// <c>@transposed</c> / <c>@upright</c>, see <see cref="DataResolver"/>); a lone images/labels pair is split 80/10/10,
/// stratified and seeded, like every set that comes unsplit.
/// </summary>
public static class IdxFolder
{
    /// <summary>The prefix that marks the official EMNIST files ("emnist-"), which store every image transposed.</summary>
    public const string OfficialEmnistPrefix = "emnist-";

    /// <summary>True when <paramref name="folder"/> holds an IDX labels file.</summary>
    public static bool IsIdxFolder(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(f => Path.GetFileName(f).Contains("idx1-ubyte", StringComparison.Ordinal));

    /// <summary>
    /// Loads <paramref name="folder"/> as <paramref name="name"/>; <paramref name="transposed"/> null detects the orientation from
    /// the file names (official EMNIST names: transposed). <paramref name="seed"/> splits an unsplit set.
    /// </summary>
    public static DatasetSplits Load(string folder, string name, bool? transposed, long seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(name);
        string prefix = Prefix(folder);
        bool stored = transposed ?? prefix.StartsWith(OfficialEmnistPrefix, StringComparison.Ordinal);
        var classes = EmnistMapping.Find(folder, prefix) is { } mapping ? EmnistMapping.Read(mapping) : LabelNumbers(folder, prefix);
        var data = IdxDataset.LoadFolder(folder, classes, name, stored, prefix);
        return data.Valid is null && data.Test is null ? DatasetCatalog.SplitUnsplit(data.Train, seed) : data;
    }

    /// <summary>The one file-name prefix before "train-images"/"test-images"/"images" (e.g. "emnist-byclass-"), "" for plain names.</summary>
    private static string Prefix(string folder)
    {
        var prefixes = Directory.EnumerateFiles(folder)
            .Select(f => Path.GetFileName(f))
            .Select(f => f.IndexOf("images", StringComparison.Ordinal) is int i and >= 0 && f.Contains("idx3-ubyte", StringComparison.Ordinal) ? f[..i] : null)
            .OfType<string>()
            .Select(p => p.EndsWith("train-", StringComparison.Ordinal) ? p[..^6] : p.EndsWith("t10k-", StringComparison.Ordinal) ? p[..^5] : p.EndsWith("test-", StringComparison.Ordinal) ? p[..^5] : p)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return prefixes.Count switch
        {
            0 => "",
            1 => prefixes[0],
            _ => throw new InvalidDataException($"{folder}: IDX files of several sets ({string.Join(", ", prefixes.Select(p => p.Length == 0 ? "(no prefix)" : p + "*"))}); "
                + "put each set in its own folder, or use a catalog name such as emnist-byclass for the official EMNIST download."),
        };
    }

    private static string[] LabelNumbers(string folder, string prefix)
    {
        int max = 0;
        foreach (string labels in Directory.EnumerateFiles(folder).Where(f => Path.GetFileName(f) is { } n && n.StartsWith(prefix, StringComparison.Ordinal) && n.Contains("idx1-ubyte", StringComparison.Ordinal)))
        {
            var array = IdxFile.Read(labels);
            for (int i = 0; i < array.Count; i++)
            {
                max = array[i] is >= 0 and < EmnistMapping.MaxLabels ? Math.Max(max, (int)array[i])
                    : throw new InvalidDataException($"{labels}: label {array[i]} of sample {i} is outside 0..{EmnistMapping.MaxLabels - 1}.");
            }
        }

        return [.. Enumerable.Range(0, max + 1).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    }
}
