using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class WorkingResolutionTests
{
    [Theory]
    [InlineData(null, 1.0)]
    [InlineData(80.0, 1.0)]
    [InlineData(22.5, 0.5)]
    [InlineData(230.0, 2.0)]
    public void Pixel_settings_scale_only_outside_the_validated_band(double? height, double factor) =>
        Assert.Equal(factor, WorkingResolution.Factor(height), 9);

    [Fact]
    public void Scaling_keeps_the_window_odd_and_every_size_valid()
    {
        var half = WorkingResolution.Scale(new CharacterFinderOptions(), 0.5);
        Assert.Equal((27, 2, 0.5f), (half.SauvolaWindow, half.ClosingSize, half.BlurSigma));
        var tiny = WorkingResolution.Scale(new CharacterFinderOptions(), 0.01);
        Assert.Equal((3, 2), (tiny.SauvolaWindow, tiny.ClosingSize));
        tiny.Validate();
        Assert.Equal(1, WorkingResolution.Scale(new CharacterFinderOptions { ClosingSize = 1 }, 0.01).ClosingSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingResolution.Scale(new CharacterFinderOptions(), 0));
    }

    [Fact]
    public void The_character_height_estimate_is_close_to_the_drawn_height()
    {
        var page = SyntheticPage.Render(["HELLO WORLD 42", "TEST PAGE"], seed: 2, new SyntheticPageOptions { CharacterHeight = 60 });
        Assert.InRange(WorkingResolution.EstimateCharacterHeight(page)!.Value, 50, 70);
        Assert.Null(WorkingResolution.EstimateCharacterHeight(new Scrawl.Imaging.FloatImage(Enumerable.Repeat(0.8f, 10000).ToArray(), 100, 100)));
    }

    [Fact]
    public void On_grid_paper_the_estimate_measures_the_letters_not_the_grid_cells()
    {
        // Letters 60 px tall on a dark grid with 40-px cells: every letter touches the grid.
        var page = SyntheticPage.Render(["HELLO WORLD 42", "TEST PAGE"], seed: 2, new SyntheticPageOptions { CharacterHeight = 60 });
        var pixels = (float[])page.Pixels.Clone();
        for (int y = 0; y < page.Height; y++)
        {
            for (int x = 0; x < page.Width; x++)
            {
                if (y % 40 == 0 || x % 40 == 0)
                {
                    pixels[(y * page.Width) + x] = Math.Min(pixels[(y * page.Width) + x], 0.3f);
                }
            }
        }

        Assert.InRange(WorkingResolution.EstimateCharacterHeight(new FloatImage(pixels, page.Height, page.Width))!.Value, 45, 75);
    }
}
