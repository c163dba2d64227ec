using System.Text;
using Scrawl.Numerics.Formats;
using Scrawl.Tests.Shared;

namespace Scrawl.Numerics.Tests.Formats;

public class NpyReaderTests
{
    [Fact]
    public void Reads_float32_1d()
    {
        var a = NpyReader.Read(NpyFixtures.Path("f4_1d.npy"));
        Assert.Equal("<f4", a.DType);
        Assert.Equal([7], a.Shape);
        Assert.Equal([-1.5f, -1f, -0.5f, 0f, 0.5f, 1f, 1.5f], a.Data);
        Assert.False(a.IsInteger);
    }

    [Fact]
    public void Reads_float64_2d_converted_to_float32()
    {
        var a = NpyReader.Read(NpyFixtures.Path("f8_2d.npy"));
        Assert.Equal("<f8", a.DType);
        Assert.Equal([3, 4], a.Shape);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i / 8f), a.Data);
        var t = a.ToTensor();
        Assert.Equal(0.5f, t[1, 0]); // row 1 starts at 4/8
        Assert.Equal(11 / 8f, t[2, 3]);
    }

    [Fact]
    public void Reads_version_2_header_3d()
    {
        var a = NpyReader.Read(NpyFixtures.Path("f4_3d_v2.npy"));
        Assert.Equal([2, 3, 4], a.Shape);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => i * 0.25f), a.Data);
        Assert.Equal([2, 3, 4], a.ToTensor().Shape.ToArray());
    }

    [Fact]
    public void Reads_version_3_header()
    {
        var a = NpyReader.Read(NpyFixtures.Path("f8_1d_v3.npy"));
        Assert.Equal([1.5f, -2.25f, 1e-3f], a.Data);
    }

    [Fact]
    public void Reads_scalar_and_empty_arrays()
    {
        var scalar = NpyReader.Read(NpyFixtures.Path("f8_scalar.npy"));
        Assert.Empty(scalar.Shape);
        Assert.Equal([2.5f], scalar.Data);
        Assert.Throws<InvalidOperationException>(() => scalar.ToTensor());

        var empty = NpyReader.Read(NpyFixtures.Path("f4_empty.npy"));
        Assert.Equal([0, 3], empty.Shape);
        Assert.Empty(empty.Data);
    }

    [Theory]
    [InlineData("i8_labels.npy", "<i8", new[] { 0, 5, 35, 2, 9 })]
    [InlineData("i4_labels.npy", "<i4", new[] { 1, -2, 3, 40000 })]
    [InlineData("u1_labels.npy", "|u1", new[] { 0, 1, 255, 7 })]
    public void Reads_integer_labels_exactly(string file, string dtype, int[] expected)
    {
        var a = NpyReader.Read(NpyFixtures.Path(file));
        Assert.Equal(dtype, a.DType);
        Assert.True(a.IsInteger);
        Assert.Equal(expected, a.ToLabels());
        Assert.Equal(expected.Select(v => (float)v), a.Data);
    }

    [Fact]
    public void Float_arrays_are_not_labels()
    {
        var a = NpyReader.Read(NpyFixtures.Path("f4_1d.npy"));
        Assert.Throws<InvalidOperationException>(() => a.ToLabels());
    }

    [Fact]
    public void Reads_from_a_non_seekable_stream()
    {
        using var stream = new NonSeekableStream(File.OpenRead(NpyFixtures.Path("f4_3d_v2.npy")));
        var a = NpyReader.Read(stream, "piped.npy");
        Assert.Equal(24, a.Length);
        Assert.Equal(23 * 0.25f, a.Data[^1]);
    }

    [Fact]
    public void Accepts_python2_long_suffix_and_double_quotes()
    {
        var bytes = Npy("{\"descr\": '<f4', 'fortran_order': False, 'shape': (2L,), }", new byte[8]);
        var a = NpyReader.Read(new MemoryStream(bytes), "old.npy");
        Assert.Equal([2], a.Shape);
    }

    /// <summary>Builds a version-1 .npy in memory from a header literal and payload.</summary>
    internal static byte[] Npy(string header, byte[] payload)
    {
        var h = Encoding.Latin1.GetBytes(header + "\n");
        var result = new List<byte> { 0x93 };
        result.AddRange("NUMPY"u8.ToArray());
        result.AddRange([1, 0, (byte)h.Length, (byte)(h.Length >> 8)]);
        result.AddRange(h);
        result.AddRange(payload);
        return [.. result];
    }
}
