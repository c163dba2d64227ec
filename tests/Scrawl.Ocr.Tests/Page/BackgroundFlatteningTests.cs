using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class BackgroundFlatteningTests
{
    /// <summary>Paper at 0.9 with a grid of 0.5 lines every 30 px; the lower half in a 0.45× hard shadow; a 0.15 stroke crossing a line.</summary>
    private static FloatImage GridPaper()
    {
        const int H = 120, W = 160;
        var pixels = new float[H * W];
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                float p = 0.9f;
                if (y % 30 == 10 || x % 30 == 10)
                {
                    p = 0.5f;
                }

                if (x is >= 52 and < 55 && y is >= 2 and < 22)
                {
                    p = 0.15f; // a vertical stroke 20 px long through the line at row 10
                }

                pixels[(y * W) + x] = y >= 60 ? p * 0.45f : p;
            }
        }

        return new FloatImage(pixels, H, W);
    }

    [Fact]
    public void Grid_lines_and_a_hard_shadow_become_paper_while_a_crossing_stroke_keeps_its_contrast()
    {
        var flat = CharacterFinder.Flatten(GridPaper(), 41);
        Assert.InRange(flat[10, 100], 0.95f, 1f);  // a grid line in the light
        Assert.InRange(flat[70, 100], 0.95f, 1f);  // a grid line in the shadow
        Assert.InRange(flat[40, 100], 0.95f, 1f);  // the shadow edge region and the paper
        Assert.InRange(flat[59, 100], 0.95f, 1f);
        Assert.InRange(flat[60, 100], 0.95f, 1f);
        Assert.InRange(flat[5, 53], 0f, 0.2f);     // the stroke on paper
        Assert.InRange(flat[10, 53], 0f, 0.35f);   // the stroke where it crosses the line (0.15 / 0.5)
    }

    [Fact]
    public void The_footprint_is_longer_than_letters_and_never_below_a_32nd_of_the_page()
    {
        Assert.Equal(151, WorkingResolution.BackgroundLength(60, 1600));
        Assert.Equal(51, WorkingResolution.BackgroundLength(10, 1600));
        Assert.Equal(0, WorkingResolution.BackgroundLength(null, 1600));
        Assert.Equal(1, WorkingResolution.BackgroundLength(44, 300) % 2);
    }

    [Fact]
    public void Binarising_with_the_background_length_finds_the_stroke_and_not_the_grid_or_the_shadow_edge()
    {
        var options = new CharacterFinderOptions { BackgroundLength = 41, SauvolaWindow = 15, ClosingSize = 1, BlurSigma = 0 };
        var ink = CharacterFinder.Binarize(GridPaper(), options);
        Assert.True(ink[5, 53]);
        Assert.True(ink[10, 53]);
        int inkPixels = 0;
        foreach (byte b in ink.Pixels)
        {
            inkPixels += b;
        }

        Assert.InRange(inkPixels, 40, 90); // the 3 × 20 stroke, give or take its edges; no grid, no shadow edge
    }
}
