namespace Scrawl.Imaging.Tests;

public class LabelingTests
{
    [Theory]
    [InlineData("blobs", 4, "c4")]
    [InlineData("blobs", 8, "c8")]
    [InlineData("page_ink", 4, "c4")]
    [InlineData("page_ink", 8, "c8")]
    public void Label_matches_skimage_exactly_including_the_numbering(string source, int connectivity, string suffix)
    {
        var expected = Goldens.Labels($"label_{source}_{suffix}.npy");
        var (labels, count) = Labeling.Label(Goldens.Binary($"{source}.npy"), connectivity);
        Assert.Equal(expected.Count, count);
        Assert.Equal(count, labels.Count);
        Assert.Equal(expected.Labels.ToArray(), labels.Labels.ToArray());
    }

    [Fact]
    public void Diagonal_contact_joins_only_with_connectivity_8()
    {
        var mask = new BinaryImage(2, 2, [1, 0, 0, 1]);
        Assert.Equal(2, Labeling.Label(mask, 4).Count);
        Assert.Equal(1, Labeling.Label(mask, 8).Count);
        Assert.Equal(0, Labeling.Label(new BinaryImage(1, 1, [0]), 8).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => Labeling.Label(mask, 6));
    }

    [Fact]
    public void A_U_shape_merges_late_and_keeps_its_first_pixels_label()
    {
        // The two arms get different provisional labels and meet only in the last row.
        var mask = new BinaryImage(3, 5, [1, 0, 1, 0, 1,
                                          1, 0, 1, 0, 1,
                                          1, 1, 1, 1, 1]);
        var (labels, count) = Labeling.Label(mask, 4);
        Assert.Equal(1, count);
        Assert.All(labels.Labels.ToArray().Where((_, i) => mask.Pixels[i] == 1), l => Assert.Equal(1, l));
    }

    [Fact]
    public void Checkerboard_gives_one_label_per_pixel_with_connectivity_4()
    {
        const int n = 64; // more components than the initial union-find capacity
        var pixels = new byte[n * n];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(((i / n) + (i % n)) % 2);
        }

        var (labels, count) = Labeling.Label(new BinaryImage(n, n, pixels), 4);
        Assert.Equal(n * n / 2, count);
        Assert.Equal(1, labels[0, 1]);
        Assert.Equal(2, labels[0, 3]);
        Assert.Equal(1, Labeling.Label(new BinaryImage(n, n, pixels), 8).Count);
    }
}
