namespace Scrawl.Imaging.Tests;

public class ThresholdTests
{
    /// <summary>Float64 sums on both sides; only the float32 storage of the result differs (measured ≤ 6e-8, 1 ulp).</summary>
    private const double SauvolaTolerance = 1e-6;

    [Theory]
    [InlineData("smooth.npy", 0)]
    [InlineData("page.npy", 1)]
    public void Otsu_matches_skimage_within_one_bin(string input, int goldenIndex)
    {
        var image = Goldens.Gray(input);
        float expected = Goldens.Read("otsu.npy").Data[goldenIndex];
        float bin = (image.Pixels.ToArray().Max() - image.Pixels.ToArray().Min()) / Thresholds.OtsuBins;
        Assert.InRange(Thresholds.Otsu(image), expected - bin, expected + bin);
    }

    [Fact]
    public void Otsu_splits_two_levels_and_returns_a_constant_images_value()
    {
        var image = new FloatImage([0.1f, 0.1f, 0.1f, 0.1f, 0.9f, 0.9f, 0.9f, 0.9f], 2, 4);
        float t = Thresholds.Otsu(image);
        Assert.InRange(t, 0.1f, 0.9f);
        Assert.Equal(4, image.Above(t).Count());
        Assert.Equal(0.3f, Thresholds.Otsu(new FloatImage([0.3f, 0.3f], 1, 2)));
    }

    [Theory]
    [InlineData("page.npy", 15, 0.2f, 1f, "sauvola_page_w15.npy")]
    [InlineData("page.npy", 7, 0.5f, 0.5f, "sauvola_page_w7_k05_r05.npy")]
    [InlineData("smooth.npy", 51, 0.3f, 1f, "sauvola_smooth_w51.npy")] // window wider than the image
    public void Sauvola_matches_skimage(string input, int window, float k, float r, string golden)
    {
        var image = Goldens.Gray(input);
        var thresholds = Thresholds.Sauvola(image, window, k, r);
        Assert.InRange(Goldens.MaxError(thresholds, Goldens.Read(golden)), 0, SauvolaTolerance);
    }

    [Fact]
    public void Sauvola_matches_the_window_definition_at_every_width_from_1_to_70()
    {
        // The image's own columns go through the vector path and the reflected margins and tails through the scalar one: every width
        // exercises a different split. Reference: each window's mean and standard deviation summed directly in float64.
        var random = new Random(11);
        for (int w = 1; w <= 70; w++)
        {
            int h = 1 + (w % 5);
            var pixels = Enumerable.Range(0, h * w).Select(_ => (float)random.NextDouble()).ToArray();
            var image = new FloatImage(pixels, h, w);
            int window = 1 + (2 * (w % 4));
            var thresholds = Thresholds.Sauvola(image, window, 0.3f, 0.7f).Pixels.ToArray();
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    double sum = 0, squares = 0;
                    for (int dy = -(window / 2); dy <= window / 2; dy++)
                    {
                        for (int dx = -(window / 2); dx <= window / 2; dx++)
                        {
                            double v = pixels[(Thresholds.Reflect(y + dy, h) * w) + Thresholds.Reflect(x + dx, w)];
                            sum += v;
                            squares += v * v;
                        }
                    }

                    double mean = sum / (window * window), std = Math.Sqrt(Math.Max((squares / (window * window)) - (mean * mean), 0));
                    Assert.Equal(mean * (1 + (0.3 * ((std / 0.7) - 1))), thresholds[(y * w) + x], 1e-6);
                }
            }
        }
    }

    [Fact]
    public void Sauvola_validates_its_parameters()
    {
        var image = new FloatImage([0.5f], 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.Sauvola(image, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.Sauvola(image, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.Sauvola(image, 3, k: 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.Sauvola(image, 3, r: 0f));
        Assert.Equal(0.5f * 0.8f, Thresholds.Sauvola(image, 3).Pixels[0], 1e-6f); // s = 0: T = m(1 − k)
    }

    [Fact]
    public void Reflect_index_mirrors_without_repeating_the_edge()
    {
        int[] expected = [2, 1, 0, 1, 2, 3, 2, 1, 0, 1];
        Assert.Equal(expected, Enumerable.Range(-2, 10).Select(i => Thresholds.Reflect(i, 4)).ToArray());
    }
}
