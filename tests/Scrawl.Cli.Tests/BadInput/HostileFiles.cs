using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Scrawl.NeuralNet.Serialization;

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
    public static void WritePng(string path, int width, int height, Func<int, int, byte> pixel)
    {
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth; colour type 0 (grey), deflate, filter 0, no interlace
        Chunk(file, "IHDR", ihdr);
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[width + 1];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    row[x + 1] = pixel(x, y);
                }

                z.Write(row);
            }
        }

        Chunk(file, "IDAT", idat.ToArray());
        Chunk(file, "IEND", []);
    }

    /// <summary>A PNG whose IHDR claims <paramref name="width"/>×<paramref name="height"/> with no pixel data at all.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        Chunk(file, "IHDR", ihdr);
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        Encoding.ASCII.GetBytes(type, head.AsSpan(4));
        s.Write(head);
        s.Write(data);
        var tail = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, Crc(head.AsSpan(4), data));
        s.Write(tail);
    }

    private static uint Crc(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (var span in new[] { type.ToArray(), data.ToArray() })
        {
            foreach (byte b in span)
            {
                c ^= b;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }
            }
        }

        return ~c;
    }
}
