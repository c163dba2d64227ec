namespace Scrawl.Imaging.Tests;

public class ImageTypeTests
{
    [Fact]
    public void FloatImage_rejects_wrong_sizes_and_non_finite_values()
    {
        var size = Assert.Throws<ArgumentException>(() => new FloatImage(new float[5], 2, 3));
        Assert.Contains("2×3 image needs 6 values; got 5", size.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new FloatImage([], 0, 3));
        var nan = Assert.Throws<ArgumentException>(() => new FloatImage([0, 0, float.NaN, 0], 2, 2));
        Assert.Contains("Pixel (1, 0) is NaN", nan.Message, StringComparison.Ordinal);
        var rgb = Assert.Throws<ArgumentException>(() => new FloatImage(new float[11], 2, 2, 3));
        Assert.Contains("2×2×3 image needs 12 values; got 11", rgb.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloatImage(new float[8], 2, 2, 2));
    }

    [Fact]
    public void Imaging_primitives_take_grey_images_only()
    {
        var rgb = new FloatImage(2, 2, 3);
        Assert.Throws<ArgumentException>(() => rgb.Above(0.5f));
        Assert.Throws<ArgumentException>(() => Thresholds.Otsu(rgb));
        Assert.Throws<ArgumentException>(() => Filters.GaussianBlur(rgb, 1f));
        Assert.Equal(2 * 3, rgb.Row(1).Length);
    }

    [Fact]
    public void BinaryImage_accepts_only_zero_and_one()
    {
        var e = Assert.Throws<ArgumentException>(() => new BinaryImage(2, 2, [0, 1, 1, 255]));
        Assert.Contains("Pixel (1, 1) is 255", e.Message, StringComparison.Ordinal);
        var mask = BinaryImage.FromBools(1, 3, [true, false, true]);
        Assert.Equal(2, mask.Count());
        Assert.True(mask[0, 2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => mask[1, 0]);
    }

    [Fact]
    public void LabelImage_rejects_negative_labels_and_counts_the_largest()
    {
        Assert.Throws<ArgumentException>(() => new LabelImage(1, 2, [0, -1]));
        Assert.Equal(7, new LabelImage(1, 3, [0, 7, 2]).Count);
    }

    [Fact]
    public void Thresholding_helpers_compare_strictly_above_and_at_or_below()
    {
        var image = new FloatImage([0.2f, 0.5f, 0.8f], 1, 3);
        Assert.Equal(new byte[] { 0, 0, 1 }, image.Above(0.5f).Pixels.ToArray());
        Assert.Equal(new byte[] { 1, 1, 0 }, image.AtOrBelow(0.5f).Pixels.ToArray());
        var map = new FloatImage([0.1f, 0.6f, 0.8f], 1, 3);
        Assert.Equal(new byte[] { 1, 0, 0 }, image.Above(map).Pixels.ToArray());
        Assert.Throws<ArgumentException>(() => image.Above(new FloatImage([0, 0, 0], 3, 1)));
    }
}
