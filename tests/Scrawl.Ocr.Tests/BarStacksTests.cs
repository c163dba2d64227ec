namespace Scrawl.Ocr.Tests;

public class BarStacksTests
{
    /// <summary>A row of six ring letters 30 px tall, and below it the given extra boxes.</summary>
    private static IReadOnlyList<InkCharacter> Find(params PixelBox[] extra)
    {
        var ink = Ink.Page(160, 300, [.. Ink.Row(20, 20, 6, 12), .. extra]);
        return CharacterFinder.FindInInk(ink, 1.0, ink.Height, ink.Width);
    }

    /// <summary>Four printed text lines seen as bars 3 px thick and 36 px long, 7 px apart, at the given place.</summary>
    private static PixelBox[] Bars(int top, int left) => [.. Enumerable.Range(0, 4).Select(i => new PixelBox(top + (i * 7), left, top + (i * 7) + 3, left + 36))];

    [Fact]
    public void A_stack_of_bars_is_no_character_and_the_letters_stay()
    {
        var found = Find(Bars(90, 40));
        Assert.Equal(6, found.Count);
        Assert.All(found, c => Assert.True(c.Box.Bottom <= 60, $"a character at {c.Box}"));
        // Without the bars filter the stack is read as one more character.
        var ink = Ink.Page(160, 300, [.. Ink.Row(20, 20, 6, 12), .. Bars(90, 40)]);
        Assert.Equal(7, CharacterFinder.FindInInk(ink, 1.0, 160, 300, new CharacterFinderOptions { RemoveStraightLines = false }).Count);
    }

    [Fact]
    public void An_E_whose_bars_meet_its_stem_and_a_lone_dash_stay()
    {
        // E: a stem 3 px wide with three bars joined to it (one component); a dash of two bars ("=") is not a stack of three.
        PixelBox[] e = [new(90, 40, 120, 43), new(90, 40, 93, 60), new(103, 40, 106, 56), new(117, 40, 120, 60)];
        PixelBox[] equals = [new(100, 100, 103, 130), new(108, 100, 111, 130)];
        var found = Find([.. e, .. equals]);
        Assert.Equal(8, found.Count);
    }

    [Fact]
    public void A_bar_is_wide_thin_and_solid()
    {
        static Scrawl.Imaging.RegionProperties Region(int height, int width, int area) => new(1, area, 0, 0, height, width, height / 2.0, width / 2.0);
        Assert.True(BarStacks.IsBar(Region(3, 36, 108)));
        Assert.False(BarStacks.IsBar(Region(10, 36, 360)));
        Assert.False(BarStacks.IsBar(Region(3, 36, 40)));
        Assert.True(BarStacks.IsStack([Region(3, 36, 108), Region(3, 30, 90), Region(4, 40, 150)]));
        Assert.False(BarStacks.IsStack([Region(3, 36, 108), Region(3, 30, 90)]));
        Assert.False(BarStacks.IsStack([Region(3, 36, 108), Region(3, 30, 90), Region(30, 3, 90)]));
    }
}
