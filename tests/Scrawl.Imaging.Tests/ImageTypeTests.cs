namespace Scrawl.Imaging.Tests;

public class ImageTypeTests
{
    [Fact]
    public void GrayImage_rejects_wrong_sizes_and_non_finite_values()
    {
        var size = Assert.Throws<ArgumentException>(() => new GrayImage(2, 3, new float[5]));
        Assert.Contains("2×3 image needs 6 values; got 5", size.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new GrayImage(0, 3, []));
        var nan = Assert.Throws<ArgumentException>(() => new GrayImage(2, 2, [0, 0, float.NaN, 0]));
        Assert.Contains("Pixel (1, 0) is NaN", nan.Message, StringComparison.Ordinal);
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
        var image = new GrayImage(1, 3, [0.2f, 0.5f, 0.8f]);
        Assert.Equal(new byte[] { 0, 0, 1 }, image.Above(0.5f).Pixels.ToArray());
        Assert.Equal(new byte[] { 1, 1, 0 }, image.AtOrBelow(0.5f).Pixels.ToArray());
        var map = new GrayImage(1, 3, [0.1f, 0.6f, 0.8f]);
        Assert.Equal(new byte[] { 1, 0, 0 }, image.Above(map).Pixels.ToArray());
        Assert.Throws<ArgumentException>(() => image.Above(new GrayImage(3, 1, [0, 0, 0])));
    }
}
