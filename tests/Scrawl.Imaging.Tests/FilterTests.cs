namespace Scrawl.Imaging.Tests;

public class FilterTests
{
    /// <summary>Float32 accumulation vs scipy's float64: measured ≤ 2.4e-7; the bound leaves headroom.</summary>
    private const double BlurTolerance = 1e-5;

    [Theory]
    [InlineData("smooth.npy", 1.0f, "blur_smooth_s1.npy")]
    [InlineData("page.npy", 2.0f, "blur_page_s2.npy")]
    [InlineData("page.npy", 0.6f, "blur_page_s0_6.npy")]
    public void GaussianBlur_matches_skimage_gaussian_mode_nearest(string input, float sigma, string golden)
    {
        var image = Goldens.Gray(input);
        var before = image.Pixels.ToArray();
        var blurred = Filters.GaussianBlur(image, sigma);
        Assert.InRange(Goldens.MaxError(blurred, Goldens.Read(golden)), 0, BlurTolerance);
        Assert.Equal(before, image.Pixels.ToArray()); // the input is never written
    }

    [Fact]
    public void GaussianBlur_keeps_constants_and_sigma_zero_is_a_copy()
    {
        var flat = new FloatImage(Enumerable.Repeat(0.25f, 12).ToArray(), 3, 4);
        Assert.All(Filters.GaussianBlur(flat, 3f).Pixels.ToArray(), v => Assert.Equal(0.25f, v, 1e-6f));
        var page = Goldens.Gray("page.npy");
        Assert.Equal(page.Pixels.ToArray(), Filters.GaussianBlur(page, 0f).Pixels.ToArray());
    }

    [Fact]
    public void GaussianBlur_kernel_has_scipys_radius_and_sums_to_one()
    {
        Assert.Equal(17, Filters.Kernel(2f, 4f).Length); // radius ⌊4·2 + 0.5⌋ = 8
        Assert.Equal(5, Filters.Kernel(0.6f, 4f).Length); // radius ⌊2.4 + 0.5⌋ = 2
        Assert.Equal(1f, Filters.Kernel(1.3f, 4f).Sum(), 1e-6f);
    }

    [Fact]
    public void GaussianBlur_rejects_bad_sigma()
    {
        var image = new FloatImage([0f], 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Filters.GaussianBlur(image, -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => Filters.GaussianBlur(image, float.NaN));
    }
}
