using System.Globalization;
using System.Text;

namespace Scrawl.Data.Formats;

/// <summary>
/// EMNIST's label mapping files (<c>mapping.txt</c>, or <c>emnist-SPLIT-mapping.txt</c> in the official download): one
/// line per label, <c>LABEL CODE [CODE…]</c> with decimal Unicode code points; the class is named by the first code's
/// character (label 10 → "A", label 36 → "a"; emnist-letters' <c>1 65 97</c> → "A"). Labels without a line (emnist-letters
/// has no label 0) are named "(label K)". Bad lines are an <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
public static class EmnistMapping
{
    /// <summary>The most labels a mapping may name (a sanity bound: EMNIST has 62).</summary>
    public const int MaxLabels = 1000;

    /// <summary>The mapping file beside IDX files with <paramref name="prefix"/> (e.g. "emnist-byclass-"): PREFIXmapping.txt, else mapping.txt; null when neither exists.</summary>
    public static string? Find(string folder, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(prefix);
        return new[] { prefix + "mapping.txt", "mapping.txt" }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists);
    }

    /// <summary>The class names by label (index = label) of the mapping file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var names = new SortedDictionary<int, string>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length < 2
                || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int label) || label >= MaxLabels
                || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int code) || !Rune.IsValid(code) || code < 33)
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: expected 'LABEL CODE' (label 0–{MaxLabels - 1}, a printable Unicode code point), got '{Shorten(line)}'.");
            }

            if (!names.TryAdd(label, new Rune(code).ToString()))
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: label {label} is mapped twice.");
            }
        }

        if (names.Count == 0)
        {
            throw new InvalidDataException($"{path}: the mapping file names no labels.");
        }

        var duplicate = names.GroupBy(p => p.Value).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{path}: labels {string.Join(" and ", duplicate.Select(p => p.Key))} are both mapped to '{duplicate.Key}'.");
        }

        int count = names.Keys.Max() + 1;
        return [.. Enumerable.Range(0, count).Select(i => names.TryGetValue(i, out string? n) ? n : $"(label {i})")];
    }

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "…";
}
