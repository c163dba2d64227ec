using System.Buffers.Binary;
using System.Text;
using Scrawl.Data.Formats;

namespace Scrawl.Data.Tests.Formats;

/// <summary>
/// Regressions: IDX and MAT dimension products saturated at 2⁴⁰ by a multiplication that could overflow a long, so
/// dimensions 2²⁰ × 2²⁰ × 2²⁴ wrapped to 0 values and a header claiming 2⁶⁴ elements loaded as an empty array.
/// A truncated gzip trailer was also accepted.
/// </summary>
public class DimensionOverflowTests
{
    [Fact]
    public void Idx_dimensions_whose_product_wraps_a_long_fail_fast()
    {
        var bytes = new byte[4 + 12];
        bytes[2] = 0x08;
        bytes[3] = 3;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), 1 << 20);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 1 << 20);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), 1 << 24);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(bytes), "wrap.idx"));
        Assert.Contains("wrap.idx", e.Message, StringComparison.Ordinal);
        Assert.Contains("more than this reader supports", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mat_dimensions_whose_product_wraps_a_long_fail_fast()
    {
        var file = new List<byte>(Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file".PadRight(116)));
        file.AddRange(new byte[8]);
        file.AddRange([0x00, 0x01, (byte)'I', (byte)'M']);
        var body = new List<byte>();
        void Tag(int type, int length) => body.AddRange([.. Le(type), .. Le(length)]);
        Tag(6, 8);
        body.AddRange([6, 0, 0, 0, 0, 0, 0, 0]); // class double
        Tag(5, 12);
        body.AddRange([.. Le(1 << 20), .. Le(1 << 20), .. Le(1 << 24), 0, 0, 0, 0]);
        Tag(1, 1);
        body.AddRange([(byte)'x', 0, 0, 0, 0, 0, 0, 0]);
        Tag(9, 0); // no values at all
        file.AddRange([.. Le(14), .. Le(body.Count)]);
        file.AddRange(body);
        var e = Assert.Throws<InvalidDataException>(() => MatFile.Read(new MemoryStream([.. file]), "wrap.mat"));
        Assert.Contains("wrap.mat", e.Message, StringComparison.Ordinal);
        Assert.Contains("more than this reader supports", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Idx_gzip_cut_inside_its_trailer_is_rejected()
    {
        byte[] gz = FormatFixtures.Bytes("tiny-labels-idx1-ubyte.gz");
        Assert.NotNull(IdxFile.Read(new MemoryStream(gz), "whole.gz"));
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(gz[..^1]), "cut.gz"));
        Assert.Contains("cut.gz: the gzip data is truncated or corrupt", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Le(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, v);
        return b;
    }
}
