using Scrawl.Data;
using Scrawl.Data.Images;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Media.Tests;

public class PngAndMontageTests
{
    private static readonly SkiaImageDecoder Decoder = new();

    [Fact]
    public void Png_round_trips_grey_and_rgb_within_one_level()
    {
        var grey = new FloatImage([0f, 0.25f, 0.5f, 1f, 0.1f, 0.9f], 2, 3);
        var back = Decoder.Decode(PngImage.Encode(grey), new DecodeRequest(ColorMode.Grey));
        Assert.Equal(grey.Pixels, back.Pixels, (a, b) => Math.Abs(a - b) <= 0.51f / 255f);

        var rgb = new FloatImage([1f, 0f, 0.5f, 0f, 0.25f, 1f], 1, 2, 3);
        var rgbBack = Decoder.Decode(PngImage.Encode(rgb), new DecodeRequest(ColorMode.Rgb));
        Assert.Equal(rgb.Pixels, rgbBack.Pixels, (a, b) => Math.Abs(a - b) <= 0.51f / 255f);

        var inverted = Decoder.Decode(PngImage.Encode(grey, invert: true), new DecodeRequest(ColorMode.Grey));
        Assert.Equal(1f, inverted[0, 0]);
    }

    [Fact]
    public void Png_save_is_atomic_and_leaves_no_temporary_files()
    {
        var dir = Directory.CreateTempSubdirectory("scrawl-png-");
        try
        {
            string path = Path.Combine(dir.FullName, "sub", "x.png");
            PngImage.Save(new FloatImage(3, 4), path);
            PngImage.Save(new FloatImage(5, 6), path); // replaces
            var back = Decoder.Decode(path, new DecodeRequest(ColorMode.Grey));
            Assert.Equal((5, 6), (back.Height, back.Width));
            Assert.Equal(["x.png"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_label_font_ships_next_to_the_assembly()
    {
        Assert.True(File.Exists(Montage.DefaultFontPath()), $"{Montage.DefaultFontPath()} is missing");
        var e = Assert.Throws<FileNotFoundException>(() => Montage.Render(Blank(1), 1, 1, new MontageOptions { FontPath = "/no/such/font.ttf" }));
        Assert.Contains("/no/such/font.ttf", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Montage_size_follows_the_layout()
    {
        var set = Blank(3);
        var options = new MontageOptions { CellSize = 64, Gap = 4, LabelSize = 14 };
        // pad 6, label 20, cells 64, block 4×64 + 3×4 = 268 wide and 84 high; 2 × 2 blocks, 3·gap and 2·gap between.
        Assert.Equal((6 + 268 + 12 + 268 + 6, 6 + 84 + 8 + 84 + 6), Montage.Measure(set, 4, 2, options));
        var png = Montage.Render(set, 4, 2, options);
        var image = Decoder.Decode(png, new DecodeRequest(ColorMode.Grey));
        Assert.Equal((188, 560), (image.Height, image.Width));
    }

    [Fact]
    public void Montage_draws_dark_label_text_above_each_class()
    {
        // Blank samples are white paper and cell frames are light grey, so dark pixels can only be label text.
        var set = Blank(3);
        var options = new MontageOptions { CellSize = 32, Gap = 4, LabelSize = 14 };
        var image = Decoder.Decode(Montage.Render(set, 2, 3, options), new DecodeRequest(ColorMode.Grey));
        int labelBottom = 6 + 20;
        int darkInLabels = 0, darkElsewhere = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                if (image[y, x] < 0.35f)
                {
                    _ = y < labelBottom ? darkInLabels++ : darkElsewhere++;
                }
            }
        }

        Assert.True(darkInLabels > 30, $"only {darkInLabels} dark label pixels: was the font loaded?");
        Assert.Equal(0, darkElsewhere);
    }

    [Fact]
    public void Montage_shows_ink_dark_and_saves_atomically()
    {
        var images = new Tensor(2, 8, 8);
        images.Row(0).Fill(1f); // all ink
        var set = new ImageSet(images, [0, 1], ["ink", "paper"], "two");
        var dir = Directory.CreateTempSubdirectory("scrawl-montage-");
        try
        {
            string path = Path.Combine(dir.FullName, "m.png");
            var options = new MontageOptions { CellSize = 16, Gap = 2, Title = "Two classes" };
            Montage.Save(set, path, 1, 1, options);
            var image = Decoder.Decode(path, new DecodeRequest(ColorMode.Grey));
            Assert.Equal(Montage.Measure(set, 1, 1, options), (image.Width, image.Height));
            Assert.Single(Directory.GetFiles(dir.FullName));

            // The first cell's centre (ink) is black; the second's (paper) white.
            int pad = 6, titleH = 28, labelH = 20;
            Assert.Equal(0f, image[pad + titleH + labelH + 8, pad + 8]);
            Assert.Equal(1f, image[pad + titleH + labelH + 16 + 4 + labelH + 8, pad + 8]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static ImageSet Blank(int classes) =>
        new(new Tensor(classes * 2, 32, 32), [.. Enumerable.Range(0, classes * 2).Select(i => i % classes)], [.. Enumerable.Range(0, classes).Select(i => $"W{i}")], "blank");
}
