using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

/// <summary>The character height estimate on pages where something other than the writing makes most of the components or the ink.</summary>
public class WorkingResolutionClutterTests
{
    private const int Height = 60;

    [Fact]
    public void On_dot_grid_paper_the_estimate_measures_the_letters_not_the_dots()
    {
        // Dots 12 px across every 36 px: over 300 of them beside about 20 letters.
        var page = Letters(0.1f);
        var pixels = (float[])page.Pixels.Clone();
        for (int cy = 18; cy < page.Height; cy += 36)
        {
            for (int cx = 18; cx < page.Width; cx += 36)
            {
                Disc(pixels, page.Height, page.Width, cy, cx, 6, 0.35f);
            }
        }

        var dotted = new FloatImage(pixels, page.Height, page.Width);
        Assert.InRange(WorkingResolution.EstimateCharacterHeight(dotted)!.Value, 50, 70);
    }

    [Fact]
    public void Beside_dark_punched_holes_faint_pencil_letters_are_measured()
    {
        // Light grey letters (0.6 on paper 0.85) and a column of near-black holes 48 px across down the left edge, which hold most of the ink.
        var page = Letters(0.6f);
        var pixels = (float[])page.Pixels.Clone();
        for (int cy = 30; cy < page.Height - 24; cy += 70)
        {
            Disc(pixels, page.Height, page.Width, cy, 30, 24, 0.05f);
        }

        var punched = new FloatImage(pixels, page.Height, page.Width);
        Assert.InRange(WorkingResolution.EstimateCharacterHeight(punched)!.Value, 50, 70);
    }

    [Fact]
    public void Without_clutter_the_measure_is_unchanged_by_the_ink_tone()
    {
        Assert.InRange(WorkingResolution.EstimateCharacterHeight(Letters(0.1f))!.Value, 50, 70);
        Assert.InRange(WorkingResolution.EstimateCharacterHeight(Letters(0.6f))!.Value, 50, 70);
    }

    /// <summary>Two lines of letters <see cref="Height"/> px tall in grey <paramref name="ink"/> on paper of 0.85, with a margin for the holes.</summary>
    private static FloatImage Letters(float ink)
    {
        var page = SyntheticPage.Render(["HELLO WORLD 42", "TEST PAGE"], seed: 2, new SyntheticPageOptions { CharacterHeight = Height });
        var pixels = page.Pixels.Select(v => 0.85f - ((0.85f - ink) * (1 - v))).ToArray();
        return new FloatImage(pixels, page.Height, page.Width);
    }

    private static void Disc(float[] pixels, int height, int width, int cy, int cx, int radius, float tone)
    {
        for (int y = Math.Max(0, cy - radius); y <= Math.Min(height - 1, cy + radius); y++)
        {
            for (int x = Math.Max(0, cx - radius); x <= Math.Min(width - 1, cx + radius); x++)
            {
                if (((y - cy) * (y - cy)) + ((x - cx) * (x - cx)) <= radius * radius)
                {
                    pixels[(y * width) + x] = tone;
                }
            }
        }
    }
}
