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

    [Fact]
    public void Writing_alone_has_no_oblique_line()
    {
        var ink = Page((_, _) => false);
        var (labels, _) = Labeling.Label(ink, 8);
        Assert.Null(ObliqueLines.Erase(ink, labels, Regions.Measure(labels), characterHeight: 35, strokeWidth: 3));
    }
}
