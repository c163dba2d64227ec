using Scrawl.Data.Images;
using Scrawl.Imaging;
using Scrawl.Tests.Shared;

namespace Scrawl.Data.Tests.Images;

public class ImageFolderTests
{
    private static readonly TextImageDecoder Decoder = new();

    [Fact]
    public void Classes_sort_numerically_files_in_natural_order_and_non_images_are_skipped()
    {
        using var dir = new TempFolder();
        foreach (var (cls, value) in new[] { ("10", 0.1f), ("2", 0.2f), ("1", 0.3f) })
        {
            TestImages.Write(dir[$"{cls}/img10.png"], SampleImages.Constant(3, 3, value + 0.01f));
            TestImages.Write(dir[$"{cls}/img9.jpg"], SampleImages.Constant(3, 3, value));
            File.WriteAllText(dir[$"{cls}/notes.txt"], "not an image");
            File.WriteAllText(dir[$"{cls}/.hidden.png"], "hidden");
        }

        File.WriteAllText(dir["LICENSE"], "root files are not classes");
        Directory.CreateDirectory(dir[".git"]);

        var set = ImageFolder.Load(dir.Path, new ImageFolderOptions(), Decoder);

        Assert.Equal(["1", "2", "10"], set.ClassNames);
        Assert.Equal([0, 0, 1, 1, 2, 2], set.Labels);
        Assert.Equal((6, 3, 3, 1), (set.Count, set.Height, set.Width, set.Channels));
        float[] firstPixels = [.. Enumerable.Range(0, 6).Select(i => set.Images.Row(i)[0])];
        Assert.Equal([0.3f, 0.31f, 0.2f, 0.21f, 0.1f, 0.11f], firstPixels, (a, b) => Math.Abs(a - b) < 1e-6f);
        Assert.Equal(Path.GetFileName(dir.Path), set.Name);
    }

