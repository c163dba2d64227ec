using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Scrawl.Tests.Shared;

/// <summary>Hand-built PNG files for tests (linked into the test projects that need them): grey 8-bit, no filters.</summary>
internal static class TestPng
{
    /// <summary>The 8-byte PNG signature.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes a width×height grey PNG whose pixel (x, y) is <paramref name="pixel"/>(x, y).</summary>
    public static void WriteGrey(string path, int width, int height, Func<int, int, byte> pixel)
    {
        using var file = File.Create(path);
        file.Write(Signature);
        Chunk(file, "IHDR", Header(width, height));
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[width + 1]; // filter byte 0, then the pixels
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

    /// <summary>The IHDR payload of a width×height 8-bit grey, deflate, unfiltered, non-interlaced image.</summary>
    public static byte[] Header(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth; colour type 0 (grey), deflate, filter 0, no interlace
        return ihdr;
    }

    /// <summary>Writes one chunk: length, type, data and the CRC-32 of type and data.</summary>
    public static void Chunk(Stream s, string type, byte[] data)
    {
        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        Encoding.ASCII.GetBytes(type, head.AsSpan(4));
        s.Write(head);
        s.Write(data);
        uint c = 0xFFFFFFFF;
        foreach (byte b in head.AsSpan(4).ToArray().Concat(data))
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
        }

        var tail = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, ~c);
        s.Write(tail);
    }
}
