using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class AxisPenEdgesTests
{
    /// <summary>Five rows of six ring letters 30 px tall (strokes 3 px) on the left of a 400×400 page.</summary>
    private static PixelBox[] Letters() => [.. Enumerable.Range(0, 5).SelectMany(i => Ink.Row(20 + (i * 60), 20, 6, 12))];

    /// <summary>A dashed edge 2 px thick turned <paramref name="degrees"/> from upright, starting at column <paramref name="x0"/> on row 10: 50 px of ink, 25 px of paper, down to row 370.</summary>
    private static IEnumerable<(int Y, int X)> DashedEdge(double x0, double degrees)
    {
        double slope = Math.Tan(degrees * Math.PI / 180);
        for (int y = 10; y < 370; y++)
        {
            if ((y - 10) % 75 < 50)
            {
                int x = (int)Math.Round(x0 + ((y - 10) * slope));
                yield return (y, x);
                yield return (y, x + 1);
            }
        }
    }

    private static BinaryImage Page(PixelBox[] boxes, IEnumerable<(int Y, int X)> extra)
    {
        var ink = Ink.Page(400, 400, boxes);
        var pixels = ink.Pixels.ToArray();
        foreach (var (y, x) in extra)
        {
            pixels[(y * 400) + x] = 1;
        }

        return new BinaryImage(400, 400, pixels);
    }

    private static HashSet<int> Find(BinaryImage ink, out IReadOnlyList<RegionProperties> regions)
    {
        var (labels, _) = Labeling.Label(ink, connectivity: 8);
        regions = Regions.Measure(labels);
        return AxisPenEdges.Find(labels, regions, 30, 3);
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(-2.0)]
    [InlineData(0.0)]
    public void The_dashed_edges_of_an_upright_pen_are_no_characters_and_the_letters_stay(double degrees)
    {
        var ink = Page(Letters(), [.. DashedEdge(300, degrees), .. DashedEdge(318, degrees)]);
        var found = CharacterFinder.FindInInk(ink, 1.0, ink.Height, ink.Width);
        Assert.Equal(30, found.Count);
        Assert.All(found, c => Assert.True(c.Box.Right <= 250, $"a character at {c.Box}"));

        // Each edge is five dashes; all ten go, no letter with them.
        var labels = Find(ink, out var regions);
        Assert.Equal(10, labels.Count);
        Assert.All(regions.Where(r => labels.Contains(r.Label)), r => Assert.True(r.Left >= 280, $"a letter taken: {r.Top},{r.Left}"));
    }

    [Fact]
    public void A_crumb_of_an_edge_in_a_gap_between_its_dashes_goes_with_them_and_a_letter_beside_the_edge_stays()
    {
        // 12 px of the left edge in the gap below its first dash (rows 64–75), and a ring letter 4 px left of the edge.
        var crumb = Enumerable.Range(64, 12).Select(y => (Y: y, X: (int)Math.Round(300 + ((y - 10) * Math.Tan(4 * Math.PI / 180)))));
        var ink = Page([.. Letters(), .. Ink.Ring(new PixelBox(300, 270, 330, 290))], [.. DashedEdge(300, 4), .. DashedEdge(318, 4), .. crumb]);
        var labels = Find(ink, out var regions);
        Assert.Equal(11, labels.Count);
        Assert.Equal(31, CharacterFinder.FindInInk(ink, 1.0, ink.Height, ink.Width).Count);
    }

    [Fact]
    public void Without_the_filter_the_dashes_are_read_as_characters()
    {
        var ink = Page(Letters(), [.. DashedEdge(300, 4), .. DashedEdge(318, 4)]);
        var unfiltered = CharacterFinder.FindInInk(ink, 1.0, ink.Height, ink.Width, new CharacterFinderOptions { RemoveStraightLines = false });
        Assert.True(unfiltered.Count > 30, $"{unfiltered.Count} characters without the filter");
    }

    [Fact]
    public void One_dashed_line_without_a_parallel_twin_is_left()
    {
        Assert.Empty(Find(Page(Letters(), DashedEdge(300, 4)), out _));
    }

    [Fact]
    public void Edges_further_apart_than_a_character_is_tall_are_not_one_pen()
    {
        Assert.Empty(Find(Page(Letters(), [.. DashedEdge(300, 4), .. DashedEdge(340, 4)]), out _));
    }

    [Fact]
    public void A_column_of_upright_strokes_in_every_row_is_writing()
    {
        // An I (30 × 3 px) at the same place in each of the five rows: one collinear chain, with no twin.
        PixelBox[] stems = [.. Enumerable.Range(0, 5).Select(i => new PixelBox(20 + (i * 60), 300, 50 + (i * 60), 303))];
        var ink = Ink.Page(400, 400, [.. Letters(), .. stems]);
        Assert.Empty(Find(ink, out _));
        Assert.Equal(35, CharacterFinder.FindInInk(ink, 1.0, ink.Height, ink.Width).Count);
    }

    [Fact]
    public void A_dash_is_thin_straight_and_near_the_axes()
    {
        List<(int Y, int X)> Bar(int length, double degrees, int thickness) =>
            [.. Enumerable.Range(0, length).SelectMany(t => Enumerable.Range(0, thickness).Select(k => ((int)Math.Round(t * Math.Cos(degrees * Math.PI / 180)) + 50, (int)Math.Round(t * Math.Sin(degrees * Math.PI / 180)) + 50 + k))).Distinct()];
        Assert.NotNull(AxisPenEdges.IsDash(Bar(60, 5, 2), 3));
        Assert.NotNull(AxisPenEdges.IsDash(Bar(60, 85, 2), 3));
        Assert.Null(AxisPenEdges.IsDash(Bar(60, 30, 2), 3));
        Assert.Null(AxisPenEdges.IsDash(Bar(60, 0, 6), 3));
    }
}
