using Scrawl.Data.Formats;
using static Scrawl.Data.Tests.Formats.FormatFixtures;

namespace Scrawl.Data.Tests.Formats;

public class MatFileTests
{
    private static readonly double[] Base = [1, 2, 3, 4, 5, 6]; // numpy [[1, 2, 3], [4, 5, 6]], row-major

    [Theory]
    [InlineData("dtypes.mat")]
    [InlineData("dtypes_compressed.mat")]
    public void Every_numeric_class_reads_exactly_and_row_major(string file)
    {
        var mat = MatFile.Read(Fixture(file));
        void Check(string name, MatClass cls, int[] dims, double[] expected)
        {
            var a = mat.Get(name);
            Assert.Equal(cls, a.Class);
            Assert.Equal(dims, a.Dimensions);
            Assert.Equal(expected, a.Data);
        }

        Check("f64", MatClass.Double, [2, 3], [.. Base.Select(v => v + 0.5)]);
        Check("f32", MatClass.Single, [3, 2], [0.25, 1, 0.5, 1.25, 0.75, 1.5]);
        Check("u8", MatClass.UInt8, [2, 3], [.. Base.Select(v => v * 40)]);
        Check("i8", MatClass.Int8, [2, 3], [.. Base.Select(v => -v)]);
        Check("i16", MatClass.Int16, [2, 3], [.. Base.Select(v => v * -1000)]);
        Check("u16", MatClass.UInt16, [2, 3], [.. Base.Select(v => v * 10000)]);
        Check("i32", MatClass.Int32, [2, 3], [.. Base.Select(v => v * -100000)]);
        Check("u32", MatClass.UInt32, [2, 3], [.. Base.Select(v => v * 700000000)]);
        Check("i64", MatClass.Int64, [2, 3], [.. Base.Select(v => v * -1e12)]);
        Check("u64", MatClass.UInt64, [2, 3], [.. Base.Select(v => v * 1e15)]);
        Check("cube", MatClass.Double, [2, 3, 4], [.. Enumerable.Range(0, 24).Select(i => (double)i)]);
        Check("one", MatClass.Int16, [1, 1], [7]); // 2 data bytes: the small element format
        Check("empty", MatClass.Double, [0, 3], []);
        Check("a_long_variable_name", MatClass.Double, [1, 2], [1, -1]);
        Assert.Equal(14, mat.Count);
        Assert.Empty(mat.Skipped);
        Assert.Equal(5.5, mat["f64"][1, 1]);
        Assert.StartsWith("MATLAB 5.0 MAT-file", mat.HeaderText, StringComparison.Ordinal);
    }

