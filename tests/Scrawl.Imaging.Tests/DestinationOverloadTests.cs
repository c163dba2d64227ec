namespace Scrawl.Imaging.Tests;

/// <summary>
/// The overloads that write into a caller's memory (pooled scratch in the OCR pipeline): they must match the same goldens as the
/// allocating ones when the destination starts dirty (pooled arrays hold whatever their last user left), and refuse bad sizes.
/// </summary>
public class DestinationOverloadTests
{
    private static float[] DirtyFloats(int n) => Enumerable.Repeat(-123.5f, n).ToArray();

    [Theory]
    [InlineData("page.npy", 2.0f, "blur_page_s2.npy")]
    [InlineData("smooth.npy", 1.0f, "blur_smooth_s1.npy")]
    public void GaussianBlur_into_a_dirty_destination_or_in_place_matches_skimage(string input, float sigma, string golden)
    {
        var image = Goldens.Gray(input);
        var destination = DirtyFloats(image.Pixels.Length);
        Filters.GaussianBlur(image.Pixels, destination, image.Height, image.Width, sigma);
        Assert.InRange(Goldens.MaxError(new FloatImage(destination, image.Height, image.Width), Goldens.Read(golden)), 0, 1e-5);
        Assert.Equal(Filters.GaussianBlur(image, sigma).Pixels, destination);

        // In place: the row pass reads the whole image before the column pass writes.
        var inPlace = image.Pixels.ToArray();
        Filters.GaussianBlur(inPlace, inPlace, image.Height, image.Width, sigma);
        Assert.Equal(destination, inPlace);
        Assert.Throws<ArgumentException>(() => Filters.GaussianBlur(image.Pixels, new float[3], image.Height, image.Width, sigma));
    }

