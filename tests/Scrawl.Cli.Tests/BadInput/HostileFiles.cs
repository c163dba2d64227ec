using System.Buffers.Binary;
using System.Text;
using Scrawl.Numerics.Formats;

namespace Scrawl.Cli.Tests.BadInput;

/// <summary>Deterministic makers of hostile files: truncations, bit flips, forged headers, hand-built PNGs.</summary>
internal static class HostileFiles
{
    /// <summary>The first <paramref name="length"/> bytes of <paramref name="bytes"/>.</summary>
    public static byte[] Truncate(byte[] bytes, int length) => bytes[..Math.Clamp(length, 0, bytes.Length)];

    /// <summary>A copy with bit <paramref name="bit"/> (0..7) of byte <paramref name="index"/> flipped.</summary>
    public static byte[] Flip(byte[] bytes, int index, int bit = 0)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= (byte)(1 << bit);
        return copy;
    }

    /// <summary><paramref name="count"/> single-bit flips at positions drawn from a seeded generator.</summary>
    public static IEnumerable<(int Index, int Bit)> FlipPositions(int length, int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            yield return (random.Next(length), random.Next(8));
        }
    }

    /// <summary>An IDX header (ubyte values) with the given dimensions followed by <paramref name="dataBytes"/> zero bytes.</summary>
    public static byte[] Idx(uint[] dims, int dataBytes)
    {
        var bytes = new byte[4 + (4 * dims.Length) + dataBytes];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dims[i]);
        }

        return bytes;
    }

    /// <summary>A version-1.0 .npy file with a hand-written header dictionary and raw payload.</summary>
    public static byte[] Npy(string dict, byte[] payload)
    {
        string header = dict;
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.AddRange([1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8)]);
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(payload);
        return [.. bytes];
    }

    /// <summary>A float32 .npy array of shape [rows, cols] holding <paramref name="values"/>.</summary>
    public static byte[] NpyFloats(float[] values, int rows, int cols)
    {
        using var s = new MemoryStream();
        NpyWriter.Write(s, values, rows, cols);
        return s.ToArray();
    }

    /// <summary>An int64 .npy vector of labels.</summary>
    public static byte[] NpyLabels(long[] labels)
    {
        using var s = new MemoryStream();
        NpyWriter.Write(s, labels, labels.Length);
        return s.ToArray();
    }

    /// <summary>
    /// An 8-bit grey PNG of <paramref name="width"/>×<paramref name="height"/> whose pixels come from
    /// <paramref name="pixel"/>(x, y), written row by row (a 100-megapixel file needs no 100 MB buffer).
    /// </summary>
    public static void WritePng(string path, int width, int height, Func<int, int, byte> pixel) =>
        Scrawl.Tests.Shared.TestPng.WriteGrey(path, width, height, pixel);

    /// <summary>A PNG whose IHDR claims <paramref name="width"/>×<paramref name="height"/> with no pixel data at all.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var file = new MemoryStream();
        file.Write(Scrawl.Tests.Shared.TestPng.Signature);
        Scrawl.Tests.Shared.TestPng.Chunk(file, "IHDR", Scrawl.Tests.Shared.TestPng.Header(width, height));
        Scrawl.Tests.Shared.TestPng.Chunk(file, "IEND", []);
        return file.ToArray();
    }
}
