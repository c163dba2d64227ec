using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Scrawl.Cli.Ocr;

/// <summary>One entry of a bulk OCR list: where it stands in the list, the path as written, the file to read, and its result name.</summary>
internal sealed record BulkEntry(int Index, string Listed, string FullPath, string ResultName);

/// <summary>
/// The list of a bulk OCR run (<c>scrawl ocr --list FILES.txt --shard I/N --out DIR</c>) and the rules that make shards
/// independent: which entries a shard takes, and the stable name of each entry's result files.
/// </summary>
internal static class OcrBulkList
{
    /// <summary>Parses <c>I/N</c> (0 ≤ I &lt; N, N ≥ 1); anything else is a usage error (exit 2).</summary>
    public static (int Index, int Count) ParseShard(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && index < count)
        {
            return (index, count);
        }

        throw new CliException($"--shard '{text}': expected I/N with N ≥ 1 and 0 ≤ I < N (e.g. 0/4 … 3/4).");
    }

    /// <summary>
    /// The entries of <paramref name="listPath"/>: one path per line, surrounding blanks trimmed; blank lines and lines starting
    /// with <c>#</c> are skipped and do not count. Relative paths are relative to the list file's folder.
    /// </summary>
    public static List<BulkEntry> Read(string listPath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(listPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{listPath}: cannot read the list ({e.Message})");
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

    /// <summary>The entries shard <paramref name="index"/> of <paramref name="count"/> takes: those whose position among the entries, modulo N, is I.</summary>
    public static List<BulkEntry> Shard(IReadOnlyList<BulkEntry> entries, int index, int count) =>
        entries.Where(e => e.Index % count == index).ToList();

    /// <summary>
    /// The result name of an image at <paramref name="relativePath"/> (relative to the list's folder): the path with every character
    /// outside <c>[A-Za-z0-9._-]</c> turned into <c>_</c> (at most 100 characters kept from its end), then <c>-</c> and 8 hex digits of the
    /// SHA-256 of the path written with <c>/</c> separators. Two images differ in name whenever their paths differ, on any machine.
    /// </summary>
    public static string ResultName(string relativePath)
    {
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