    [Fact]
    public void Dark_ink_on_light_is_inverted_to_ink_one()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir["L/a.png"], SampleImages.L().Inverted()); // dark L on white paper
        var set = ImageFolder.Load(dir.Path, new ImageFolderOptions { DarkInkOnLight = true }, Decoder);
        Assert.Equal(SampleImages.L().Pixels, set.Images.Row(0).ToArray());
    }

    [Fact]
    public void Transposed_sources_come_back_upright_and_sizes_refer_to_the_upright_image()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir["L/a.png"], SampleImages.L().Transposed()); // stored 10 high × 14 wide
        var set = ImageFolder.Load(dir.Path, new ImageFolderOptions { Transposed = true }, Decoder);
        Assert.Equal((14, 10), (set.Height, set.Width));
        Assert.Equal(SampleImages.L().Pixels, set.Images.Row(0).ToArray());

        var resized = ImageFolder.Load(dir.Path, new ImageFolderOptions { Transposed = true, Height = 28, Width = 20 }, Decoder);
        Assert.Equal((28, 20), (resized.Height, resized.Width));
        var expected = Resampler.Resize(SampleImages.L(), 28, 20);
        Assert.Equal(expected.Pixels, resized.Images.Row(0).ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
        var img = resized.ImageAt(0);
        Assert.True(RowInk(img, 20, 24) > 2 * RowInk(img, 4, 8)); // the foot is at the bottom
    }

    [Fact]
    public void Explicit_classes_fix_the_label_order_and_reject_unknown_folders()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir["B/x.png"], SampleImages.Constant(2, 2, 0.5f));
        TestImages.Write(dir["A/x.png"], SampleImages.Constant(2, 2, 0.5f));
        var set = ImageFolder.Load(dir.Path, new ImageFolderOptions { Classes = ["Z", "B", "A"] }, Decoder);
        Assert.Equal(["Z", "B", "A"], set.ClassNames);
        Assert.Equal([2, 1], set.Labels);

        var e = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(dir.Path, new ImageFolderOptions { Classes = ["A"] }, Decoder));
        Assert.Contains("B", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undecodable_file_fails_with_its_path_or_is_skipped_and_reported()
    {
        using var dir = new TempFolder();
        for (int i = 0; i < 12; i++)
        {
            TestImages.Write(dir[$"A/{i}.png"], SampleImages.Constant(2, 2, i / 20f));
        }

        File.WriteAllText(dir["A/7.png"], "garbage");
        File.WriteAllBytes(dir["A/9.png"], []);
        var e = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(dir.Path, new ImageFolderOptions(), Decoder));
        Assert.Contains(dir["A/7.png"], e.Message, StringComparison.Ordinal); // the first bad file in order

        var skipped = new List<string>();
        var set = ImageFolder.Load(dir.Path, new ImageFolderOptions { SkipUnreadable = true, Skipped = (p, _) => skipped.Add(p) }, Decoder);
        Assert.Equal([dir["A/7.png"], dir["A/9.png"]], skipped);
        Assert.Equal(10, set.Count);
        Assert.Equal(8 / 20f, set.Images.Row(7)[0], 1e-6f);
    }

    [Fact]
    public void A_decoder_error_without_the_path_is_wrapped_with_it()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir["A/x.png"], SampleImages.Constant(2, 2, 0.5f));
        var e = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(dir.Path, new ImageFolderOptions(), new ThrowingDecoder()));
        Assert.Contains(dir["A/x.png"], e.Message, StringComparison.Ordinal);
        Assert.Contains("codec exploded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_native_sizes_name_the_file_and_resizing_fixes_them()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir["A/1.png"], SampleImages.Constant(4, 4, 0.5f));
        TestImages.Write(dir["A/2.png"], SampleImages.Constant(5, 3, 0.5f));
        var e = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(dir.Path, new ImageFolderOptions(), Decoder));
        Assert.Contains(dir["A/2.png"], e.Message, StringComparison.Ordinal);

        var set = ImageFolder.Load(dir.Path, new ImageFolderOptions { Height = 6, Width = 6, Resize = ResizeMode.Fit }, Decoder);
        Assert.Equal((2, 6, 6), (set.Count, set.Height, set.Width));
    }

    [Fact]
    public void Rgb_output_has_three_channels_per_pixel()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir["A/1.png"], new FloatImage([1f, 0f, 0f, 0f, 0f, 1f], 1, 2, 3));
        var set = ImageFolder.Load(dir.Path, new ImageFolderOptions { Color = ColorMode.Rgb }, Decoder);
        Assert.Equal([1, 1, 2, 3], set.Images.Shape.ToArray());
        Assert.Equal([1f, 0f, 0f, 0f, 0f, 1f], set.Images.Row(0).ToArray());
    }

    [Fact]
    public void Split_layout_loads_train_val_test_with_shared_labels()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir["train/0/a.png"], SampleImages.Constant(2, 2, 0f));
        TestImages.Write(dir["train/1/a.png"], SampleImages.Constant(2, 2, 1f));
        TestImages.Write(dir["val/1/a.png"], SampleImages.Constant(2, 2, 1f));
        TestImages.Write(dir["test/10/a.png"], SampleImages.Constant(2, 2, 1f));

        Assert.True(ImageFolder.HasSplits(dir.Path));
        Assert.Throws<InvalidDataException>(() => ImageFolder.Load(dir.Path, new ImageFolderOptions(), Decoder));
        var splits = ImageFolder.LoadSplits(dir.Path, new ImageFolderOptions { Name = "tiny" }, Decoder);

        Assert.Equal(["0", "1", "10"], splits.Train.ClassNames);
        Assert.Equal([0, 1], splits.Train.Labels);
        Assert.Equal([1], splits.Valid!.Labels);
        Assert.Equal([2], splits.Test!.Labels);
        Assert.Equal("tiny/valid", splits.Valid.Name);
        Assert.Throws<InvalidDataException>(() => ImageFolder.LoadSplits(dir["train"], new ImageFolderOptions(), Decoder));
    }

    [Fact]
    public void Output_does_not_depend_on_parallelism()
    {
        using var dir = new TempFolder();
        var random = new Random(3);
        for (int i = 0; i < 40; i++)
        {
            var image = new FloatImage(5, 4);
            for (int p = 0; p < image.Pixels.Length; p++)
            {
                image.Pixels[p] = (float)random.NextDouble();
            }

            TestImages.Write(dir[$"{i % 3}/{i}.png"], image);
        }

        var one = ImageFolder.Load(dir.Path, new ImageFolderOptions { MaxParallelism = 1, Height = 3, Width = 3 }, Decoder);
        var many = ImageFolder.Load(dir.Path, new ImageFolderOptions { MaxParallelism = 8, Height = 3, Width = 3 }, Decoder);
        Assert.Equal(one.Labels, many.Labels);
        Assert.Equal(one.Images.Span.ToArray(), many.Images.Span.ToArray());
    }

    [Fact]
    public void Missing_or_empty_folders_give_clear_errors()
    {
        using var dir = new TempFolder();
        Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Load(dir["nope"], new ImageFolderOptions(), Decoder));
        Directory.CreateDirectory(dir["A"]);
        File.WriteAllText(dir["A/readme.md"], "no images");
        var e = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(dir.Path, new ImageFolderOptions(), Decoder));
        Assert.Contains(dir.Path, e.Message, StringComparison.Ordinal);
    }

    private static float RowInk(FloatImage image, int fromRow, int toRow)
    {
        float sum = 0;
        for (int y = fromRow; y < toRow; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                sum += image[y, x];
            }
        }

        return sum;
    }

    private sealed class ThrowingDecoder : IImageDecoder
    {
        public FloatImage Decode(string path, DecodeRequest request) => throw new InvalidOperationException("codec exploded");
    }
}
