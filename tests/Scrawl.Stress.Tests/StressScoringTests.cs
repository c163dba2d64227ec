using Scrawl.Data.Images;
using Scrawl.Imaging;
using Scrawl.Stress.Transforms;

namespace Scrawl.Stress.Tests;

/// <summary>Scoring arithmetic, garbage counting and the measures and transforms the variants are built from.</summary>
public class StressScoringTests
{
    [Theory]
    [InlineData("ABCD", "ABCDEF", false)] // 6 = 1.5 × 4: not more
    [InlineData("ABCD", "ABC DEF G", true)] // 7 > 6
    [InlineData("AB CD", "a-b c.d!!", false)] // punctuation and case do not count
    [InlineData("", "X", true)]
    [InlineData("", "", false)]
    public void Garbage_is_more_than_one_and_a_half_times_the_truths_characters(string truth, string read, bool garbage) =>
        Assert.Equal(garbage, StressScoring.IsGarbage(truth, read));

    [Fact]
    public void Categories_sum_their_variants_and_overall_sums_the_categories()
    {
        var scores = StressScoring.Summarise(
        [
            ("rotate", "AB\nCD", "AB\nCX"),
            ("rotate", "EFGH", "EFGH"),
            ("pen", "ABCD", "ABCDABCDX"),
            ("pen", "AB CD", "MM\nAB CD"),
        ]);
        Assert.Equal(["rotate", "pen", "overall"], scores.Select(s => s.Name));
        Assert.Equal((1, 8, 2, 0), (scores[0].Score.CharacterErrors, scores[0].Score.Characters, scores[0].Variants, scores[0].Garbage));
        Assert.Equal((7, 8, 2, 1), (scores[1].Score.CharacterErrors, scores[1].Score.Characters, scores[1].Variants, scores[1].Garbage)); // 5 inserted + 2 spurious
        Assert.Equal((8, 16, 4, 1), (scores[2].Score.CharacterErrors, scores[2].Score.Characters, scores[2].Variants, scores[2].Garbage));
        var report = StressScoring.Report(scores);
        Assert.Equal("rotate: CER 12.50% WER 33.33% lines 2/3 variants 2 garbage 0", report[0]);
        Assert.Equal("overall: CER 50.00% WER 50.00% lines 3/6 variants 4 garbage 1", report[2]);
        Assert.Equal("variants-with-garbage: 1", report[^1]);
    }

    [Fact]
    public void Text_measures_follow_the_rendered_character_height_and_line_pitch()
    {
        var lines = new[] { "MEET ANNA AT NOON", "BRING THE MAP", "CALL MOM" };
        foreach (int height in new[] { 30, 60 })
        {
            var (measured, pitch, baseline) = Paint.MeasureText(Handwriting.Page(lines, 3, height));
            Assert.InRange(measured, 0.8 * height, 1.5 * height);
            Assert.InRange(pitch, 1.9 * height * 0.85, 1.9 * height * 1.15); // SyntheticPage's default line spacing is 1.9 heights
            Assert.InRange(baseline, 2.9 * height, 3.2 * height); // its first baseline: a 2-height margin plus one height
        }
    }

    [Fact]
    public void A_homography_maps_its_four_points_and_a_warp_by_the_identity_copies()
    {
        (double, double)[] from = [(0, 0), (0, 10), (10, 10), (10, 0)], to = [(1, 2), (0, 9), (12, 11), (9, 1)];
        var h = Homography.FromPoints(from, to);
        for (int i = 0; i < 4; i++)
        {
            var (y, x) = h.Apply(from[i].Item1, from[i].Item2);
            Assert.Equal(to[i], (Math.Round(y, 9), Math.Round(x, 9)));
        }

        var image = new FloatImage([.. Enumerable.Range(0, 12).Select(i => i / 12f)], 3, 4);
        var copy = Raster.Warp(image, 3, 4, Homography.FromPoints(from, from), [0.5f]);
        Assert.Equal(image.Pixels, copy.Pixels);
    }

    [Fact]
    public void Tilting_grows_the_canvas_and_fills_it_with_the_given_tone()
    {
        var image = new FloatImage([.. Enumerable.Repeat(0.2f, 40 * 60 * 3)], 40, 60, 3);
        var tilted = Raster.Rotate(image, 10, [0.9f, 0.8f, 0.7f]);
        Assert.True(tilted.Height > 40 && tilted.Width > 60);
        Assert.Equal([0.9f, 0.8f, 0.7f], tilted.Pixels.AsSpan(0, 3).ToArray());
        Assert.Equal(0.2f, tilted[tilted.Height / 2, tilted.Width / 2, 1], 4);
    }
}
