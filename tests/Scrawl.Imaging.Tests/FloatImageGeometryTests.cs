using Scrawl.Tests.Shared;

namespace Scrawl.Imaging.Tests;

/// <summary>FloatImage's geometry (transpose, place, crop, grey) and the Resampler (moved here from Scrawl.Data.Tests with the code).</summary>
public class FloatImageGeometryTests
{
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
        var image = SampleImages.Constant(2, 2, 0.5f);
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

    [Theory]

    [InlineData(40, 40, 32, 32)]

    [InlineData(7, 13, 28, 19)]

    [InlineData(100, 60, 8, 5)]
    public void Resampling_keeps_a_constant_image_constant(int h, int w, int th, int tw)
    {
        var result = Resampler.Resize(SampleImages.Constant(h, w, 0.625f, channels: 3), th, tw);
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