    [Fact]
    public void Sauvola_into_a_dirty_destination_matches_skimage_and_refuses_an_overlap()
    {
        var image = Goldens.Gray("page.npy");
        int n = image.Pixels.Length;
        var destination = DirtyFloats(n);
        Thresholds.Sauvola(image.Pixels, destination, image.Height, image.Width, 15, 0.2f, 1f);
        Assert.InRange(Goldens.MaxError(new FloatImage(destination, image.Height, image.Width), Goldens.Read("sauvola_page_w15.npy")), 0, 1e-6);

        var both = new float[2 * n];
        Assert.Throws<ArgumentException>(() => Thresholds.Sauvola(both.AsSpan(0, n), both.AsSpan(n / 2, n), image.Height, image.Width));
        Assert.Throws<ArgumentException>(() => Thresholds.Sauvola(image.Pixels, new float[n - 1], image.Height, image.Width));
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.Sauvola(image.Pixels, destination, image.Height, image.Width, windowSize: 4));
    }

    [Fact]
    public void Otsu_of_the_values_is_the_images_threshold()
    {
        var image = Goldens.Gray("page.npy");
        Assert.Equal(Thresholds.Otsu(image), Thresholds.Otsu(image.Pixels.AsSpan()));
        Assert.Equal(0.3f, Thresholds.Otsu([0.3f]));
        Assert.Throws<ArgumentException>(() => Thresholds.Otsu(ReadOnlySpan<float>.Empty));
    }

    [Theory]
    [InlineData("sq3")]
    [InlineData("sq4")]
    [InlineData("disk1")]
    [InlineData("disk3")]
    public void Morphology_into_dirty_destinations_matches_skimage(string name)
    {
        var footprint = name.StartsWith("sq", StringComparison.Ordinal) ? Footprint.Square(name[2] - '0') : Footprint.Disk(name[4] - '0');
        var blobs = Goldens.Binary("blobs.npy");
        int h = blobs.Height, w = blobs.Width;
        var destination = new byte[h * w];
        foreach (var (operation, prefix) in new (Action<byte[]>, string)[]
        {
            (d => Morphology.Erode(blobs.Pixels, d, h, w, footprint), "erode"),
            (d => Morphology.Dilate(blobs.Pixels, d, h, w, footprint), "dilate"),
            (d => Morphology.Open(blobs.Pixels, d, h, w, footprint), "open"),
            (d => Morphology.Close(blobs.Pixels, d, h, w, footprint), "close"),
        })
        {
            Array.Fill(destination, (byte)7);
            operation(destination);
            Goldens.Equal(Goldens.Binary($"{prefix}_{name}.npy"), new BinaryImage(h, w, destination));
        }

        var both = new byte[2 * h * w];
        Assert.Throws<ArgumentException>(() => Morphology.Close(both.AsSpan(0, h * w), both.AsSpan(1, h * w), h, w, footprint));
        Assert.Throws<ArgumentException>(() => Morphology.Erode(blobs.Pixels, new byte[(h * w) + 1], h, w, footprint));
    }

    [Theory]
    [InlineData("blobs", 4, "c4")]
    [InlineData("page_ink", 8, "c8")]
    public void Label_into_a_longer_dirty_buffer_numbers_as_skimage_and_leaves_the_rest_alone(string source, int connectivity, string suffix)
    {
        var expected = Goldens.Labels($"label_{source}_{suffix}.npy");
        var mask = Goldens.Binary($"{source}.npy");
        int n = mask.Height * mask.Width;
        var buffer = Enumerable.Repeat(99, n + 10).ToArray();
        var (labels, count) = Labeling.Label(mask, buffer, connectivity);
        Assert.Equal(expected.Count, count);
        Assert.Equal(expected.Labels.ToArray(), labels.Labels.ToArray());
        Assert.Equal(expected[mask.Height - 1, mask.Width - 1], labels[mask.Height - 1, mask.Width - 1]);
        Assert.All(buffer[n..], v => Assert.Equal(99, v));
        Assert.Throws<ArgumentException>(() => Labeling.Label(mask, new int[n - 1], connectivity));
    }

    [Theory]
    [InlineData("blobs.npy", "cdt_chessboard_blobs.npy")]
    [InlineData("disc.npy", "cdt_chessboard_disc.npy")]
    public void Chessboard_into_a_dirty_destination_matches_scipy(string input, string golden)
    {
        var mask = Goldens.Binary(input);
        var destination = Enumerable.Repeat(-5, mask.Height * mask.Width).ToArray();
        DistanceTransform.Chessboard(mask, destination);
        Assert.Equal(Goldens.Read(golden).ToLabels(), destination);
        Assert.Throws<ArgumentException>(() => DistanceTransform.Chessboard(mask, new int[3]));
    }

    [Fact]
    public void A_wrapped_mask_sees_only_the_first_h_times_w_values_of_its_buffer()
    {
        byte[] buffer = [1, 0, 1, 1, 0, 0, 9, 9];
        var mask = BinaryImage.Wrap(2, 3, buffer);
        Assert.Equal(6, mask.Pixels.Length);
        Assert.Equal(3, mask.Count());
        Assert.True(mask[1, 0]);
        Assert.False(mask[1, 2]);
        Assert.Equal(2, Labeling.Label(mask, 4).Count);
        Assert.Throws<ArgumentException>(() => BinaryImage.Wrap(2, 4, buffer)); // a 9 inside the mask
        Assert.Throws<ArgumentException>(() => BinaryImage.Wrap(3, 3, buffer)); // too short
        Assert.Throws<ArgumentException>(() => BinaryImage.Wrap(0, 3, buffer));
    }

    [Theory]
    [InlineData(40, 60, 1, 13, 17)] // down
    [InlineData(7, 13, 3, 28, 19)] // up, colour
    [InlineData(9, 9, 1, 9, 9)] // the same size: a copy
    public void Resize_into_a_dirty_destination_equals_the_fresh_image(int h, int w, int channels, int th, int tw)
    {
        var random = new Random(h + w);
        var source = new FloatImage([.. Enumerable.Range(0, h * w * channels).Select(_ => (float)random.NextDouble())], h, w, channels);
        var destination = DirtyFloats(th * tw * channels);
        Resampler.Resize(source.Pixels, destination, h, w, th, tw, channels);
        Assert.Equal(Resampler.Resize(source, th, tw).Pixels, destination);
        Assert.Throws<ArgumentException>(() => Resampler.Resize(source.Pixels, new float[(th * tw * channels) + 1], h, w, th, tw, channels));
        Assert.Throws<ArgumentException>(() => Resampler.Resize(source.Pixels, destination, h + 1, w, th, tw, channels));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resize(source.Pixels, destination, h, w, th, tw, channels: 2));
    }
}
