using Scrawl.Data.Formats;
using static Scrawl.Data.Tests.Formats.FormatFixtures;

namespace Scrawl.Data.Tests.Formats;

public class IdxDatasetTests
{
    private static readonly int[] TinyLabels = [3, 0, 9, 1, 3];

    [Fact]
    public void Images_scale_to_0_1_with_labels_and_plain_equals_gzip()
    {
        var plain = IdxDataset.Load(Fixture("tiny-images-idx3-ubyte"), Fixture("tiny-labels-idx1-ubyte"), IdxDataset.DigitClassNames, "tiny");
        var gzip = IdxDataset.Load(Fixture("tiny-images-idx3-ubyte.gz"), Fixture("tiny-labels-idx1-ubyte.gz"), IdxDataset.DigitClassNames, "tiny");
        Assert.Equal([5, 4, 3], plain.Images.Shape.ToArray());
        Assert.Equal(TinyLabels, plain.Labels);
        Assert.Equal("tiny", plain.Name);
        Assert.True(plain.Images.Span.SequenceEqual(gzip.Images.Span));
        Assert.Equal(TinyLabels, gzip.Labels);
        Assert.Equal(IdxFileTests.ExpectedPixel(2, 1, 2) / 255f, plain.Images.Row(2)[(1 * 3) + 2]);
        Assert.Equal(1f, plain.Images.Row(4)[(3 * 3) + 2]);
        Assert.Equal(0f, plain.Images.Row(0)[0]);
    }

    [Fact]
    public void Transposed_flag_makes_each_stored_image_its_transpose()
    {
        var set = IdxDataset.Load(Fixture("tiny-images-idx3-ubyte"), Fixture("tiny-labels-idx1-ubyte"), IdxDataset.DigitClassNames, "t", transposed: true);
        Assert.Equal([5, 3, 4], set.Images.Shape.ToArray());
        for (int n = 0; n < 5; n++)
        {
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    Assert.Equal(IdxFileTests.ExpectedPixel(n, c, r) / 255f, set.Images.Row(n)[(r * 4) + c]);
                }
            }
        }
    }

    [Fact]
    public void Label_count_or_range_mismatches_are_errors_with_file_and_offset()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxDataset.Load(Fixture("tiny-images-idx3-ubyte"), Fixture("bad-labels-count-idx1-ubyte"), IdxDataset.DigitClassNames, "x"));
        Assert.Equal($"{Fixture("bad-labels-count-idx1-ubyte")}: offset 4: 4 labels for the 5 images of {Fixture("tiny-images-idx3-ubyte")}.", e.Message);
        e = Assert.Throws<InvalidDataException>(() => IdxDataset.Load(Fixture("tiny-images-idx3-ubyte"), Fixture("bad-labels-range-idx1-ubyte"), IdxDataset.DigitClassNames, "x"));
        Assert.Equal($"{Fixture("bad-labels-range-idx1-ubyte")}: offset 10: label 10 of sample 2 is outside 0..9.", e.Message);
        e = Assert.Throws<InvalidDataException>(() => IdxDataset.Load(Fixture("tiny-labels-idx1-ubyte"), Fixture("tiny-labels-idx1-ubyte"), IdxDataset.DigitClassNames, "x"));
        Assert.Contains("images must be unsigned bytes N×H×W, got UnsignedByte 5", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InvalidDataException>(() => IdxDataset.Load(Fixture("tiny-images-idx3-ubyte"), Fixture("types-f64.idx"), IdxDataset.DigitClassNames, "x"));
        Assert.Contains("labels must be integers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_loader_finds_train_and_t10k_files_with_dash_or_dot_plain_or_gzip()
    {
        var splits = IdxDataset.LoadFolder(Fixture("idxfolder"), IdxDataset.DigitClassNames);
        Assert.Equal("idxfolder", splits.Name);
        Assert.Equal("idxfolder/train", splits.Train.Name);
        Assert.Equal(TinyLabels, splits.Train.Labels);
        Assert.Null(splits.Valid);
        Assert.Equal(TinyLabels[..2], splits.Test!.Labels);
        Assert.Throws<FileNotFoundException>(() => IdxDataset.LoadFolder(Fixture("nist36"), IdxDataset.DigitClassNames));
        Assert.Throws<FileNotFoundException>(() => IdxDataset.LoadFolder(Fixture("idxfolder"), IdxDataset.DigitClassNames, prefix: "emnist-letters-"));
    }

    [Fact]
    public void Every_flipped_or_truncated_byte_through_the_loader_loads_or_fails_with_InvalidDataException()
    {
        var images = Bytes("tiny-images-idx3-ubyte");
        var labels = Bytes("tiny-labels-idx1-ubyte");
        var good = IdxFile.Read(new MemoryStream(images), "i");
        var failures = Mutate(labels, s => IdxDataset.FromArrays(good, IdxFile.Read(s, "l"), IdxDataset.DigitClassNames, "x"), [0xFF, 0x01, 0x80, 0x08]);
        var goodLabels = IdxFile.Read(new MemoryStream(labels), "l");
        failures.AddRange(Mutate(images, s => IdxDataset.FromArrays(IdxFile.Read(s, "i"), goodLabels, IdxDataset.DigitClassNames, "x", transposed: true), [0xFF, 0x01, 0x80]));
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Real_mnist_10k_loads_with_known_counts_and_ink_high()
    {
        var splits = IdxDataset.LoadFolder(SharedDataset("mnist-10k"), IdxDataset.DigitClassNames);
        var set = splits.Train;
        Assert.Null(splits.Test);
        Assert.Equal("mnist-10k", set.Name);
        Assert.Equal([10000, 28, 28], set.Images.Shape.ToArray());
        Assert.Equal([9, 9, 1, 2, 1, 3, 9, 5, 8, 9], set.Labels[..10]);
        Assert.Equal([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978], set.CountPerClass());
        AssertPixelsAndInk(set, 0.1311);
    }

    [Fact]
    public void Real_fashion_mnist_loads_train_and_test()
    {
        var splits = IdxDataset.LoadFolder(SharedDataset("fashion-mnist"), IdxDataset.FashionClassNames);
        Assert.Equal([60000, 28, 28], splits.Train.Images.Shape.ToArray());
        Assert.Equal([10000, 28, 28], splits.Test!.Images.Shape.ToArray());
        Assert.Equal("fashion-mnist/test", splits.Test.Name);
        Assert.All(splits.Train.CountPerClass(), n => Assert.Equal(6000, n));
        Assert.All(splits.Test.CountPerClass(), n => Assert.Equal(1000, n));
        Assert.Equal([9, 0, 0, 3, 0, 2, 7, 2, 5, 5], splits.Train.Labels[..10]);
        Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], splits.Test.Labels[..10]);
        AssertPixelsAndInk(splits.Train, 0.2860);
        AssertPixelsAndInk(splits.Test, 0.2868);
    }

    private static void AssertPixelsAndInk(ImageSet set, double expectedMean)
    {
        var pixels = set.Images.Span;
        float min = float.MaxValue, max = float.MinValue;
        foreach (float v in pixels)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
        double mean = set.Images.Sum() / pixels.Length;
        Assert.True(mean < 0.5, $"mean pixel {mean}: ink should be the high value on a 0 background");
        Assert.Equal(expectedMean, mean, 3);
        Assert.All(set.Labels, l => Assert.InRange(l, 0, 9));
    }
}
