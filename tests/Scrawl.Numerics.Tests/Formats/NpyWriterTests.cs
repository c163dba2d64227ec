using Scrawl.Numerics.Formats;

namespace Scrawl.Numerics.Tests.Formats;

public class NpyWriterTests
{
    [Fact]
    public void Float32_uint8_and_int64_round_trip_through_the_reader()
    {
        var floats = new float[] { 0f, -1.5f, 3.25f, float.MaxValue, 1e-30f, 7f };
        var bytes = new byte[] { 0, 1, 254, 255 };
        var longs = new long[] { -3, 0, 1L << 20 };
        using var a = new MemoryStream();
        NpyWriter.Write(a, floats, 2, 3);
        using var b = new MemoryStream();
        NpyWriter.Write(b, bytes, 4);
        using var c = new MemoryStream();
        NpyWriter.Write(c, longs, 3);

        var fa = NpyReader.Read(new MemoryStream(a.ToArray()), "a");
        Assert.Equal([2, 3], fa.Shape);
        Assert.Equal(floats, fa.Data);
        var fb = NpyReader.Read(new MemoryStream(b.ToArray()), "b");
        Assert.Equal([0, 1, 254, 255], fb.ToLabels());
        Assert.Equal(0, (a.Length - (floats.Length * 4)) % 64); // numpy aligns the data to 64 bytes
        var fc = NpyReader.Read(new MemoryStream(c.ToArray()), "c");
        Assert.Equal([-3, 0, 1 << 20], fc.ToLabels());
    }

    [Fact]
    public void A_shape_that_does_not_fit_the_data_is_rejected()
    {
        using var s = new MemoryStream();
        Assert.Throws<ArgumentException>(() => NpyWriter.Write(s, new float[5], 2, 3));
        Assert.Equal(0, s.Length);
    }
}
