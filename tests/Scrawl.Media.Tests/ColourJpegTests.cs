using Scrawl.Data.Images;
using SkiaSharp;

namespace Scrawl.Media.Tests;

/// <summary>The fast grey path of <see cref="PhotoLoader"/> on colour JPEGs gives exactly what the general decoder gives.</summary>
public class ColourJpegTests
{
    /// <summary>A 1,600×1,200 colour JPEG: a colour gradient with dark strokes, so the luma has detail at every scale.</summary>
    private static byte[] ColourJpeg()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(1600, 1200, SKColorType.Rgba8888, SKAlphaType.Opaque));
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

    [Fact]
    public void Off_a_dct_scale_a_colour_jpeg_is_left_to_the_general_decoder()
    {
        Assert.Null(PhotoLoader.FastGreyJpeg(ColourJpeg(), "colour.jpg", new DecodeRequest(ColorMode.Grey, 500, 667)));
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
        // …and it came from the fast path, which does take colour JPEGs at a DCT scale, not from the general decoder.
        Assert.NotNull(PhotoLoader.FastGreyJpeg(encoded, "colour.jpg", new DecodeRequest(ColorMode.Grey, fast.Height, fast.Width)));
        // Not a blank frame: the strokes are dark against the light paper.
        Assert.True(fast.Pixels.Min() < 0.35f && fast.Pixels.Max() > 0.8f);
    }
}
