using System.Security.Cryptography;
using System.Text;

namespace Scrawl.Reading.Bulk;

/// <summary>One entry of a bulk list: its position among the entries (0 or more), the path as written, the file to read, and its result name.</summary>
public sealed record BulkEntry(int Index, string Listed, string FullPath, string ResultName);

/// <summary>
/// The list of a bulk reading run (<see cref="BulkReader"/>) and the rules that make shards independent: which entries a shard takes,
/// and the stable name of each entry's result files.
/// </summary>
public static class BulkList
{
    /// <summary>
    /// The entries of <paramref name="listPath"/>: one path per line, surrounding blanks trimmed; blank lines and lines starting
    /// with <c>#</c> are skipped and do not count. Relative paths are relative to the list file's folder. A list that cannot be
    /// read is an <see cref="IOException"/> "LIST: cannot read the list (…)".
    /// </summary>
    public static List<BulkEntry> Read(string listPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(listPath);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(listPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{listPath}: cannot read the list ({e.Message})", e);
        }

        string baseDir = Path.GetDirectoryName(Path.GetFullPath(listPath)) ?? Directory.GetCurrentDirectory();
        var entries = new List<BulkEntry>();
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string full = Path.GetFullPath(line, baseDir);
            entries.Add(new BulkEntry(entries.Count, line, full, ResultName(Path.GetRelativePath(baseDir, full))));
        }

        return entries;
    }

    /// <summary>The entries shard <paramref name="index"/> (0 ≤ I &lt; N) of <paramref name="count"/> (N ≥ 1) takes: those whose <see cref="BulkEntry.Index"/> modulo N is I.</summary>
    public static List<BulkEntry> Shard(IReadOnlyList<BulkEntry> entries, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(entries);
        CheckShard(index, count);
        return entries.Where(e => e.Index % count == index).ToList();
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless N = <paramref name="count"/> ≥ 1 and 0 ≤ <paramref name="index"/> &lt; N.</summary>
    internal static void CheckShard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
    }

    /// <summary>
    /// The result name of an image at <paramref name="relativePath"/> (relative to the list's folder): the path with every character
    /// outside <c>[A-Za-z0-9._-]</c> turned into <c>_</c> (at most 100 characters kept from its end, leading dots dropped), then <c>-</c> and
    /// 8 hex digits of the SHA-256 of the path written with <c>/</c> separators. Two images differ in name whenever their paths differ, on any machine.
    /// </summary>
    public static string ResultName(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        string normalized = relativePath.Replace('\\', '/');
        var safe = new StringBuilder(normalized.Length);
        foreach (char c in normalized)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        string readable = safe.Length > 100 ? safe.ToString(safe.Length - 100, 100) : safe.ToString();
        readable = readable.TrimStart('.');
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)), 0, 4);
        return $"{readable}-{hash}";
    }
}
