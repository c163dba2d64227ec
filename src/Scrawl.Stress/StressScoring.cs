using System.Globalization;
using Scrawl.Ocr;

namespace Scrawl.Stress;

/// <summary>The score of one category (or of all): the summed <see cref="TextScore"/>, variants read and variants with garbage.</summary>
/// <param name="Name">Category name, or <c>overall</c>.</param>
/// <param name="Score">Summed text score of its variants (lines aligned as in ocr-eval).</param>
/// <param name="Variants">Variants read (≥ 0).</param>
/// <param name="Garbage">Variants whose output has more than 1.5× the truth's characters (≥ 0).</param>
public sealed record CategoryScore(string Name, TextScore Score, int Variants, int Garbage)
{
    /// <summary>The report line: <c>NAME: CER x.xx% WER y.yy% lines a/b variants n garbage g</c>.</summary>
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: CER {Score.CharacterErrorRate * 100:F2}% WER {Score.WordErrorRate * 100:F2}% lines {Score.LinesRight}/{Score.Lines} variants {Variants} garbage {Garbage}");
}

/// <summary>Reads every variant with a caller-supplied reading function and scores each category in the ocr-eval way.</summary>
public static class StressScoring
{
    /// <summary>How many times the truth's characters (A–Z/0–9) an output may have before it counts as garbage (1.5).</summary>
    public const double GarbageRatio = 1.5;

    /// <summary>True when <paramref name="read"/> has more than <see cref="GarbageRatio"/> × the A–Z/0–9 characters of <paramref name="truth"/>.</summary>
    public static bool IsGarbage(string truth, string read) => Characters(read) > GarbageRatio * Characters(truth);

    /// <summary>
    /// Reads each item with <paramref name="read"/> (image path → text, one line per text line) and returns one score per
    /// category in first-seen order, then the overall score. A file the reader reports as unreadable
    /// (<see cref="IOException"/>, <see cref="InvalidDataException"/>) scores as empty output. Progress: one line per category.
    /// </summary>
    public static IReadOnlyList<CategoryScore> Score(IReadOnlyList<StressItem> items, Func<string, string> read, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(read);
        var results = new List<(string Category, string Truth, string Read)>();
        foreach (var group in items.GroupBy(i => i.Category))
        {
            foreach (var item in group)
            {
                string text;
                try
                {
                    text = read(item.ImagePath);
                }
                catch (Exception e) when (e is IOException or InvalidDataException)
                {
                    progress?.Report($"{item.ImagePath}: {e.Message}");
                    text = "";
                }

                results.Add((item.Category, File.ReadAllText(item.TruthPath), text));
            }

            progress?.Report($"{group.Key}: read {group.Count()} variant{(group.Count() == 1 ? "" : "s")}");
        }

        return Summarise(results);
    }

    /// <summary>The per-category scores (first-seen order) and the overall score last, from (category, truth, read) triples.</summary>
    public static IReadOnlyList<CategoryScore> Summarise(IEnumerable<(string Category, string Truth, string Read)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var scores = results.GroupBy(r => r.Category)
            .Select(g => new CategoryScore(
                g.Key,
                g.Select(r => TextScore.Compute(r.Truth, r.Read)).Aggregate(TextScore.Empty, (a, b) => a.Add(b)),
                g.Count(),
                g.Count(r => IsGarbage(r.Truth, r.Read))))
            .ToList();
        var overall = new CategoryScore("overall", scores.Aggregate(TextScore.Empty, (a, s) => a.Add(s.Score)), scores.Sum(s => s.Variants), scores.Sum(s => s.Garbage));
        return [.. scores, overall];
    }

    /// <summary>The report: one line per category, the overall line, and last <c>variants-with-garbage: N</c>.</summary>
    public static IReadOnlyList<string> Report(IReadOnlyList<CategoryScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return [.. scores.Select(s => s.Line()), $"variants-with-garbage: {(scores.Count > 0 ? scores[^1].Garbage : 0)}"];
    }

    private static int Characters(string text) => TextScore.ReducedLines(text).Sum(l => l.Sum(w => w.Length));
}
