using Scrawl.Data.Images;
using SkiaSharp;

namespace Scrawl.Media.Tests;

/// <summary>The grey path of <see cref="PhotoLoader"/> (<see cref="GreyPhotoDecoder"/>) on colour JPEGs gives what the general decoder gives: exactly at a DCT scale, within one grey level off it.</summary>
public class ColourJpegTests
{
    /// <summary>A colour JPEG (1,600×1,200 unless told): a colour gradient with dark strokes, so the luma has detail at every scale.</summary>
    private static byte[] ColourJpeg(int width = 1600, int height = 1200)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(1600, 1200), [new SKColor(250, 230, 190), new SKColor(150, 200, 250)], SKShaderTileMode.Clamp);
            using var fill = new SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, 1600, 1200, fill);
            using var pen = new SKPaint { Color = new SKColor(30, 40, 120), StrokeWidth = 9, IsAntialias = true };
            for (int i = 0; i < 12; i++)
            {
                canvas.DrawLine(100 + (i * 120), 200, 160 + (i * 120), 1000, pen);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    [Theory]
    [InlineData(4086, 2936)] // a 12-MP phone photo: at 3/8 libjpeg gives 1,533×1,101, where scaling the aspect ratio would round to 1,102
    [InlineData(1603, 1205)]
    public void With_slack_the_photo_comes_at_the_dct_scales_own_size(int width, int height)
    {
        var encoded = ColourJpeg(width, height);
        var (photo, h, w) = PhotoLoader.Load(encoded, "colour.jpg", 1600 * width / 4086 > 600 ? 1600 : 600, slack: 0.2);
        Assert.Equal((height, width), (h, w));
        using var codec = SKCodec.Create(SKData.CreateCopy(encoded));
        var sizes = Enumerable.Range(1, 7).Select(k => codec.GetScaledDimensions(k / 8f)).ToList();
        Assert.Contains(sizes, s => s.Width == photo.Width && s.Height == photo.Height);
    }

    [Fact]
    public void Off_a_dct_scale_a_colour_jpeg_is_resampled_as_the_general_decoder_resamples_it()
    {
        var encoded = ColourJpeg();
        var (photo, _, _) = PhotoLoader.Load(encoded, "colour.jpg", 667);
        Assert.Equal((500, 667), (photo.Height, photo.Width));
        var general = new SkiaImageDecoder { TransparentAsOpaqueMedian = true }.Decode(encoded, new DecodeRequest(ColorMode.Grey, 500, 667), "colour.jpg");
        // The luma is rounded to 8 bits before resampling here, after it there: at most a grey level or two apart, one on average far less.
        var diff = photo.Pixels.Zip(general.Pixels, (a, b) => Math.Abs(a - b)).ToArray();
        Assert.True(diff.Max() <= 2.5f / 255f, $"largest difference {diff.Max() * 255:F2} grey levels");
        Assert.True(diff.Average() <= 0.6f / 255f, $"mean difference {diff.Average() * 255:F2} grey levels");
    }

    [Theory]
    [InlineData(600)] // 3/8 scale: 600×450
    [InlineData(800)] // 4/8 scale: 800×600
    public void At_a_dct_scale_the_grey_photo_equals_the_general_decoders(int side)
    {
        var encoded = ColourJpeg();
        var (fast, height, width) = PhotoLoader.Load(encoded, "colour.jpg", side, slack: 0.1);
        Assert.Equal((1200, 1600), (height, width));
        Assert.Equal(side, fast.Width);
        var general = new SkiaImageDecoder { TransparentAsOpaqueMedian = true }.Decode(encoded, new DecodeRequest(ColorMode.Grey, fast.Height, fast.Width), "colour.jpg");
        Assert.Equal(general.Pixels, fast.Pixels);
        // Not a blank frame: the strokes are dark against the light paper.
        Assert.True(fast.Pixels.Min() < 0.35f && fast.Pixels.Max() > 0.8f);
    }

    [Theory]
    [InlineData(false)] // a grey JPEG: libjpeg's own grey, resampled to the target
    [InlineData(true)] // a colour JPEG at a DCT scale: the luma of its RGBA
    public void A_supplied_pixel_array_receives_exactly_the_decoded_grey_values(bool colour)
    {
        byte[] encoded;
        if (colour)
        {
            encoded = ColourJpeg();
        }
        else
        {
            using var grey = SKBitmap.Decode(ColourJpeg()).Copy(SKColorType.Gray8);
            using var data = grey.Encode(SKEncodedImageFormat.Jpeg, 90);
            encoded = data.ToArray();
        }

        // The colour photo at its 4/8 scale (800 wide); the grey one resampled from that scale to 700 wide.
        int side = colour ? 800 : 700;
        double slack = colour ? 0.1 : 0;
        var (expected, _, _) = PhotoLoader.Load(encoded, "photo.jpg", side, slack: slack);
        Assert.Equal(side, expected.Width);
        float[]? supplied = null;
        var (photo, _, _) = PhotoLoader.Load(encoded, "photo.jpg", side, slack: slack, pixels: n => supplied = Enumerable.Repeat(0.5f, n).ToArray());
        Assert.Same(supplied, photo.Pixels); // decoded in place: every value overwritten
        Assert.Equal(expected.Pixels, photo.Pixels);
        Assert.Throws<InvalidOperationException>(() => PhotoLoader.Load(encoded, "photo.jpg", side, slack: slack, pixels: n => new float[n + 1]));
    }
}
