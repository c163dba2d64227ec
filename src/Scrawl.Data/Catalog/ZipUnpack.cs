using System.Formats.Tar;
using System.IO.Compression;

namespace Scrawl.Data.Catalog;

/// <summary>Unpacks downloaded archives into a data set's cache folder, each file placed atomically.</summary>
internal static class ZipUnpack
{
    /// <summary>Extracts the zip entries whose file name passes <paramref name="keep"/> into <paramref name="folder"/> (flat).</summary>
    public static int Extract(string zipPath, string folder, Func<string, bool> keep)
    {
        int count = 0;
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries)
        {
            string name = Path.GetFileName(entry.FullName);
            if (name.Length == 0 || !keep(name))
            {
                continue;
            }

            using var source = entry.Open();
            Place(source, Path.Combine(folder, name));
            count++;
        }

        return count == 0
            ? throw new InvalidDataException($"{zipPath}: the archive holds none of the expected files.")
            : count;
    }

    /// <summary>Extracts the regular files of a .tgz under <paramref name="folder"/>, keeping their relative paths (no "..").</summary>
    public static int ExtractTarGz(string tgzPath, string folder)
    {
        int count = 0;
        using var file = File.OpenRead(tgzPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        string root = Path.GetFullPath(folder);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            string target = Path.GetFullPath(Path.Combine(root, entry.Name));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{tgzPath}: entry '{entry.Name}' points outside the folder.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Place(entry.DataStream, target);
            count++;
        }

        return count;
    }

    private static void Place(Stream source, string target) => Scrawl.Numerics.AtomicFile.Write(target, s => source.CopyTo(s));
}
