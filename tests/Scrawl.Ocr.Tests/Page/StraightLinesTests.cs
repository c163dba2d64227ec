using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class StraightLinesTests
{
    /// <summary>A 2-px-wide segment from (y0, x0) to (y1, x1) drawn into <paramref name="pixels"/> (width <paramref name="w"/>).</summary>
    private static void Segment(byte[] pixels, int w, double y0, double x0, double y1, double x1)
    {
        int steps = (int)Math.Ceiling(Math.Max(Math.Abs(y1 - y0), Math.Abs(x1 - x0))) * 2;
        for (int s = 0; s <= steps; s++)
        {
            double t = (double)s / steps;
            int y = (int)Math.Round(y0 + ((y1 - y0) * t)), x = (int)Math.Round(x0 + ((x1 - x0) * t));
            pixels[(y * w) + x] = pixels[(y * w) + x + 1] = 1;
        }
    }

    private static HashSet<int> Find(byte[] pixels, int h, int w, double height)
    {
        var (labels, _) = Labeling.Label(new BinaryImage(h, w, pixels), connectivity: 8);
        return StraightLines.Find(labels, Regions.Measure(labels), height);
    }

    [Fact]
    public void The_broken_outline_of_a_pencil_across_the_page_is_one_straight_line()
    {
        const int H = 300, W = 400;
        var pixels = new byte[H * W];
        // Four collinear pieces at about 30 degrees, each 40 px long with gaps (letters would sit in the gaps), character height 40.
        for (int k = 0; k < 4; k++)
        {
            double x0 = 20 + (k * 80), y0 = 40 + (k * 80 * 0.577);
            Segment(pixels, W, y0, x0, y0 + (40 * 0.5), x0 + (40 * 0.866));
        }

        Assert.Equal(4, Find(pixels, H, W, 40).Count);
    }

    [Fact]
    public void Slanted_strokes_of_writing_are_parallel_not_collinear_and_stay()
    {
        const int H = 120, W = 400;
        var pixels = new byte[H * W];
        // Eight slanted "1"s along a line of writing: the same angle, side by side.
        for (int k = 0; k < 8; k++)
        {
            Segment(pixels, W, 20, 40 + (k * 40), 60, 20 + (k * 40));
        }

        Assert.Empty(Find(pixels, H, W, 40));
    }

    [Fact]
    public void Upright_strokes_and_a_short_oblique_stroke_are_left_to_the_letters()
    {
        const int H = 120, W = 300;
        var pixels = new byte[H * W];
        Segment(pixels, W, 10, 50, 100, 50);      // a long vertical stroke
        Segment(pixels, W, 10, 100, 40, 130);     // one short diagonal
        Assert.Empty(Find(pixels, H, W, 40));
    }

    [Fact]
    public void The_sliver_the_frame_cuts_off_an_upright_pen_edge_goes_with_the_edge()
    {
        const int H = 400, W = 200;
        var pixels = new byte[H * W];
        // A pen edge 5 degrees off the columns, 300 px long (7.5 character heights of 40), broken 10 px before the frame, where the
        // last 30 px of it lie on their own (the sliver): only the sliver is a piece to drop; the edge itself is left to the size filters.
        double slope = Math.Tan(5 * Math.PI / 180);
        Segment(pixels, W, 20, 60, 320, 60 + (300 * slope));
        Segment(pixels, W, 330, 60 + (310 * slope), 360, 60 + (340 * slope));
        var (labels, _) = Labeling.Label(new BinaryImage(H, W, pixels), connectivity: 8);
        var regions = Regions.Measure(labels);
        var sliver = regions.Single(r => r.Top >= 325).Label;

        Assert.Equal([sliver], StraightLines.Find(labels, regions, 40));
    }

    [Fact]
    public void Upright_strokes_beside_a_long_upright_line_or_stacked_on_each_other_stay()
    {
        const int H = 400, W = 300;
        var pixels = new byte[H * W];
        Segment(pixels, W, 20, 60, 320, 60);      // a long upright line (a page's edge): 7.5 character heights
        Segment(pixels, W, 100, 80, 140, 80);     // a "1" written half a character height beside it
        for (int k = 0; k < 5; k++)
        {
            Segment(pixels, W, 20 + (k * 60), 200, 60 + (k * 60), 200); // list numbers "1" down a margin: collinear, none long
        }

        Assert.Empty(Find(pixels, H, W, 40));
    }
}
