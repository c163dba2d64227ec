using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class FrameIntruderTests
{
    private const int Height = 160, Width = 300;

    /// <summary>
    /// Eight ring "letters" 30 px tall, plus extra boxes; the boxes of a fingertip's outline reaching in from the right border:
    /// two edges 3 px thick from the border to column 240 (rows 60 and 110) and the tip joining them at column 240.
    /// </summary>
    private static readonly PixelBox[] Finger =
    [
        new(60, 240, 63, Width),
        new(107, 240, 110, Width),
        new(60, 240, 110, 243),
    ];

    private static BinaryImage Page(params PixelBox[] extra) =>
        Ink.Page(Height, Width, [.. Ink.Row(20, 10, 8, 8), .. extra]);

    [Fact]
    public void A_fingertip_outline_from_the_border_is_dropped_and_the_letters_stay()
    {
        var found = CharacterFinder.FindInInk(Page(Finger), 1, Height, Width);
        Assert.Equal(8, found.Count);
        Assert.All(found, c => Assert.Equal(30, c.Box.Height));

        var kept = CharacterFinder.FindInInk(Page(Finger), 1, Height, Width, new CharacterFinderOptions { FrameIntruderFactor = 0 });
        Assert.Contains(kept, c => c.Box.Right == Width);
    }

    [Fact]
    public void A_letter_cut_by_the_frame_and_a_long_mark_inside_the_page_are_not_intruders()
    {
        // A ring touching the left border (one character high) and a long bar that stops short of the right border.
        var ink = Page([.. Ink.Ring(new PixelBox(100, 0, 130, 20)), new PixelBox(140, 100, 143, Width - 1)]);
        var (labels, _) = Labeling.Label(ink, 8);
        var regions = Regions.Measure(labels);
        Assert.Empty(FrameIntruders.Find(regions, Height, Width, typicalHeight: 30));

        // Reaching the border makes the bar one.
        var touching = Page(new PixelBox(140, 100, 143, Width));
        var (touchingLabels, _) = Labeling.Label(touching, 8);
        var bar = FrameIntruders.Find(Regions.Measure(touchingLabels), Height, Width, typicalHeight: 30);
        Assert.Single(bar);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-2.0)]
    public void A_factor_of_one_or_less_is_refused(double factor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameIntruders.Find([], 10, 10, 5, factor));
}
