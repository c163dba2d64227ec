using Scrawl.Data.Images;
using Scrawl.Imaging;

namespace Scrawl.Media.Tests;

/// <summary>JPEG at a quality, EXIF orientation segments honoured by the decoder, and RGBA PNG.</summary>
public class PhotoEncoderTests
{
    private static readonly SkiaImageDecoder Decoder = new();

    /// <summary>A 24×40 RGB image: a gradient with a dark block in the top-left corner (so orientation is visible).</summary>
    private static FloatImage Marked()
    {
        var image = new FloatImage(24, 40, 3);
        for (int y = 0; y < 24; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    image[y, x, c] = y < 8 && x < 8 ? 0.05f : 0.5f + (x / 100f);
                }
            }
        }

        return image;
    }

    [Fact]
    public void Lower_jpeg_quality_gives_smaller_files_that_still_decode()
    {
        var image = Marked();
        byte[] low = PhotoEncoder.Jpeg(image, 20), high = PhotoEncoder.Jpeg(image, 95);
        Assert.True(low.Length < high.Length);
        Assert.Equal(24, Decoder.Decode(low, new DecodeRequest(ColorMode.Grey)).Height);
        Assert.Throws<ArgumentOutOfRangeException>(() => PhotoEncoder.Jpeg(image, 0));
    }

    [Theory]
    [InlineData(3, 24, 40, 23, 39)] // stored turned 180°: the mark, stored bottom-right, shows top-left
    [InlineData(6, 40, 24, 0, 23)] // shown turned 90° clockwise: stored top-left lands top-right
    [InlineData(8, 40, 24, 39, 0)] // shown turned 90° anticlockwise: stored top-left lands bottom-left
    public void The_exif_orientation_is_written_and_the_decoder_honours_it(int orientation, int height, int width, int markY, int markX)
    {
        byte[] jpeg = PhotoEncoder.JpegWithOrientation(Marked(), 95, orientation);
        Assert.Equal((height, width), PhotoLoader.UprightSize(jpeg, "exif"));
        var shown = Decoder.Decode(jpeg, new DecodeRequest(ColorMode.Grey));
        Assert.Equal((height, width), (shown.Height, shown.Width));
        Assert.True(shown[markY, markX] < 0.2f, $"orientation {orientation}: the stored top-left mark should show at ({markY}, {markX})");
        Assert.Throws<ArgumentException>(() => PhotoEncoder.WithExifOrientation([1, 2, 3, 4], 6));
    }

    [Fact]
    public void Png_with_alpha_keeps_the_transparency()
    {
        var image = Marked();
        var alpha = new float[24 * 40];
        Array.Fill(alpha, 1f, 0, 20 * 40); // the last four rows transparent
        byte[] png = PhotoEncoder.PngWithAlpha(image, alpha);
        var overBlack = new SkiaImageDecoder(0f).Decode(png, new DecodeRequest(ColorMode.Grey));
        Assert.Equal(0f, overBlack[23, 20]);
        Assert.True(overBlack[10, 20] > 0.5f);
        Assert.Throws<ArgumentException>(() => PhotoEncoder.PngWithAlpha(image, new float[3]));
    }

    [Fact]
    public void A_photo_with_transparency_lies_on_its_own_paper()
    {
        // A grey sheet (0.6) in the middle of a fully transparent frame, with a dark mark on it.
        var image = new FloatImage(40, 60, 3);
        var alpha = new float[40 * 60];
        for (int y = 0; y < 40; y++)
        {
            for (int x = 0; x < 60; x++)
            {
                bool sheet = y is >= 5 and < 35 && x is >= 10 and < 50;
                alpha[(y * 60) + x] = sheet ? 1f : 0f;
                float v = sheet ? (y is >= 15 and < 18 ? 0.1f : 0.6f) : 0f;
                image.Pixels[((y * 60) + x) * 3] = image.Pixels[(((y * 60) + x) * 3) + 1] = image.Pixels[(((y * 60) + x) * 3) + 2] = v;
            }
        }

        byte[] png = PhotoEncoder.PngWithAlpha(image, alpha);
        var (photo, _, _) = PhotoLoader.Load(png, "cut.png", 100);
        Assert.InRange(photo[0, 0], 0.58f, 0.62f);      // the frame takes the sheet's median colour
        Assert.InRange(photo[16, 30], 0.08f, 0.12f);    // the mark is kept
        Assert.Equal(1f, Decoder.Decode(png, new DecodeRequest(ColorMode.Grey), "cut.png")[0, 0], 3); // the plain decoder: over white
    }
}
