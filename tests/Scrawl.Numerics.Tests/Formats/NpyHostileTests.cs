using Scrawl.Numerics.Formats;
using Scrawl.Tests.Shared;

namespace Scrawl.Numerics.Tests.Formats;

/// <summary>Damaged and unsupported .npy files must fail with an InvalidDataException naming the file and the problem.</summary>
public class NpyHostileTests
{
    [Theory]
    [InlineData("truncated_data.npy", "the data is truncated")]
    [InlineData("truncated_header.npy", "header is truncated")]
    [InlineData("bad_magic.npy", "not an .npy file")]
    [InlineData("bad_version.npy", "npy format version 9.0 is not supported")]
    [InlineData("fortran_order.npy", "Fortran-order")]
    [InlineData("big_endian.npy", "big-endian data (dtype '>f4') is not supported")]
    [InlineData("unsupported_dtype.npy", "dtype '<f2' is not supported")]
    [InlineData("object_array.npy", "object arrays (dtype '|O') are not supported")]
    [InlineData("absurd_shape.npy", "more elements than this reader supports")]
    [InlineData("negative_shape.npy", "negative dimension")]
    [InlineData("missing_descr.npy", "no 'descr' entry")]
    public void Hostile_file_gives_a_clear_error(string file, string problem)
    {
        string path = NpyFixtures.Path(file);
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(path));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_shape_fails_without_allocating_it()
    {
        string path = NpyFixtures.Path("absurd_shape.npy");
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => NpyReader.Read(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the reader allocated more than 1 MiB for a hostile header");
    }

    [Fact]
    public void Large_but_truncated_array_fails_without_allocating_it()
    {
        // 100 M float32 claimed (400 MB), 8 bytes present; seekable and piped streams.
        var bytes = NpyReaderTests.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (10000, 10000), }", new byte[8]);
        foreach (var stream in new Stream[] { new MemoryStream(bytes), new NonSeekableStream(new MemoryStream(bytes)) })
        {
            using (stream)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(stream, "big.npy"));
                Assert.StartsWith("big.npy: the data is truncated", e.Message, StringComparison.Ordinal);
                Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the reader allocated more than 1 MiB for a truncated array");
            }
        }
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "unexpected key 'extra'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)", "expected '}'")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}", "'fortran_order' is not True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': 2}", "'shape' is not a tuple")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}", "structured (record) dtypes")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}", "not a valid 64-bit integer")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'descr': '<f8'}", "repeats the key 'descr'")]
    [InlineData("['descr']", "not a dict")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3000000000,)}", "larger than an array can hold")]
    public void Malformed_header_gives_a_clear_error(string header, string problem)
    {
        var bytes = NpyReaderTests.Npy(header, new byte[8]);
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(new MemoryStream(bytes), "crafted.npy"));
        Assert.StartsWith("crafted.npy: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_stream_is_a_truncated_header()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(new MemoryStream(), "empty.npy"));
        Assert.Contains("too short", e.Message, StringComparison.Ordinal);
    }
}
