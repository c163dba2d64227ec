using Scrawl.Data.Formats;
using static Scrawl.Data.Tests.Formats.FormatFixtures;

namespace Scrawl.Data.Tests.Formats;

public class IdxFileTests
{
    // tiny-images: 5 images of 4 rows × 3 columns, image n holds 10·n + 3·r + c at (r, c), except 255 at image 4 (3, 2).
    internal static byte ExpectedPixel(int n, int r, int c) => n == 4 && r == 3 && c == 2 ? (byte)255 : (byte)((10 * n) + (3 * r) + c);

    [Theory]
    [InlineData("tiny-images-idx3-ubyte", false)]
    [InlineData("tiny-images-idx3-ubyte.gz", true)]
    public void Unsigned_byte_images_read_plain_or_gzip_by_their_magic_bytes(string file, bool gzip)
    {
        var a = IdxFile.Read(Fixture(file));
        Assert.Equal(IdxDataType.UnsignedByte, a.DataType);
        Assert.Equal([5, 4, 3], a.Dimensions);
        Assert.Equal(gzip, a.Compressed);
        Assert.Equal(16, a.DataOffset);
        Assert.Null(a.Values);
        for (int n = 0; n < 5; n++)
        {
            for (int r = 0; r < 4; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(ExpectedPixel(n, r, c), a.Bytes![(n * 12) + (r * 3) + c]);
                }
            }
        }

        // gzip is recognised by content, not by name
        using var renamed = new MemoryStream(Bytes(file));
        Assert.Equal(a.Bytes, IdxFile.Read(renamed, "no-extension").Bytes);
    }

    [Fact]
    public void Every_idx_value_type_reads_big_endian()
    {
        void Check(string file, IdxDataType type, int[] dims, double[] values)
        {
            var a = IdxFile.Read(Fixture(file));
            Assert.Equal(type, a.DataType);
            Assert.Equal(dims, a.Dimensions);
            Assert.Equal(values, a.Values);
            Assert.Equal(values[^1], a[a.Count - 1]);
        }

        Check("types-i8.idx", IdxDataType.SignedByte, [4], [-128, -1, 0, 127]);
        Check("types-i16.idx", IdxDataType.Int16, [2, 2], [-32768, 1, 2, 32767]);
        Check("types-i32.idx", IdxDataType.Int32, [3], [int.MinValue, 0, int.MaxValue]);
        Check("types-f32.idx", IdxDataType.Single, [3], [0.5, -1.25, (double)3e10f]);
        Check("types-f64.idx", IdxDataType.Double, [2, 1], [1e-300, -2.5]);
    }

    [Theory]
    [InlineData("bad-magic.idx", "bad-magic.idx: offset 0: not an IDX file (the magic number must start with two zero bytes, got 01 00).")]
    [InlineData("bad-type.idx", "bad-type.idx: offset 2: unknown IDX data type 0x07")]
    [InlineData("bad-huge.idx", "bad-huge.idx: offset 4: the dimensions 1000000×1000000 of UnsignedByte claim 1,000,000,000,000 bytes of data, more than this reader supports")]
    [InlineData("bad-truncated.idx", "bad-truncated.idx: offset 4: the dimensions 5×4×3 of UnsignedByte claim 60 bytes of data but only 53 remain.")]
    [InlineData("bad-trailing.idx", "bad-trailing.idx: offset 13: there are bytes after the 5 values the header describes")]
    [InlineData("bad-truncated.gz", "bad-truncated.gz: decompressed offset ")]
    public void Hostile_files_fail_with_the_file_offset_and_problem(string file, string expected)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(Fixture(file)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < (8 << 20), "a hostile header made the reader allocate its claimed size");
        Assert.Contains(Fixture(expected.Split(':')[0]), e.Message, StringComparison.Ordinal);
        Assert.Contains(expected.Split(':', 2)[1], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_gzip_garbage_inputs_fail_clearly()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream([]), "empty"));
        Assert.Equal("empty: offset 0: the file has 0 bytes, too few for the 4-byte IDX magic number.", e.Message);
        e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), "junk.gz"));
        Assert.StartsWith("junk.gz: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tiny-images-idx3-ubyte")]
    [InlineData("tiny-images-idx3-ubyte.gz")]
    [InlineData("tiny-labels-idx1-ubyte.gz")]
    [InlineData("types-i16.idx")]
    [InlineData("types-f64.idx")]
    public void Every_flipped_or_truncated_byte_loads_or_fails_with_InvalidDataException(string file)
    {
        var failures = Mutate(Bytes(file), s => IdxFile.Read(s, file), [0xFF, 0x01, 0x80, 0x10]);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
