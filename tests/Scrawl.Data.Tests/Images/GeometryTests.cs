using Scrawl.Data.Images;

namespace Scrawl.Data.Tests.Images;

public class GeometryTests
{
    [Fact]
    public void Natural_order_compares_digit_runs_by_value()
    {
        string[] names = ["10", "2", "B", "1", "A", "img10", "img9", "img09", "0"];
        var sorted = names.Order(NaturalStringComparer.Instance).ToArray();
        Assert.Equal(["0", "1", "2", "10", "A", "B", "img09", "img9", "img10"], sorted);
        Assert.True(NaturalStringComparer.Instance.Compare("CAP_A_9.png", "CAP_A_10.png") < 0);
        Assert.True(NaturalStringComparer.Instance.Compare("x", null) > 0);
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns_and_invert_flips_values()
    {
        var image = new FloatImage([0f, 0.25f, 0.5f, 0.75f, 1f, 0.1f], 2, 3);
        var t = image.Transposed();
        Assert.Equal((3, 2), (t.Height, t.Width));
        Assert.Equal(image[0, 2], t[2, 0]);
        Assert.Equal(image[1, 0], t[0, 1]);
        Assert.Equal(image.Pixels, t.Transposed().Pixels);
        Assert.Equal([1f, 0.75f, 0.5f, 0.25f, 0f, 0.9f], image.Inverted().Pixels, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Place_pads_with_fill_and_crops_with_negative_offsets()
    {
        var image = TestImages.Constant(2, 2, 0.5f);
        var padded = image.Place(4, 4, 1, 1, fill: 1f);
        Assert.Equal(1f, padded[0, 0]);
        Assert.Equal(0.5f, padded[1, 1]);
        Assert.Equal(0.5f, padded[2, 2]);
        Assert.Equal(1f, padded[3, 3]);
        var ramp = new FloatImage([.. Enumerable.Range(0, 16).Select(i => (float)i)], 4, 4);
        var crop = ramp.Place(2, 2, -1, -2);
        Assert.Equal([6f, 7f, 10f, 11f], crop.Pixels);
        Assert.Equal(crop.Pixels, ramp.Crop(1, 2, 2, 2).Pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => ramp.Crop(3, 3, 2, 2));
    }

    [Fact]
    public void Grey_is_luminance_of_rgb()
    {
        var rgb = new FloatImage([1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f, 1f, 1f, 1f], 2, 2, 3);
        Assert.Equal([0.299f, 0.587f, 0.114f, 1f], rgb.ToGrey().Pixels, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void Resize_plan_stretch_fit_and_fill()
    {
        var stretch = ResizePlan.For(100, 200, new DecodeRequest(ColorMode.Grey, 32, 32));
        Assert.Equal(new ResizePlan(32, 32, 32, 32, 0, 0), stretch);

        // Landscape into a square: fit pads above and below, fill crops left and right.
        var fit = ResizePlan.For(100, 200, new DecodeRequest(ColorMode.Grey, 32, 32, ResizeMode.Fit));
        Assert.Equal(new ResizePlan(16, 32, 32, 32, 8, 0), fit);
        var fill = ResizePlan.For(100, 200, new DecodeRequest(ColorMode.Grey, 32, 32, ResizeMode.Fill));
        Assert.Equal(new ResizePlan(32, 64, 32, 32, 0, -16), fill);

        var native = ResizePlan.For(7, 9, new DecodeRequest(ColorMode.Rgb));
        Assert.True(native.IsDirect);
        Assert.Equal((7, 9), (native.Height, native.Width));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResizePlan.For(7, 9, new DecodeRequest(ColorMode.Rgb, 5, 0)));
    }

    [Fact]
    public void Fit_plan_pads_with_the_fill_value()
    {
        var plan = ResizePlan.For(2, 4, new DecodeRequest(ColorMode.Grey, 4, 4, ResizeMode.Fit, Fill: 1f));
        var placed = plan.Apply(TestImages.Constant(plan.ScaledHeight, plan.ScaledWidth, 0f), 1f);
        Assert.Equal([1f, 1f, 1f, 1f], placed.Pixels[..4]);
        Assert.Equal([0f, 0f, 0f, 0f], placed.Pixels[4..8]);
    }

    [Theory]
    [InlineData(40, 40, 32, 32)]
    [InlineData(7, 13, 28, 19)]
    [InlineData(100, 60, 8, 5)]
    public void Resampling_keeps_a_constant_image_constant(int h, int w, int th, int tw)
    {
        var result = Resampler.Resize(TestImages.Constant(h, w, 0.625f, channels: 3), th, tw);
        Assert.Equal((th, tw, 3), (result.Height, result.Width, result.Channels));
        Assert.All(result.Pixels, v => Assert.Equal(0.625f, v, 1e-5f));
    }

    [Fact]
    public void Downscaling_averages_instead_of_aliasing()
    {
        // A one-pixel checkerboard shrunk 4× must come out mid-grey everywhere (point sampling would give 0s and 1s).
        var board = new FloatImage(64, 64);
        for (int i = 0; i < board.Pixels.Length; i++)
        {
            board.Pixels[i] = ((i / 64) + (i % 64)) % 2;
        }

        var small = Resampler.Resize(board, 16, 16);
        Assert.All(small.Pixels, v => Assert.InRange(v, 0.4f, 0.6f));
    }

    [Fact]
    public void Upscaling_interpolates_monotonically()
    {
        var ramp = new FloatImage([0f, 1f], 1, 2);
        var big = Resampler.Resize(ramp, 1, 8);
        for (int x = 1; x < 8; x++)
        {
            Assert.True(big[0, x] >= big[0, x - 1]);
        }

        Assert.Equal(0f, big[0, 0], 1e-6f);
        Assert.Equal(1f, big[0, 7], 1e-6f);
    }
}
