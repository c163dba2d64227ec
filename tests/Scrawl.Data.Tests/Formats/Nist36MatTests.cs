using Scrawl.Data.Formats;
using static Scrawl.Data.Tests.Formats.FormatFixtures;

namespace Scrawl.Data.Tests.Formats;

public class Nist36MatTests
{
    // The fixtures (make_fixtures.py) hold, in Scrawl's convention (ink 1, upright): ink at row 2 / column 5,
    // at row 30 / column label % 32 (and row 29 / column label − 32 for labels ≥ 32), at row 31 / column
    // sample % 32, and 0.5 at row 10 / column 20. Labels are sample % 36. On disk they are NIST36 rows
    // (ink 0, transposed) with one-hot labels.
    private static void AssertUpright(ImageSet set)
    {
        for (int i = 0; i < set.Count; i++)
        {
            int label = i % 36;
            Assert.Equal(label, set.Labels[i]);
            var image = set.Images.Row(i).ToArray();
            float At(int r, int c) => image[(r * 32) + c];
            Assert.Equal(1f, At(2, 5));
            Assert.Equal(0f, At(5, 2)); // not transposed
            Assert.Equal(0.5f, At(10, 20));
            Assert.Equal(0f, At(20, 10));
            Assert.Equal(1f, At(30, label % 32));
            Assert.Equal(1f, At(31, i % 32));
            Assert.Equal(label >= 32 ? 4.5 : 3.5, image.Sum(), 5); // paper is 0 everywhere else
        }
    }

    [Fact]
    public void Folder_of_three_files_loads_as_upright_ink_high_splits()
    {
        var splits = Nist36Mat.LoadFolder(Fixture("nist36"));
        Assert.Equal("nist36", splits.Name);
        Assert.Equal(108, splits.Train.Count);
        Assert.Equal(36, splits.Valid!.Count);
        Assert.Equal(72, splits.Test!.Count);
        Assert.Equal("nist36/valid", splits.Valid.Name);
        Assert.Equal(Nist36Layout.ClassNames, splits.Train.ClassNames);
        foreach (var (_, set) in splits.Parts())
        {
            Assert.Equal([set.Count, 32, 32], set.Images.Shape.ToArray());
            AssertUpright(set);
        }
    }

    [Fact]
    public void One_file_loads_with_or_without_a_prefix_and_round_trips_to_the_nist36_layout()
    {
        string path = Fixture("nist36/nist36_test.mat");
        var set = Nist36Mat.Load(path);
        Assert.Equal(path, set.Name);
        var named = Nist36Mat.Load(path, "test", "t");
        Assert.True(set.Images.Span.SequenceEqual(named.Images.Span));
        var rows = Nist36Layout.ToNist36(set);
        var original = MatFile.Read(path).Get("test_data").Data;
        for (int i = 0; i < original.Length; i++)
        {
            Assert.Equal((float)original[i], rows.Span[i]);
        }
    }

    [Fact]
    public void A_label_row_that_is_not_one_hot_is_an_error_naming_file_variable_and_row()
    {
        var e = Assert.Throws<InvalidDataException>(() => Nist36Mat.Load(Fixture("nist36_bad_onehot.mat")));
        Assert.Contains("nist36_bad_onehot.mat: offset ", e.Message, StringComparison.Ordinal);
        Assert.Contains("row 1 of 'train_labels' is not one-hot (column 3 holds 1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_without_nist36_variables_or_folders_without_the_train_file_are_clear_errors()
    {
        var e = Assert.Throws<InvalidDataException>(() => Nist36Mat.Load(Fixture("dtypes.mat")));
        Assert.Contains("expected one PREFIX_data / PREFIX_labels pair", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InvalidDataException>(() => Nist36Mat.Load(Fixture("nist36/nist36_test.mat"), "train"));
        Assert.Contains("no variable 'train_data'", e.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<FileNotFoundException>(() => Nist36Mat.LoadFolder(Dir));
        Assert.Contains("nist36_train.mat", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_flipped_or_truncated_byte_of_a_plain_nist36_file_loads_or_fails_with_InvalidDataException()
    {
        var bytes = Bytes("nist36_tiny_plain.mat");
        Assert.Equal(2, Nist36Mat.FromMat(MatFile.Read(new MemoryStream(bytes), "tiny")).Count);
        var failures = Mutate(bytes, s => Nist36Mat.FromMat(MatFile.Read(s, "tiny.mat")), [0xFF, 0x40]);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Every_flipped_byte_of_a_compressed_nist36_file_loads_or_fails_with_InvalidDataException()
    {
        var failures = Mutate(Bytes("nist36/nist36_valid.mat"), s => Nist36Mat.FromMat(MatFile.Read(s, "valid.mat")), [0xFF, 0x01, 0x80]);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