    [Fact]
    public void Compressed_and_plain_files_agree_and_the_stream_overload_names_its_source()
    {
        var plain = MatFile.Read(Fixture("dtypes.mat"));
        using var stream = new MemoryStream(Bytes("dtypes_compressed.mat"));
        var packed = MatFile.Read(stream, "packed.mat");
        Assert.Equal("packed.mat", packed.SourceName);
        Assert.Equal(plain.Keys.Order(), packed.Keys.Order());
        foreach (var (name, array) in plain)
        {
            Assert.Equal(array.Dimensions, packed[name].Dimensions);
            Assert.Equal(array.Data, packed[name].Data);
        }

        var e = Assert.Throws<InvalidDataException>(() => packed.Get("nope"));
        Assert.Contains("packed.mat", e.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensor_view_keeps_the_dimensions()
    {
        var cube = MatFile.Read(Fixture("dtypes.mat")).Get("cube").ToTensor();
        Assert.Equal([2, 3, 4], cube.Shape.ToArray());
        Assert.Equal(23f, cube.Span[23]);
    }

    [Fact]
    public void Cell_struct_char_sparse_and_complex_are_skipped_and_rejected_clearly_when_asked_for()
    {
        var mat = MatFile.Read(Fixture("skipped.mat"));
        Assert.Equal(["boolvar", "kept"], mat.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1.0, 2, 3], mat.Get("kept").Data);
        var logical = mat.Get("boolvar");
        Assert.True(logical.IsLogical);
        Assert.Equal([1.0, 0, 1], logical.Data);
        foreach (var (name, kind) in new[] { ("cellvar", "cell"), ("structvar", "struct"), ("charvar", "char"), ("sparsevar", "sparse"), ("complexvar", "complex") })
        {
            Assert.Contains(kind, mat.Skipped[name], StringComparison.Ordinal);
            var e = Assert.Throws<InvalidDataException>(() => mat.Get(name));
            Assert.Contains("skipped.mat: offset ", e.Message, StringComparison.Ordinal);
            Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
            Assert.Contains(kind, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Big_endian_files_and_matlab_style_narrow_storage_read_as_their_class()
    {
        var big = MatFile.Read(Fixture("bigendian.mat"));
        Assert.Equal(Base, big.Get("d").Data);
        Assert.Equal([2, 3], big.Get("d").Dimensions);
        Assert.Equal(MatClass.Int32, big.Get("narrow").Class);
        Assert.Equal([-1.0, 300, -32768], big.Get("narrow").Data);
        Assert.Equal([0.25, 0.5, 0.75], big.Get("z").Data); // compressed, big-endian float32
        Assert.Equal([3, 1], big.Get("z").Dimensions);

        var narrow = MatFile.Read(Fixture("downcast.mat"));
        Assert.Equal(MatClass.Double, narrow.Get("dbl_as_u8").Class);
        Assert.Equal(Base, narrow.Get("dbl_as_u8").Data);
        Assert.Equal([-5.0, 7], narrow.Get("dbl_as_i8").Data);
        Assert.Equal(MatClass.UInt16, narrow.Get("u16_as_u8").Class);
        Assert.Equal([0.0, 1, 254, 255], narrow.Get("u16_as_u8").Data);
    }

    [Fact]
    public void Real_flowers17_datasplits_loads()
    {
        var mat = MatFile.Read(Path.Combine(SharedDataset("flowers17"), "datasplits.mat"));
        Assert.Equal(9, mat.Count);
        for (int k = 1; k <= 3; k++)
        {
            Assert.Equal([1, 680], mat.Get($"trn{k}").Dimensions);
            Assert.Equal([1, 340], mat.Get($"val{k}").Dimensions);
            Assert.Equal([1, 340], mat.Get($"tst{k}").Dimensions);
        }

        Assert.Equal([24.0, 31, 8, 21, 25], mat.Get("trn1").Data[..5]);
        Assert.Equal([1329.0, 1333, 1326], mat.Get("tst3").Data[^3..]);
        var all = mat.Get("trn1").Data.Concat(mat.Get("val1").Data).Concat(mat.Get("tst1").Data).ToHashSet();
        Assert.Equal(1360, all.Count); // split 1 partitions the 1,360 images 1..1360
        Assert.Equal(1, all.Min());
        Assert.Equal(1360, all.Max());
    }

    [Theory]
    [InlineData("bad_compressed_length.mat", "offset 128: top-level element: miCOMPRESSED element claims 2147483647 bytes but only 32 remain")]
    [InlineData("bad_zlib.mat", "offset 128: the miCOMPRESSED element's zlib data is corrupt")]
    [InlineData("bad_huge_dims.mat", "variable 'huge': dimensions 1000000×1000000 hold 1,000,000,000,000 values, more than this reader supports")]
    [InlineData("bad_count.mat", "variable 'x': 2×3 needs 6 values = 48 bytes of miDOUBLE, the element holds 40")]
    [InlineData("bad_version.mat", "offset 124: MAT v7.3 (HDF5) files are not supported")]
    [InlineData("bad_truncated.mat", "offset 128: top-level element: miMATRIX element claims 96 bytes but only 76 remain")]
    public void Hostile_files_fail_with_the_file_offset_and_problem(string file, string expected)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => MatFile.Read(Fixture(file)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < (8 << 20), "a hostile header made the reader allocate its claimed size");
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_are_not_mat_v5_say_so()
    {
        var e = Assert.Throws<InvalidDataException>(() => MatFile.Read(new MemoryStream(new byte[10]), "short.mat"));
        Assert.Equal("short.mat: offset 0: the file has 10 bytes, fewer than the 128-byte MAT v5 header.", e.Message);
        e = Assert.Throws<InvalidDataException>(() => MatFile.Read(new MemoryStream(new byte[300]), "zeros.mat"));
        Assert.StartsWith("zeros.mat: offset 126: not a MAT v5 file", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dtypes.mat")]
    [InlineData("dtypes_compressed.mat")]
    [InlineData("skipped.mat")]
    [InlineData("bigendian.mat")]
    [InlineData("downcast.mat")]
    public void Every_flipped_or_truncated_byte_loads_or_fails_with_InvalidDataException(string file)
    {
        var failures = Mutate(Bytes(file), s => MatFile.Read(s, file), [0xFF, 0x01, 0x80, 0x10]);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
