using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class BarFieldsTests
{
    /// <summary>
    /// <paramref name="count"/> printed text lines seen as bars 3 px thick and 60 px long, turned with the page: each a staircase of three
    /// 20-px steps 2 px apart (box 7 px tall, filling 0.43 of it: no upright bar), their centres 9 px apart.
    /// </summary>
    private static IEnumerable<PixelBox> TurnedBars(int top, int left, int count) =>
        Enumerable.Range(0, count).SelectMany(i => Enumerable.Range(0, 3).Select(k => new PixelBox(top + (i * 9) + (2 * k), left + (20 * k), top + (i * 9) + (2 * k) + 3, left + (20 * k) + 20)));

    private static HashSet<int> Find(BinaryImage ink, out IReadOnlyList<RegionProperties> regions)
    {
        var (labels, _) = Labeling.Label(ink, connectivity: 8);
        regions = Regions.Measure(labels);
        return BarFields.Find(labels, regions);
    }

    [Fact]
    public void A_field_of_turned_bars_and_the_gutter_sliver_among_them_is_no_writing_and_the_letters_stay()
    {
        // Six ring letters 30 px tall; below them eight turned bars and a column gutter's sliver just right of them.
        PixelBox[] printed = [.. TurnedBars(90, 150, 8), new PixelBox(88, 212, 160, 214)];
        var ink = Ink.Page(200, 320, [.. Ink.Row(20, 20, 6, 12), .. printed]);
        var found = CharacterFinder.FindInInk(ink, 1.0, ink.Height, ink.Width);
        Assert.Equal(6, found.Count);
        Assert.All(found, c => Assert.True(c.Box.Bottom <= 60, $"a character at {c.Box}"));

        // Without the filter the field is read as characters.
        var unfiltered = CharacterFinder.FindInInk(ink, 1.0, ink.Height, ink.Width, new CharacterFinderOptions { RemoveStraightLines = false });
        Assert.True(unfiltered.Count > 6, $"{unfiltered.Count} characters without the filter");

        var labels = Find(ink, out var regions);
        Assert.Equal(9, labels.Count);
        Assert.All(regions.Where(r => labels.Contains(r.Label)), r => Assert.True(r.Top >= 88, $"a letter taken: {r.Top},{r.Left}"));
    }

    [Fact]
    public void Five_chained_bars_are_not_a_field()
    {
        var ink = Ink.Page(200, 320, [.. TurnedBars(90, 150, BarFields.MinBars - 1)]);
        Assert.Empty(Find(ink, out _));
        Assert.Equal(BarFields.MinBars, Find(Ink.Page(200, 320, [.. TurnedBars(90, 150, BarFields.MinBars)]), out _).Count);
    }

    [Theory]
    [InlineData(2, 40, false)]
    [InlineData(4, 36, false)]
    [InlineData(4, 36, true)]
    public void Ruled_lines_with_writing_between_are_not_a_field(int thickness, int spacing, bool touching)
    {
        // Eight ruled lines (at 36 px apart and 4 px thick, within a printed pitch of their thickness) with a row of ring letters 30 px
        // tall on each, standing on the line or just above it.
        var lines = Enumerable.Range(0, 8).Select(i => new PixelBox(45 + (i * spacing), 5, 45 + (i * spacing) + thickness, 315));
        var letters = Enumerable.Range(0, 8).SelectMany(i => Ink.Row(45 + (i * spacing) - 30 - (touching ? 0 : 3), 20, 6, 12));
        var ink = Ink.Page(400, 320, [.. lines, .. letters]);
        Assert.Empty(Find(ink, out _));
        Assert.Same(ink, BarFields.Remove(ink));
    }

    [Fact]
    public void A_thin_bar_is_wide_for_its_thickness_and_nearly_level()
    {
        static RegionProperties Region(int height, int width, int area) => new(1, area, 0, 0, height, width, height / 2.0, width / 2.0);
        Assert.True(BarFields.IsThinBar(Region(7, 60, 180)));
        Assert.True(BarFields.IsThinBar(Region(3, 36, 108)));
        Assert.False(BarFields.IsThinBar(Region(30, 30, 200)), "a ring letter");
        Assert.False(BarFields.IsThinBar(Region(40, 40, 120)), "a diagonal stroke");
        Assert.False(BarFields.IsThinBar(Region(10, 20, 150)), "a blob");
    }
}
