using System.Security.Cryptography;

namespace Scrawl.Numerics;

/// <summary>
/// Writes files atomically: into a temporary file in the target's folder, flushed to disk, then
/// renamed over the target. A failure at any point leaves an existing target untouched and removes
/// the temporary file, so readers never see a half-written model, checkpoint or data set.
/// </summary>
public static class AtomicFile
{
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

        string temp = $"{fullPath}.tmp-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}";
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
