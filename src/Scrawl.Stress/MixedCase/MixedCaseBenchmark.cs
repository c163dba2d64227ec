using System.Globalization;
using Scrawl.Data;
using Scrawl.Media;
using Scrawl.Numerics;
using Scrawl.Ocr;

namespace Scrawl.Stress.MixedCase;

/// <summary>The score of one benchmark page: case-sensitive and case-folded (<see cref="CaseScoring"/>).</summary>
/// <param name="Name">The page's name.</param>
/// <param name="Sensitive">The score with letter case kept.</param>
/// <param name="Folded">The score with letter case folded.</param>
/// <param name="Truth">The ground truth.</param>
/// <param name="Read">What was read.</param>
public sealed record MixedCaseScore(string Name, TextScore Sensitive, TextScore Folded, string Truth, string Read)
{
    /// <summary>The lines read wrong, case-sensitively, after aligning read lines to truth lines: (expected, read), "" for a spurious or missing line.</summary>
    public IEnumerable<(string Expected, string Read)> Misses()
    {
        var t = TextScore.ReducedLines(Truth, CaseScoring.Sensitive);
        var r = TextScore.ReducedLines(Read, CaseScoring.Sensitive);
        foreach (var (ti, ri) in TextScore.Align(t, r))
        {
            string expected = ti >= 0 ? string.Join(" ", t[ti]) : "", got = ri >= 0 ? string.Join(" ", r[ri]) : "";
            if (expected != got)
            {
                yield return (expected, got);
            }
        }
    }
}

/// <summary>
/// The mixed-case page benchmark (issue #23): seeded pages of lower-case, Capitalised and CAPITAL words and numbers written with
/// real EMNIST glyphs that no model was trained on (<see cref="Ocr.Training.MixedCaseData.HeldOut"/>), placed on baselines with
/// x-height, ascenders and descenders (<see cref="MixedCasePages"/>), read by the caller's OCR and scored case-sensitively and case-folded.
/// </summary>
public static class MixedCaseBenchmark
{
    /// <summary>Pages in a default run.</summary>
    public const int DefaultPages = 12;

    /// <summary>
    /// <paramref name="count"/> (≥ 1) pages named <c>mixed-001</c>…; page k is made by a generator seeded by (<paramref name="seed"/>, k) alone
    /// (7 lines of 3–5 words, proportions from <see cref="MixedCasePages.DrawProportions"/>), so any page can be remade on its own.
    /// </summary>
    public static IEnumerable<MixedCasePage> Pages(ImageSet glyphs, long seed, int count)
    {
        ArgumentNullException.ThrowIfNull(glyphs);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (int k = 1; k <= count; k++)
        {
            var random = new SeededRandom(StressSet.Mix(seed, "mixed-case", k));
            var hand = MixedCasePages.DrawProportions(random);
            var lines = MixedCaseText.Lines(random, 7, 3, 5);
            yield return MixedCasePages.Compose(string.Create(CultureInfo.InvariantCulture, $"mixed-{k:D3}"), lines, glyphs, hand, random);
        }
    }

    /// <summary>Writes <paramref name="page"/> into <paramref name="folder"/> as NAME.png and NAME.txt (each atomically); returns the PNG's path.</summary>
    public static string Write(MixedCasePage page, string folder)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(folder);
        string stem = Path.Combine(folder, page.Name);
        AtomicFile.WriteAllBytes(stem + ".png", PngImage.Encode(page.Image));
        AtomicFile.WriteAllBytes(stem + ".txt", System.Text.Encoding.UTF8.GetBytes(page.Truth));
        return stem + ".png";
    }

    /// <summary>The score of <paramref name="read"/> (the OCR's text) against <paramref name="page"/>'s truth.</summary>
    public static MixedCaseScore Score(MixedCasePage page, string read)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(read);
        return new(page.Name, TextScore.Compute(page.Truth, read, CaseScoring.Sensitive), TextScore.Compute(page.Truth, read, CaseScoring.Folded), page.Truth, read);
    }
}
