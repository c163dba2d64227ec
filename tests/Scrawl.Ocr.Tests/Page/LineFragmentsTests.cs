using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class LineFragmentsTests
{
    private const int H = 160, W = 300;

    /// <summary>Distance of (y, x) from the line y = 10 + x / 2 (slope ½ in image rows per column).</summary>
    private static double FromDiagonal(int y, int x) => Math.Abs(y - 10 - (0.5 * x)) / Math.Sqrt(1.25);

    /// <summary>
    /// Eight ring-shaped "letters" 35 px tall in a row (rows 40–75) and a pencil's edge, 3 px thick along the diagonal, broken as a
    /// light pencil's edge is: a long stretch for x in [50, 240) through the third to fifth rings, then, after a gap, a dash for x in
    /// [250, 276) (≈ 29 px: shorter than a character, a piece that reads as a 1 on its own).
    /// </summary>
    private static BinaryImage PencilPage()
    {
        var boxes = Enumerable.Range(0, 8).SelectMany(i => Ink.Ring(new PixelBox(40, 20 + (i * 30), 75, 40 + (i * 30)))).ToArray();
        var pixels = Ink.Page(H, W, boxes).Pixels.ToArray();
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                if (FromDiagonal(y, x) <= 1.5 && ((x >= 50 && x < 240) || (x >= 250 && x < 276)))
                {
                    pixels[(y * W) + x] = 1;
                }
            }
        }

        return new BinaryImage(H, W, pixels);
    }

    /// <summary>The ink pixels of <paramref name="ink"/> in the dash's columns, below the letters.</summary>
    private static int DashPixels(BinaryImage ink)
    {
        int count = 0;
        for (int y = 100; y < H; y++)
        {
            for (int x = 245; x < 280; x++)
            {
                count += ink[y, x] ? 1 : 0;
            }
        }

        return count;
    }

    [Fact]
    public void A_fitted_line_passes_through_its_points()
    {
        var points = new List<(int Y, int X)>();
        for (int x = 0; x < 200; x++)
        {
            points.Add((10 + (x / 2), x));
        }

        var line = StraightLine.Fit(points);
        Assert.All(points, p => Assert.True(Math.Abs(line.Distance(p.Y, p.X)) < 0.6, $"({p.Y}, {p.X}) is {line.Distance(p.Y, p.X):F2} px off"));
        // The direction along the line is (2, 1)/√5 up to its sign: 100 columns on is 50 rows down and ≈ 111.8 px along.
        Assert.Equal(111.8, Math.Abs(line.Along(60, 100) - line.Along(10, 0)), 1);
        Assert.Equal(30 / Math.Sqrt(1.25), Math.Abs(line.Distance(70, 60) - line.Distance(40, 60)), 2);
        Assert.Throws<ArgumentException>(() => StraightLine.Fit([(1, 1)]));
    }

    [Fact]
    public void The_short_piece_of_a_broken_edge_goes_with_the_long_one_and_the_letters_stay()
    {
        var ink = PencilPage();
        var (labels, _) = Labeling.Label(ink, 8);
        var regions = Regions.Measure(labels);
        var lines = new List<StraightLine>();
        var erased = ObliqueLines.Erase(ink, labels, regions, characterHeight: 35, strokeWidth: 3, lines);
        Assert.NotNull(erased);
        var line = Assert.Single(lines);
        Assert.True(Math.Abs(line.Distance(135, 250)) < 2, "the fitted line runs on along the diagonal");
        Assert.True(DashPixels(erased) > 50, "the dash is too short to be a line by itself");

        var cleaned = LineFragments.Erase(erased, lines, characterHeight: 35, strokeWidth: 3);
        Assert.NotNull(cleaned);
        Assert.Equal(0, DashPixels(cleaned));
        // Every ring keeps its pixels away from the line; the untouched rings are whole.
        Assert.True(cleaned[74, 20 + (7 * 30) + 19]);
        Assert.True(cleaned[40, 20 + (2 * 30)]);
        static int RingsFarFromTheLine(BinaryImage image) => Enumerable.Range(0, H * W).Count(i => i / W < 80 && i % W >= 170 && image.Pixels[i] != 0);
        Assert.Equal(RingsFarFromTheLine(ink), RingsFarFromTheLine(cleaned));
    }

    [Fact]
    public void The_character_finder_no_longer_reads_the_dash()
    {
        var ink = PencilPage();
        var with = CharacterFinder.FindInInk(ink, 1, H, W);
        var without = CharacterFinder.FindInInk(ink, 1, H, W, new CharacterFinderOptions { EraseLineFragments = false });
        Assert.Contains(without, c => c.Box.Left >= 245 && c.Box.Top >= 100);
        Assert.DoesNotContain(with, c => c.Box.Top >= 100);
        Assert.Equal(8, with.Count(c => c.Box.Height >= 30 && c.Box.Top >= 38 && c.Box.Bottom <= 77));
    }

    [Fact]
    public void Without_lines_nothing_is_erased()
    {
        Assert.Null(LineFragments.Erase(PencilPage(), [], characterHeight: 35, strokeWidth: 3));
    }
}
