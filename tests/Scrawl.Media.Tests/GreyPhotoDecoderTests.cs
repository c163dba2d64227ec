using Scrawl.Data.Images;
using Scrawl.Imaging;
using SkiaSharp;

namespace Scrawl.Media.Tests;

/// <summary>
/// The OCR's grey decoding through libSkiaSharp's C API (<see cref="NativeCodec"/>, <see cref="GreyPhotoDecoder"/>, <see cref="ExifOrientation"/>)
/// against SkiaSharp's own classes and the general decoder: the same header facts, the same pixels at the decoded size, within a grey level
/// or two where the two resample differently.
/// </summary>
public class GreyPhotoDecoderTests
{
    private static readonly SkiaImageDecoder General = new() { TransparentAsOpaqueMedian = true };

    /// <summary>A 90×130 colour image with detail everywhere and a dark block at the stored top-left, so any wrong turn shows.</summary>
    private static FloatImage Stored()
    {
        var image = new FloatImage(90, 130, 3);
        for (int y = 0; y < 90; y++)
        {
            for (int x = 0; x < 130; x++)
            {
                bool mark = y < 20 && x < 30;
                image[y, x, 0] = mark ? 0.05f : 0.4f + (0.5f * x / 130f);
                image[y, x, 1] = mark ? 0.05f : 0.9f - (0.5f * y / 90f);
                image[y, x, 2] = mark ? 0.1f : ((x / 7) + (y / 5)) % 2 == 0 ? 0.8f : 0.3f;
            }
        }

        return image;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Every_exif_orientation_at_the_decoded_size_gives_exactly_the_general_decoders_pixels(int orientation)
    {
        byte[] jpeg = PhotoEncoder.JpegWithOrientation(Stored(), 92, orientation);
        var (photo, height, width) = PhotoLoader.Load(jpeg, "turned.jpg", 1000);
        var general = General.Decode(jpeg, new DecodeRequest(ColorMode.Grey), "turned.jpg");
        Assert.Equal((general.Height, general.Width), (photo.Height, photo.Width));
        Assert.Equal((height, width), (photo.Height, photo.Width));
        Assert.Equal(orientation >= 5 ? (130, 90) : (90, 130), (height, width));
        Assert.Equal(general.Pixels, photo.Pixels);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(7)]
    public void A_turned_photo_resampled_stays_within_a_grey_level_or_two_of_the_general_decoder(int orientation)
    {
        byte[] jpeg = PhotoEncoder.JpegWithOrientation(Stored(), 92, orientation);
        var (photo, _, _) = PhotoLoader.Load(jpeg, "turned.jpg", 100);
        Assert.Equal(100, Math.Max(photo.Height, photo.Width));
        var general = General.Decode(jpeg, new DecodeRequest(ColorMode.Grey, photo.Height, photo.Width), "turned.jpg");
        var diff = photo.Pixels.Zip(general.Pixels, (a, b) => Math.Abs(a - b)).ToArray();
        Assert.True(diff.Average() <= 1f / 255f, $"orientation {orientation}: mean difference {diff.Average() * 255:F2} grey levels");
        // The stored top-left mark shows where the orientation puts it, in both.
        var (markY, markX) = orientation switch { 6 => (5, photo.Width - 6), 7 => (photo.Height - 6, photo.Width - 6), _ => (5, 5) };
        Assert.True(photo[markY, markX] < 0.2f && general[markY, markX] < 0.2f, $"orientation {orientation}: no mark at ({markY}, {markX})");
    }

    [Fact]
    public void A_png_with_transparency_lies_on_the_median_of_its_opaque_pixels_as_in_the_general_decoder()
    {
        var image = Stored();
        var alpha = new float[90 * 130];
        for (int i = 0; i < alpha.Length; i++)
        {
            int y = i / 130, x = i % 130;
            alpha[i] = y is >= 10 and < 80 && x is >= 15 and < 115 ? 1f : x < 5 ? 0.5f : 0f;
        }

        byte[] png = PhotoEncoder.PngWithAlpha(image, alpha);
        var (photo, _, _) = PhotoLoader.Load(png, "cut.png", 1000);
        var general = General.Decode(png, new DecodeRequest(ColorMode.Grey), "cut.png");
        var diff = photo.Pixels.Zip(general.Pixels, (a, b) => Math.Abs(a - b)).ToArray();
        Assert.True(diff.Max() <= 1.5f / 255f, $"largest difference {diff.Max() * 255:F2} grey levels");
        Assert.True(photo[0, 60] < 0.95f); // not white: the opaque pixels' median colour

        // Opaque, the PNG reads exactly as the general decoder reads it.
        byte[] opaque = PhotoEncoder.PngWithAlpha(image, Enumerable.Repeat(1f, 90 * 130).ToArray());
        Assert.Equal(General.Decode(opaque, new DecodeRequest(ColorMode.Grey), "opaque.png").Pixels, PhotoLoader.Load(opaque, "opaque.png", 1000).Image.Pixels);
    }

    [Theory]
    [InlineData("L-dark-on-light.jpg")]
    [InlineData("L-dark-on-light.png")]
    [InlineData("L-dark-on-light.bmp")]
    [InlineData("L-dark-on-light.webp")]
    [InlineData("L-transparent-paper.png")]
    public void The_native_codec_reports_what_skiasharps_codec_reports(string fixture)
    {
        byte[] bytes = File.ReadAllBytes(Support.Fixture(fixture));
        using var native = NativeCodec.Open(bytes);
        using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
        Assert.NotNull(native);
        Assert.Equal((codec.Info.Width, codec.Info.Height, codec.EncodedOrigin, codec.EncodedFormat), (native.Width, native.Height, native.Origin, native.Format));
        foreach (float scale in new[] { 0.125f, 0.5f, 0.75f, 1f })
        {
            var expected = codec.GetScaledDimensions(scale);
            Assert.Equal((expected.Width, expected.Height), native.ScaledDimensions(scale));
        }

        var (grey, _, _) = PhotoLoader.Load(bytes, fixture, 1000);
        Assert.Equal(General.Decode(bytes, new DecodeRequest(ColorMode.Grey), fixture).Pixels, grey.Pixels);
    }

    [Fact]
    public void Bytes_that_are_no_image_give_no_codec_and_a_named_error()
    {
        byte[] bytes = File.ReadAllBytes(Support.Fixture("not-an-image.png"));
        Assert.Null(NativeCodec.Open(bytes));
        var error = Assert.Throws<InvalidDataException>(() => PhotoLoader.Load(bytes, "notes.png", 100));
        Assert.StartsWith("notes.png: not a decodable image", error.Message);
        var truncated = Assert.Throws<InvalidDataException>(() => PhotoLoader.Load(File.ReadAllBytes(Support.Fixture("truncated.png")), "cut-short.png", 100));
        Assert.StartsWith("cut-short.png:", truncated.Message);
    }

    [Fact]
    public void The_orientation_permutes_pixels_as_the_exif_tag_says()
    {
        // Stored 2×3: a b c / d e f.
        var stored = new FloatImage([1, 2, 3, 4, 5, 6], 2, 3);
        float[] Turned(SKEncodedOrigin origin, int h, int w) => ExifOrientation.Upright(stored, origin, new FloatImage(h, w)).Pixels;
        Assert.Equal([1, 2, 3, 4, 5, 6], Turned(SKEncodedOrigin.TopLeft, 2, 3));
        Assert.Equal([3, 2, 1, 6, 5, 4], Turned(SKEncodedOrigin.TopRight, 2, 3));       // mirrored
        Assert.Equal([6, 5, 4, 3, 2, 1], Turned(SKEncodedOrigin.BottomRight, 2, 3));    // turned 180°
        Assert.Equal([4, 5, 6, 1, 2, 3], Turned(SKEncodedOrigin.BottomLeft, 2, 3));     // flipped
        Assert.Equal([1, 4, 2, 5, 3, 6], Turned(SKEncodedOrigin.LeftTop, 3, 2));        // transposed
        Assert.Equal([4, 1, 5, 2, 6, 3], Turned(SKEncodedOrigin.RightTop, 3, 2));       // turned 90° clockwise
        Assert.Equal([6, 3, 5, 2, 4, 1], Turned(SKEncodedOrigin.RightBottom, 3, 2));    // transposed the other way
        Assert.Equal([3, 6, 2, 5, 1, 4], Turned(SKEncodedOrigin.LeftBottom, 3, 2));     // turned 90° anticlockwise
        Assert.Throws<ArgumentException>(() => ExifOrientation.Upright(stored, SKEncodedOrigin.RightTop, new FloatImage(2, 3)));
    }
}
