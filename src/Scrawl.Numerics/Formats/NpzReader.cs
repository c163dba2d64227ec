using System.IO.Compression;

namespace Scrawl.Numerics.Formats;

/// <summary>
/// Reads numpy .npz archives: a zip (stored or deflated entries) of <c>NAME.npy</c> arrays, as
/// written by numpy.savez and numpy.savez_compressed. Errors are <see cref="InvalidDataException"/>s
/// naming the archive and, for a bad array, the array.
/// </summary>
public static class NpzReader
{
    /// <summary>The most entries an archive may hold.</summary>
    public const int MaxEntries = 100_000;

    /// <summary>The largest uncompressed entry accepted, in bytes.</summary>
    public const long MaxEntryBytes = 1L << 31;

    /// <summary>Reads every array of the .npz at <paramref name="path"/>, keyed by name (the entry name without ".npy").</summary>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads every array of an .npz stream, keyed by name; <paramref name="sourceName"/> prefixes error messages.</summary>
    public static IReadOnlyDictionary<string, NpyArray> Read(Stream stream, string sourceName)
    {
        var entries = ReadEntries(stream, sourceName);
        var result = new Dictionary<string, NpyArray>(entries.Count, StringComparer.Ordinal);
        foreach (var (name, array) in entries)
        {
            result.Add(name, array);
        }

        return result;
    }

    /// <summary>Reads every array of an .npz stream as (name, array) pairs in archive order (numpy.savez keeps the keyword order).</summary>
    public static IReadOnlyList<KeyValuePair<string, NpyArray>> ReadEntries(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{sourceName}: not a valid .npz (zip) archive — it may be truncated or corrupted ({e.Message.TrimEnd('.')}).", e);
        }

        using (archive)
        {
            if (archive.Entries.Count > MaxEntries)
            {
                throw new InvalidDataException($"{sourceName}: the archive has {archive.Entries.Count:N0} entries, more than the {MaxEntries:N0} allowed.");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<KeyValuePair<string, NpyArray>>(archive.Entries.Count);
            foreach (var entry in archive.Entries)
            {
                string name = ArrayName(entry, sourceName);
                if (!names.Add(name))
                {
                    throw new InvalidDataException($"{sourceName}: the archive holds the array '{name}' twice.");
                }

                result.Add(new(name, ReadEntry(entry, name, sourceName)));
            }

            return result;
        }
    }

    private static string ArrayName(ZipArchiveEntry entry, string sourceName)
    {
        string fullName = entry.FullName;
        if (!fullName.EndsWith(".npy", StringComparison.Ordinal) || fullName.Length == 4)
        {
            throw new InvalidDataException($"{sourceName}: the entry '{fullName}' is not an .npy array.");
        }

        return fullName[..^4];
    }

    private static NpyArray ReadEntry(ZipArchiveEntry entry, string name, string sourceName)
    {
        string source = $"{sourceName}, array '{name}'";
        if (entry.Length > MaxEntryBytes)
        {
            throw new InvalidDataException($"{source}: the entry claims {entry.Length:N0} bytes, more than the {MaxEntryBytes:N0} allowed.");
        }

        try
        {
            using var data = entry.Open();
            return NpyReader.Read(data, source);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            // The zip layer itself failed (bad deflate data, CRC mismatch, truncated archive).
            throw new InvalidDataException($"{source}: the compressed data is damaged ({e.Message.TrimEnd('.')}).", e);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"{source}: the entry could not be read — the archive may be truncated ({e.Message.TrimEnd('.')}).", e);
        }
    }
}
