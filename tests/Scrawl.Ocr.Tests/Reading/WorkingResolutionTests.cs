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
    public void In_a_close_up_of_one_word_the_letters_taller_than_a_quarter_of_the_frame_still_count()
    {
        var page = SyntheticPage.Render(["LL"], seed: 3, new SyntheticPageOptions { CharacterHeight = 60 });
        var ink = Enumerable.Range(0, page.Pixels.Length).Where(i => page.Pixels[i] < 0.5f).ToList();
        int top = ink.Min(i => i / page.Width), bottom = ink.Max(i => i / page.Width), left = ink.Min(i => i % page.Width), right = ink.Max(i => i % page.Width);
        // The word with a margin of one character height all round, as when one photographs a single word.
        var word = page.Crop(Math.Max(0, top - 60), Math.Max(0, left - 60), Math.Min(page.Height, bottom + 61) - Math.Max(0, top - 60), Math.Min(page.Width, right + 61) - Math.Max(0, left - 60));
        Assert.True(Math.Max(word.Height, word.Width) < 4 * 60, $"{word.Width}×{word.Height}: not a close-up");
        Assert.InRange(WorkingResolution.EstimateCharacterHeight(word)!.Value, 50, 70);
    }

    [Fact]
    public void In_a_close_up_of_one_word_whose_letters_touch_the_one_blob_counts()
    {
        var page = SyntheticPage.Render(["HH"], seed: 3, new SyntheticPageOptions { CharacterHeight = 60 });
        var ink = Enumerable.Range(0, page.Pixels.Length).Where(i => page.Pixels[i] < 0.5f).ToList();
        int top = ink.Min(i => i / page.Width), bottom = ink.Max(i => i / page.Width), left = ink.Min(i => i % page.Width), right = ink.Max(i => i % page.Width);
        var pixels = (float[])page.Pixels.Clone();
        int middle = (top + bottom) / 2;
        for (int y = middle - 3; y <= middle + 3; y++)
        {
            for (int x = left; x <= right; x++)
            {
                pixels[(y * page.Width) + x] = 0.1f; // a stroke through both letters: one component
            }
        }

        var joined = new FloatImage(pixels, page.Height, page.Width);
        var word = joined.Crop(Math.Max(0, top - 60), Math.Max(0, left - 60), Math.Min(page.Height, bottom + 61) - Math.Max(0, top - 60), Math.Min(page.Width, right + 61) - Math.Max(0, left - 60));
        Assert.True(right - left > Math.Max(word.Height, word.Width) / 4, "the word is not wider than a quarter of the frame");
        Assert.InRange(WorkingResolution.EstimateCharacterHeight(word)!.Value, 50, 70);
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
    [InlineData(160, 4, true)] // a close-up: letters taller than a quarter of the thumbnail
    public void The_pooled_estimate_equals_the_steps_composed_from_fresh_images(int characterHeight, int seed, bool resampled)
    {
        string[] lines = characterHeight > 100 ? ["HI OK"] : ["HELLO WORLD 42", "TEST PAGE", "ON GRID"];
        var page = SyntheticPage.Render(lines, seed, new SyntheticPageOptions { CharacterHeight = characterHeight });
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
        double? Typical(FloatImage s, int limit, int tallLimit)
        {
            var (labels, _) = Labeling.Label(s.AtOrBelow(Thresholds.Otsu(s)), connectivity: 8);
            var regions = Regions.Measure(labels).Where(r => r.BoxHeight >= 3 && r.BoxWidth <= limit).ToList();
            var heights = regions.Where(r => r.BoxHeight <= limit).Select(r => (double)r.BoxHeight).ToList();
            var tall = regions.Where(r => r.BoxHeight > limit && r.BoxHeight <= tallLimit).Select(r => (double)r.BoxHeight).ToList();
            if (tall.Count >= 2)
            {
                heights.AddRange(tall);
            }

            return heights.Count == 0 ? null : CharacterFinder.TypicalHeight(heights);
        }

        double? plain = Typical(smooth, side / 4, side / 2), flattened = Typical(CharacterFinder.Flatten(smooth, (side / 8) | 1), side / 4, side / 4);
        double? expected = (plain is null ? flattened : flattened is null ? plain : Math.Max(plain.Value, flattened.Value)) * scale;
        Assert.NotNull(expected);
        Assert.Equal(expected, WorkingResolution.EstimateCharacterHeight(image));
        Assert.Equal(pixels, image.Pixels); // the input is never written
    }
}
