using Scrawl.Data.Images;
using Scrawl.Imaging;
using Scrawl.Media;
using Scrawl.Numerics;

namespace Scrawl.Stress.Tests;

/// <summary>Generation: same seed → same bytes, truth copied unchanged, the geometry and alpha of the variants, EXIF honoured on decoding.</summary>
public class StressSetTests
{
    /// <summary>Two small pages (character height 18 px) so that the tests stay fast.</summary>
    private static readonly StressPage[] Pages =
    [
        new("small-1", Handwriting.Page(["MEET ANNA", "AT 9"], 1, 18), "MEET ANNA\nAT 9\n"u8.ToArray()),
        new("small-2", Handwriting.Page(["CALL BOB", "ROOM 404 NOW"], 2, 18), "CALL BOB\nROOM 404 NOW\n"u8.ToArray()),
    ];

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "scrawl-stress-" + Guid.NewGuid().ToString("N"));

    private static StressCategory Category(string name) => StressCategories.All.Single(c => c.Name == name);

    [Fact]
    public void The_same_seed_writes_byte_identical_files_and_another_seed_different_ones()
    {
        string a = TempDir(), b = TempDir(), c = TempDir();
        var first = StressSet.Generate(Pages, StressCategories.All, 1, 11, a);
        StressSet.Generate(Pages, StressCategories.All, 1, 11, b);
        StressSet.Generate(Pages, StressCategories.All, 1, 12, c);
        Assert.Equal(StressCategories.All.Count, first.Count);
        var same = new List<string>();
        foreach (var item in first)
        {
            string relative = Path.GetRelativePath(a, item.ImagePath);
            Assert.Equal(File.ReadAllBytes(item.ImagePath), File.ReadAllBytes(Path.Combine(b, relative)));
            if (File.ReadAllBytes(item.ImagePath).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(c, relative))))
            {
                same.Add(item.Category);
            }
        }

        // The clean control has no parameters; rotate, exif and jpeg draw from a few discrete values and may coincide.
        Assert.Contains("clean", same);
        Assert.Empty(same.Except(["clean", "rotate", "exif", "jpeg"]));
        Assert.All(first, i => Assert.StartsWith(Path.Combine(a, i.Category) + Path.DirectorySeparatorChar, i.ImagePath, StringComparison.Ordinal));
    }

    [Fact]
    public void Truth_files_are_copied_byte_for_byte()
    {
        string source = TempDir(), output = TempDir();
        Directory.CreateDirectory(source);
        byte[] truth = "MEET ANNA  \r\nAT 9\r\n\r\n"u8.ToArray();
        File.WriteAllBytes(Path.Combine(source, "note.png"), PngImage.Encode(Pages[0].Image));
        File.WriteAllBytes(Path.Combine(source, "note.txt"), truth);
        var pages = StressSources.FromFolder(source);
        Assert.Equal("note", Assert.Single(pages).Name);
        var items = StressSet.Generate(pages, StressCategories.Select("rotate,alpha"), 2, 3, output);
        Assert.Equal(4, items.Count);
        Assert.All(items, i => Assert.Equal(truth, File.ReadAllBytes(i.TruthPath)));
        Assert.All(items, i => Assert.Equal(Path.ChangeExtension(i.ImagePath, ".txt"), i.TruthPath));
    }

    [Fact]
    public void Rotate_variants_turn_by_quarters_and_odd_quarters_swap_the_dimensions()
    {
        var page = Pages[0].Image;
        var swapped = Enumerable.Range(0, 3).Select(k => Category("rotate").Make(Pages[0], new SeededRandom(StressSet.Mix(1, "rotate", k)), k).Image)
            .Select(v => (v.Height, v.Width) == (page.Width, page.Height)).ToList();
        Assert.Equal(2, swapped.Count(s => s)); // 90° and 270°
        Assert.Equal(1, swapped.Count(s => !s)); // 180°
        var tiny = new FloatImage([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(new float[] { 4, 1, 5, 2, 6, 3 }, Transforms.Raster.RotateQuarters(tiny, 1).Pixels);
        Assert.Equal(new float[] { 6, 5, 4, 3, 2, 1 }, Transforms.Raster.RotateQuarters(tiny, 2).Pixels);
        Assert.Equal(tiny.Pixels, Transforms.Raster.RotateQuarters(Transforms.Raster.RotateQuarters(tiny, 3), 1).Pixels);
    }

    [Fact]
    public void Alpha_variants_are_transparent_outside_the_page_and_opaque_on_it()
    {
        var variant = Category("alpha").Make(Pages[0], new SeededRandom(9), 0);
        Assert.Equal(StressFormat.Png, variant.Format);
        var alpha = variant.Alpha!;
        Assert.Equal(0f, alpha[0]); // the page fills at most 90 % of the frame, so some corner is off it
        Assert.InRange(alpha.Count(a => a == 0) / (double)alpha.Length, 0.1, 0.7);
        Assert.Equal(Pages[0].Image.Height * Pages[0].Image.Width, alpha.Count(a => a == 1));
        byte[] png = StressSet.Encode(variant);
        var overBlack = new SkiaImageDecoder(0f).Decode(png, new DecodeRequest(ColorMode.Grey));
        var overWhite = new SkiaImageDecoder(1f).Decode(png, new DecodeRequest(ColorMode.Grey));
        Assert.Equal(0f, overBlack.Pixels[0], 3);
        Assert.Equal(1f, overWhite.Pixels[0], 3); // the file itself is transparent there
        int inside = Array.IndexOf(alpha, 1f);
        Assert.Equal(overBlack.Pixels[inside], overWhite.Pixels[inside], 3);
    }

    [Fact]
    public void Exif_variants_store_turned_pixels_that_the_decoder_shows_upright()
    {
        var page = Pages[1].Image;
        for (int k = 0; k < 3; k++)
        {
            var variant = Category("exif").Make(Pages[1], new SeededRandom(StressSet.Mix(4, "exif", k)), k);
            byte[] jpeg = StressSet.Encode(variant);
            Assert.Equal((page.Height, page.Width), PhotoLoader.UprightSize(jpeg, "exif"));
            var upright = new SkiaImageDecoder().Decode(jpeg, new DecodeRequest(ColorMode.Grey));
            var expected = page.ToGrey();
            double error = upright.Pixels.Zip(expected.Pixels, (p, q) => Math.Abs(p - q)).Average();
            Assert.True(error < 0.02, $"orientation {variant.Orientation}: mean difference {error:F3} from the upright page");
        }
    }

    [Fact]
    public void Missing_folders_and_folders_without_truth_are_named_in_the_error()
    {
        string missing = TempDir();
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => StressSources.FromFolder(missing)).Message, StringComparison.Ordinal);
        Directory.CreateDirectory(missing);
        File.WriteAllBytes(Path.Combine(missing, "photo.png"), PngImage.Encode(Pages[0].Image));
        Assert.Contains(missing, Assert.Throws<InvalidDataException>(() => StressSources.FromFolder(missing)).Message, StringComparison.Ordinal);
        Assert.Contains("valid: clean,rotate", Assert.Throws<ArgumentException>(() => StressCategories.Select("rotate,wobble")).Message, StringComparison.Ordinal);
    }
}
