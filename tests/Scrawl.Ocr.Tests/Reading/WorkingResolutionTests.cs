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
        Assert.Equal((3, 1), (tiny.SauvolaWindow, tiny.ClosingSize));
        tiny.Validate();
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

    [Theory]
    [InlineData(30, 1, true)] // larger than the 512-px thumbnail: resampled first
    [InlineData(16, 2, false)] // smaller: measured as is
    public void The_pooled_estimate_equals_the_steps_composed_from_fresh_images(int characterHeight, int seed, bool resampled)
    {
        var page = SyntheticPage.Render(["HELLO WORLD 42", "TEST PAGE", "ON GRID"], seed, new SyntheticPageOptions { CharacterHeight = characterHeight });
        Assert.Equal(resampled, Math.Max(page.Height, page.Width) > 512);
        var pixels = (float[])page.Pixels.Clone();
        for (int i = 0; i < pixels.Length; i += 37)
        {
            pixels[i] = Math.Min(pixels[i], 0.4f); // grain, so the plain and the flattened thumbnails differ
        }

        var image = new FloatImage(pixels, page.Height, page.Width);

        // The reference: the estimate as it was written before its scratch was pooled.
        var (thumb, scale) = CharacterFinder.ToWorkingSize(image, 512);
        var smooth = Filters.GaussianBlur(thumb, 1f);
        int side = Math.Max(thumb.Height, thumb.Width);
        double? Typical(FloatImage s)
        {
            var (labels, _) = Labeling.Label(s.AtOrBelow(Thresholds.Otsu(s)), connectivity: 8);
            var heights = Regions.Measure(labels).Where(r => r.BoxHeight >= 3 && r.BoxHeight <= side / 4 && r.BoxWidth <= side / 4)
                .Select(r => (double)r.BoxHeight).ToList();
            return heights.Count == 0 ? null : CharacterFinder.TypicalHeight(heights);
        }

        double? plain = Typical(smooth), flattened = Typical(CharacterFinder.Flatten(smooth, (side / 8) | 1));
        double? expected = (plain is null ? flattened : flattened is null ? plain : Math.Max(plain.Value, flattened.Value)) * scale;
        Assert.NotNull(expected);
        Assert.Equal(expected, WorkingResolution.EstimateCharacterHeight(image));
        Assert.Equal(pixels, image.Pixels); // the input is never written
    }
}
