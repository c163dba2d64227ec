using Scrawl.Data;
using Scrawl.Numerics;
using Scrawl.Ocr.Training;
using Scrawl.Stress.MixedCase;

namespace Scrawl.Stress.Tests;

/// <summary>The mixed-case page benchmark: reproducible pages, truthful text, glyphs placed at x-height, cap height and below the baseline.</summary>
public class MixedCaseBenchmarkTests
{
    /// <summary>A glyph set of solid 10×6 blocks (ink 1) for every class of a mixed-case model, two per class.</summary>
    private static ImageSet Blocks()
    {
        int classes = MixedCaseData.ClassNames.Count;
        var images = new Tensor(2 * classes, 14, 10);
        for (int i = 0; i < 2 * classes; i++)
        {
            for (int y = 2; y < 12; y++)
            {
                for (int x = 2; x < 8; x++)
                {
                    images.Row(i)[(y * 10) + x] = 1;
                }
            }
        }

        return new ImageSet(images, [.. Enumerable.Range(0, 2 * classes).Select(i => i % classes)], MixedCaseData.ClassNames, "blocks");
    }

    [Fact]
    public void Same_seed_same_pages_and_the_truth_is_the_written_text()
    {
        var glyphs = Blocks();
        var one = MixedCaseBenchmark.Pages(glyphs, 5, 2).ToList();
        var again = MixedCaseBenchmark.Pages(glyphs, 5, 2).ToList();
        var other = MixedCaseBenchmark.Pages(glyphs, 6, 1).Single();
        Assert.Equal(["mixed-001", "mixed-002"], one.Select(p => p.Name));
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(one[k].Truth, again[k].Truth);
            Assert.Equal(one[k].Image.Pixels.ToArray(), again[k].Image.Pixels.ToArray());
        }

        Assert.NotEqual(one[0].Truth, other.Truth);
        var lines = one[0].Truth.TrimEnd('\n').Split('\n');
        Assert.Equal(7, lines.Length);
        Assert.All(lines, l => Assert.InRange(l.Split(' ').Length, 3, 5));
        Assert.All(lines, l => Assert.True(char.IsAsciiLetterUpper(l[0]), l)); // every line starts with a capital
        Assert.Contains(one.SelectMany(p => p.Truth), char.IsAsciiLetterLower);
    }

    [Fact]
    public void Glyphs_stand_at_x_height_cap_height_and_below_the_baseline()
    {
        var hand = new HandProportions(CapHeight: 50, XHeight: 0.6, Ascender: 1.0, Descender: 0.4);
        var page = MixedCasePages.Compose("t", ["x H p"], Blocks(), hand, new SeededRandom(3));
        Assert.Equal("x H p\n", page.Truth);
        // Ink columns of the three words, left to right; per word its topmost and bottommost dark rows.
        var columns = Enumerable.Range(0, page.Image.Width).Where(x => Enumerable.Range(0, page.Image.Height).Any(y => page.Image[y, x] < 0.5f)).ToArray();
        var words = new List<(int Top, int Bottom)>();
        int start = 0;
        for (int i = 1; i <= columns.Length; i++)
        {
            if (i == columns.Length || columns[i] > columns[i - 1] + 5)
            {
                var rows = Enumerable.Range(0, page.Image.Height).Where(y => columns[start..i].Any(x => page.Image[y, x] < 0.5f)).ToArray();
                words.Add((rows.Min(), rows.Max()));
                start = i;
            }
        }

        Assert.Equal(3, words.Count);
        var (x, capital, p) = (words[0], words[1], words[2]);
        Assert.InRange(x.Bottom - x.Top, 0.5 * 50, 0.7 * 50);                // x-height ≈ 30 px
        Assert.InRange(capital.Bottom - capital.Top, 0.85 * 50, 1.15 * 50);  // cap height ≈ 50 px
        Assert.InRange(Math.Abs(capital.Bottom - x.Bottom), 0, 0.15 * 50);    // both on the baseline (± jitter and slope)
        Assert.InRange(p.Bottom - x.Bottom, 0.3 * 50, 0.5 * 50);            // the p hangs ≈ 20 px below it
        Assert.InRange(Math.Abs(p.Top - x.Top), 0, 0.2 * 50);                // from the x-height (± size jitter)
    }

    [Fact]
    public void A_character_the_glyphs_lack_is_refused()
    {
        var digitsOnly = new ImageSet(new Tensor(1, 4, 4), [0], ["7"], "sevens");
        var e = Assert.Throws<ArgumentException>(() => MixedCasePages.Compose("t", ["a"], digitsOnly, new HandProportions(40, 0.6, 1, 0.4), new SeededRandom(1)));
        Assert.Contains("'a'", e.Message, StringComparison.Ordinal);
    }
}
