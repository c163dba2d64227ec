using Scrawl.Data.Images;
using SkiaSharp;

namespace Scrawl.Media.Tests;

public class DecoderTests
{
    private static readonly SkiaImageDecoder Decoder = new();
    private static readonly ImageFolderOptions DarkOnLight = new() { DarkInkOnLight = true };

    [Theory]
    [InlineData("L-dark-on-light.png", 1, 0.01f)]
    [InlineData("L-dark-on-light.bmp", 1, 0.01f)]
    [InlineData("L-dark-on-light.webp", 2, 0.2f)]
    [InlineData("L-dark-on-light.jpg", 4, 0.25f)]
    public void Dark_ink_files_load_upright_with_ink_one(string file, int scale, float tolerance)
    {
        var image = ImageFolder.LoadImage(Support.Fixture(file), DarkOnLight, Decoder);
        Support.AssertIsL(image, scale, tolerance);
    }

    [Fact]
    public void Raw_decode_keeps_the_files_own_intensities()
    {
        var image = Decoder.Decode(Support.Fixture("L-dark-on-light.png"), new DecodeRequest(ColorMode.Grey));
        Assert.Equal(1f, image[0, 0]); // white paper
        Assert.Equal(0f, image[5, 2]); // black ink
    }

    [Fact]
    public void Transposed_light_on_dark_files_are_transposed_back()
    {
        var options = new ImageFolderOptions { Transposed = true };
        var image = ImageFolder.LoadImage(Support.Fixture("L-transposed-light-on-dark.png"), options, Decoder);
        Support.AssertIsL(image, 1, 0.01f);
    }

    [Fact]
    public void Transparency_is_composited_over_the_background()
    {
        var overWhite = ImageFolder.LoadImage(Support.Fixture("L-transparent-paper.png"), DarkOnLight, Decoder);
        Support.AssertIsL(overWhite, 1, 0.01f);
        var overBlack = new SkiaImageDecoder(alphaBackground: 0f).Decode(Support.Fixture("L-transparent-paper.png"), new DecodeRequest(ColorMode.Grey));
        Assert.All(overBlack.Pixels, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Rgb_channels_are_in_order_and_grey_is_luminance()
    {
        var rgb = Decoder.Decode(Support.Fixture("rgb-quadrants.png"), new DecodeRequest(ColorMode.Rgb));
        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f, 1f, 1f, 1f], rgb.Pixels);
        var grey = Decoder.Decode(Support.Fixture("rgb-quadrants.png"), new DecodeRequest(ColorMode.Grey));
        Assert.Equal([0.299f, 0.587f, 0.114f, 1f], grey.Pixels, (a, b) => Math.Abs(a - b) < 0.003f);
    }

    [Fact]
    public void Resizing_stretches_fits_and_fills()
    {
        string jpg = Support.Fixture("L-dark-on-light.jpg"); // 56 high × 40 wide
        var shrunk = ImageFolder.LoadImage(jpg, DarkOnLight with { Height = 28, Width = 20 }, Decoder);
        Support.AssertIsL(shrunk, 2, 0.3f);

        var fit = Decoder.Decode(jpg, new DecodeRequest(ColorMode.Grey, 28, 28, ResizeMode.Fit, Fill: 0.5f));
        Assert.Equal((28, 28), (fit.Height, fit.Width));
        Assert.Equal(0.5f, fit[14, 0]); // padding left and right of the 28×20 picture
        Assert.Equal(0.5f, fit[14, 27]);

        var fill = Decoder.Decode(jpg, new DecodeRequest(ColorMode.Grey, 20, 20, ResizeMode.Fill));
        Assert.Equal((20, 20), (fill.Height, fill.Width));
        Assert.InRange(fill[0, 0], 0.85f, 1f); // paper, no padding anywhere

        var grown = Decoder.Decode(Support.Fixture("L-dark-on-light.png"), new DecodeRequest(ColorMode.Grey, 42, 30));
        Support.AssertIsL(grown.Inverted(), 3, 0.35f); // Mitchell blurs thin strokes a little
    }

    [Fact]
    public void Exif_orientation_is_applied()
    {
        // Store the L rotated 90° counter-clockwise (40 high × 56 wide) and tag it "rotate 90° clockwise to view" (6).
        using var stored = new SKBitmap(new SKImageInfo(56, 40, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < 40; y++)
        {
            for (int x = 0; x < 56; x++)
            {
                stored.SetPixel(x, y, Support.LInk(x / 4, 9 - (y / 4)) ? SKColors.Black : SKColors.White);
            }
        }

        using var data = stored.Encode(SKEncodedImageFormat.Jpeg, 95);
        byte[] jpeg = WithExifOrientation(data.ToArray(), 6);
        var image = Decoder.Decode(jpeg, new DecodeRequest(ColorMode.Grey), "rotated.jpg").Inverted();
        Support.AssertIsL(image, 4, 0.25f);
    }

    [Theory]
    [InlineData("truncated.png")]
    [InlineData("not-an-image.png")]
    public void Undecodable_files_name_the_file(string file)
    {
        string path = Support.Fixture(file);
        var e = Assert.Throws<InvalidDataException>(() => Decoder.Decode(path, new DecodeRequest(ColorMode.Grey)));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_file_in_a_folder_stops_the_load_naming_it()
    {
        var root = Directory.CreateTempSubdirectory("scrawl-media-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "L"));
            File.Copy(Support.Fixture("L-dark-on-light.png"), Path.Combine(root.FullName, "L", "a.png"));
            string bad = Path.Combine(root.FullName, "L", "b.jpg");
            File.Copy(Support.Fixture("not-an-image.png"), bad);
            var e = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(root.FullName, DarkOnLight, Decoder));
            Assert.Contains(bad, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_reported_as_missing()
    {
        Assert.Throws<FileNotFoundException>(() => Decoder.Decode(Support.Fixture("nope.png"), new DecodeRequest(ColorMode.Grey)));
    }

    /// <summary>Inserts an APP1 Exif segment holding only the orientation tag right after the JPEG's SOI marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0, // no next IFD
        ];
        byte[] payload = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        int length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        Assert.True(jpeg[0] == 0xFF && jpeg[1] == 0xD8, "not a JPEG");
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
