using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class PenRemovalTests
{
    /// <summary>Eight ring-shaped "letters" 35 px tall in a row, plus whatever <paramref name="draw"/> adds; pixels set where it returns true.</summary>
    private static BinaryImage Page(Func<int, int, bool> draw)
    {
        var boxes = Enumerable.Range(0, 8).SelectMany(i => Ink.Ring(new PixelBox(40, 20 + (i * 30), 75, 40 + (i * 30)))).ToArray();
        var pixels = Ink.Page(160, 300, boxes).Pixels.ToArray();
        for (int y = 0; y < 160; y++)
        {
            for (int x = 0; x < 300; x++)
            {
                if (draw(y, x))
                {
                    pixels[(y * 300) + x] = 1;
                }
            }
        }

        return new BinaryImage(160, 300, pixels);
    }

    /// <summary>Distance of (y, x) from the line through (10, 0) and (150, 280): slope ½ in image rows per column.</summary>
    private static double FromDiagonal(int y, int x) => Math.Abs((y - 10) - (0.5 * x)) / Math.Sqrt(1.25);

    [Fact]
    public void A_pen_touching_a_letter_is_cut_out_and_the_letter_stays()
    {
        // A bar 16 px thick along the diagonal that runs into the third ring's corner: before, the ring went with the pen.
        var ink = Page((y, x) => FromDiagonal(y, x) <= 8 && x >= 60);
        var (labels, _) = Labeling.Label(ink, 8);
        var regions = Regions.Measure(labels);
        var depth = ThickBlobs.Measure(ink, labels, regions);
        double limit = ThickBlobs.Limit(depth);
        var pen = regions.Single(r => depth.Deepest[r.Label] > limit);
        Assert.True(ThickBlobs.IsPenLike(pen, depth));
        var carved = ThickBlobs.Carve(ink, labels, depth, 2 * depth.TypicalStroke, new HashSet<int> { pen.Label }, grow: 2 * depth.TypicalStroke);
        Assert.False(carved[80, 140]); // the bar's middle is gone
        Assert.True(carved[74, 20 + (2 * 30) + 1]); // the touched ring's far corner stays
        Assert.True(carved[74, 20 + (7 * 30) + 19]); // an untouched ring is whole
        var found = CharacterFinder.FindInInk(ink, 1, 160, 300);
        // Rings 0 and 4–7 whole, ring 1 (touched at its corner) nearly whole; rings 2 and 3 lie under the pen; no piece of the pen is left.
        Assert.Equal(5, found.Count(c => c.Box.Height == 35));
        Assert.Contains(found, c => c.Box.Left == 50 && c.Box.Height >= 30);
        Assert.DoesNotContain(found, c => c.Box.Bottom > 80);
    }

    [Fact]
    public void A_compact_blob_is_not_pen_like()
    {
        var ink = Page((y, x) => ((y - 120) * (y - 120)) + ((x - 150) * (x - 150)) <= 225);
        var (labels, _) = Labeling.Label(ink, 8);
        var regions = Regions.Measure(labels);
        var depth = ThickBlobs.Measure(ink, labels, regions);
        var disc = regions.Single(r => depth.Deepest[r.Label] > ThickBlobs.Limit(depth));
        Assert.False(ThickBlobs.IsPenLike(disc, depth));
    }

    [Fact]
    public void A_long_thin_oblique_line_through_letters_is_erased_and_the_letters_stay()
    {
        // A pen's edge after flattening: a 3-px oblique line that touches two rings and joins them into one component.
        var ink = Page((y, x) => FromDiagonal(y, x) <= 1.5 && x >= 50);
        var (labels, _) = Labeling.Label(ink, 8);
        var regions = Regions.Measure(labels);
        var erased = ObliqueLines.Erase(ink, labels, regions, characterHeight: 35, strokeWidth: 3);
        Assert.NotNull(erased);
        Assert.False(erased[10 + 100, 200]); // on the line, far from letters
        Assert.True(erased[74, 20 + (7 * 30) + 19]);
        var (after, count) = Labeling.Label(erased, 8);
        Assert.True(count >= 8);
        Assert.DoesNotContain(Regions.Measure(after), r => r.BoxWidth > 60); // nothing long is left
    }

    /// <summary>
    /// Mixed-case writing (#23): twelve x-height rings 18 px tall, three ascender-like bars and a capital N 36 px tall (2 x-heights, as
    /// capitals stand beside lower case) and 40 wide, whose diagonal (≈ 51 px) is longer than 2.5 x-heights; with <paramref name="pen"/>,
    /// the edge of a pen running across the page through the first rings as well.
    /// </summary>
    private static BinaryImage MixedCasePage(bool pen)
    {
        const int Width = 420;
        var boxes = Enumerable.Range(0, 12).SelectMany(i => Ink.Ring(new PixelBox(56, 10 + (i * 24), 74, 28 + (i * 24))))
            .Concat(Enumerable.Range(0, 3).Select(i => new PixelBox(38, 300 + (i * 12), 74, 303 + (i * 12))))
            .Concat([CapitalN with { Right = CapitalN.Left + 3 }, CapitalN with { Left = CapitalN.Right - 3 }]).ToArray();
        var pixels = Ink.Page(160, Width, boxes).Pixels.ToArray();
        for (int y = CapitalN.Top; y < CapitalN.Bottom; y++)
        {
            // The diagonal from the left stem's top to the right stem's foot, 3 px thick.
            int x = CapitalN.Left + ((y - CapitalN.Top) * (CapitalN.Width - 3) / (CapitalN.Height - 1));
            pixels.AsSpan((y * Width) + x, 3).Fill(1);
        }

        if (pen)
        {
            // A 3-px line from (60, 0) to (102, 420) through the first six rings, joining them into one component: 422 px long.
            for (int x = 0; x < Width; x++)
            {
                for (int dy = 0; dy < 3; dy++)
                {
                    pixels[((60 + (x / 10) + dy) * Width) + x] = 1;
                }
            }
        }

        return new BinaryImage(160, Width, pixels);
    }

    private static PixelBox CapitalN => new(38, 350, 74, 390);

    /// <summary>The character finder's settings for mixed-case reading, as the page reader makes them for <paramref name="ink"/>.</summary>
    private static CharacterFinderOptions MixedCaseSettings(BinaryImage ink)
    {
        var photo = new FloatImage([.. ink.Pixels.ToArray().Select(p => p == 0 ? 1f : 0f)], ink.Height, ink.Width);
        return PageReader.SegmentationFor(photo, new PageReadingOptions { MixedCase = new Scrawl.Ocr.Case.MixedCaseOptions() }).Characters;
    }

    [Fact]
    public void A_capital_beside_lower_case_keeps_its_diagonal()
    {
        // #23: the oblique-line length was measured in the typical (median) height, which for mixed case is the x-height, so a wide capital's
        // diagonal counted as a pen's edge and was erased (ocr-mixed: the R of "Run" read as C, the T of "THREE" lost).
        var ink = MixedCasePage(pen: false);
        var found = CharacterFinder.FindInInk(ink, 1, ink.Height, ink.Width, MixedCaseSettings(ink));
        var n = Assert.Single(found, c => c.Box.Left >= 340);
        Assert.Equal(CapitalN, n.Box);
        Assert.Equal(Enumerable.Range(0, CapitalN.Height * CapitalN.Width).Count(i => ink[CapitalN.Top + (i / CapitalN.Width), CapitalN.Left + (i % CapitalN.Width)]), n.InkPixels);
        Assert.Equal(16, found.Count);
    }

    [Fact]
    public void A_pen_edge_is_still_erased_in_mixed_case()
    {
        var ink = MixedCasePage(pen: true);
        var found = CharacterFinder.FindInInk(ink, 1, ink.Height, ink.Width, MixedCaseSettings(ink));
        Assert.DoesNotContain(found, c => c.Box.Width > 60 || c.Box.Bottom > 80); // the line's stretch beyond the writing is gone
        Assert.Contains(found, c => c.Box == CapitalN);
    }

    [Fact]
    public void Writing_alone_has_no_oblique_line()
    {
        var ink = Page((_, _) => false);
        var (labels, _) = Labeling.Label(ink, 8);
        Assert.Null(ObliqueLines.Erase(ink, labels, Regions.Measure(labels), characterHeight: 35, strokeWidth: 3));
    }
}
