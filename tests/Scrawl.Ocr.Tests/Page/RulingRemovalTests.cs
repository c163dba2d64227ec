using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class RulingRemovalTests
{
    private static readonly FloatImage Page = SyntheticPage.Render(PageScenes.Lines, seed: 5);

    /// <summary>The page with printed lines every <paramref name="spacing"/> pixels (rows, and columns too for a grid), grey 0.45, two pixels thick.</summary>
    private static FloatImage Ruled(int spacing, bool grid)
    {
        var pixels = Page.Pixels.ToArray();
        for (int y = 0; y < Page.Height; y++)
        {
            for (int x = 0; x < Page.Width; x++)
            {
                bool line = y % spacing < 2 || (grid && x % spacing < 2);
                int i = (y * Page.Width) + x;
                pixels[i] = line ? Math.Min(pixels[i], 0.45f) : pixels[i];
            }
        }

        return new FloatImage(pixels, Page.Height, Page.Width);
    }

    [Fact]
    public void Ruled_lines_go_and_the_characters_stay()
    {
        var clean = CharacterFinder.Find(Page);
        int typical = (int)CharacterFinder.TypicalHeight([.. clean.Select(c => (double)c.Box.Height)]);
        var ruled = Ruled((int)(1.3 * typical), grid: false);
        var kept = CharacterFinder.Find(ruled);
        var without = CharacterFinder.Find(ruled, new CharacterFinderOptions { RemoveRuling = false, FrameIntruderFactor = 0 });
        Assert.True(without.Count > clean.Count * 1.2 || without.Any(c => c.Box.Width > 3 * typical), $"clean {clean.Count}, ruled {without.Count}"); // the lines are there to be removed
        Assert.DoesNotContain(kept, c => c.Box.Width > 3 * typical);
        Assert.InRange(kept.Count, clean.Count * 0.9, clean.Count * 1.1);
    }

    [Fact]
    public void A_mask_without_long_lines_comes_back_as_it_is()
    {
        var ink = CharacterFinder.Binarize(Page);
        Assert.Same(ink, RulingRemoval.Remove(ink));
    }

    [Fact]
    public void A_stroke_crossing_a_line_keeps_its_pixels()
    {
        // A 40×200 mask: a 2-px line along row 20 and a 3-px vertical stroke crossing it, plus 12 letter-like blocks for the height.
        var pixels = new byte[60 * 200];
        for (int x = 0; x < 200; x++)
        {
            pixels[(20 * 200) + x] = pixels[(21 * 200) + x] = 1;
        }

        for (int y = 5; y < 40; y++)
        {
            pixels[(y * 200) + 100] = pixels[(y * 200) + 101] = pixels[(y * 200) + 102] = 1;
        }

        for (int b = 0; b < 12; b++)
        {
            for (int y = 45; y < 57; y++)
            {
                pixels[(y * 200) + (b * 15) + 3] = 1;
            }
        }

        var result = RulingRemoval.Remove(new BinaryImage(60, 200, pixels));
        Assert.False(result[20, 10]);
        Assert.False(result[21, 150]);
        Assert.True(result[20, 101]);
        Assert.True(result[30, 101]);
    }
}
