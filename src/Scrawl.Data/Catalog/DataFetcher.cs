using System.Globalization;
using Scrawl.Data.Downloads;

namespace Scrawl.Data.Catalog;

/// <summary>
/// <c>scrawl data fetch</c>: downloads a catalog entry's files into its cache folder (resumable,
/// SHA-256-verified, placed atomically, see <see cref="Downloader"/>), pins the hash of every file
/// whose hash was not known in <c>SHA256SUMS</c> beside it, and unpacks what needs unpacking.
/// </summary>
public static class DataFetcher
{
    /// <summary>Name of the per-folder file of pinned hashes ("HASH  FILE" lines, as sha256sum writes).</summary>
    public const string HashFile = "SHA256SUMS";

    /// <summary>Fetches <paramref name="entry"/> and returns the folder it now loads from.</summary>
    public static string Fetch(DatasetEntry entry, DataContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(context);
        if (entry.Downloads.Count == 0)
        {
            throw new InvalidOperationException(entry.FetchNote ?? $"{entry.Name} is not downloadable: it is built in or read from a local folder.");
        }

        string folder = context.Locator.Cache.DatasetFolder(entry.CacheFolder ?? entry.Name);
        Directory.CreateDirectory(folder);
        var pinned = ReadPins(folder);
        using var downloader = new Downloader(folder);
        foreach (var file in entry.Downloads)
        {
            string? expected = file.Sha256 ?? pinned.GetValueOrDefault(file.FileName);
            var result = downloader.EnsureFile(new Uri(file.Url), file.FileName, expected, context.Progress, cancellationToken);
            pinned[file.FileName] = result.Sha256;
            WritePins(folder, pinned);
        }

        if (entry.Find(context) is null)
        {
            entry.Unpack?.Invoke(folder);
        }

        return entry.Find(context) ?? throw new InvalidDataException($"{folder}: the downloaded files do not hold {entry.Name} as expected.");
    }

    private static Dictionary<string, string> ReadPins(string folder)
    {
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        string path = Path.Combine(folder, HashFile);
        if (!File.Exists(path))
        {
            return pins;
        }

        foreach (string line in File.ReadAllLines(path))
        {
            var parts = line.Split("  ", 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Length == 64)
            {
                pins[parts[1]] = parts[0];
            }
        }

        return pins;
    }

    private static void WritePins(string folder, Dictionary<string, string> pins) =>
        Scrawl.Numerics.AtomicFile.WriteAllBytes(
            Path.Combine(folder, HashFile),
            System.Text.Encoding.UTF8.GetBytes(string.Concat(pins.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value.ToLowerInvariant()}  {p.Key}\n")))));
}
