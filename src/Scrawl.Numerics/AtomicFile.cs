using System.Buffers;
using System.Security.Cryptography;

namespace Scrawl.Numerics;

/// <summary>
/// Writes files atomically: into a temporary file in the target's folder, flushed to disk, then
/// renamed over the target. A failure at any point leaves an existing target untouched and removes
/// the temporary file, so readers never see a half-written model, checkpoint or data set. A process killed
/// mid-write cannot remove its temporary file; the next successful write of the same target removes such
/// orphans (<c>TARGET.tmp-</c> and 12 hex digits) unless another writer still holds one open.
/// </summary>
public static class AtomicFile
{
    private const int TempSuffixBytes = 6;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789ABCDEF");

    /// <summary>Writes the file through <paramref name="write"/>; creates missing parent folders.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        string temp = $"{fullPath}.tmp-{Convert.ToHexString(RandomNumberGenerator.GetBytes(TempSuffixBytes))}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        RemoveOrphans(fullPath);
    }

    /// <summary>Temporary files of <paramref name="fullPath"/> left by writers that were killed: same folder, name <c>TARGET.tmp-XXXXXXXXXXXX</c>.</summary>
    internal static IEnumerable<string> Orphans(string fullPath)
    {
        string? dir = Path.GetDirectoryName(fullPath);
        string prefix = Path.GetFileName(fullPath) + ".tmp-";
        if (dir is null || !Directory.Exists(dir))
        {
            return [];
        }

        return Directory.EnumerateFiles(dir, prefix + "*")
            .Where(f => Path.GetFileName(f) is { } name && name.Length == prefix.Length + (2 * TempSuffixBytes)
                && name.StartsWith(prefix, StringComparison.Ordinal) && !name.AsSpan(prefix.Length).ContainsAnyExcept(HexDigits))
            .ToList();
    }

    private static void RemoveOrphans(string fullPath)
    {
        foreach (string orphan in Orphans(fullPath))
        {
            try
            {
                // A writer holds its temporary file open with FileShare.None (an exclusive lock): such a file is skipped.
                using (new FileStream(orphan, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                File.Delete(orphan);
            }
            catch (IOException)
            {
                // In use, or gone already: not an orphan to remove now.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to remove.
            }
        }
    }

    /// <summary>Writes <paramref name="bytes"/> as the whole file.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, s => s.Write(bytes));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error matters more.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
