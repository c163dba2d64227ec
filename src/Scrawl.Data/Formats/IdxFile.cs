using System.Buffers.Binary;
using System.IO.Compression;

namespace Scrawl.Data.Formats;

/// <summary>
/// Reads IDX files (MNIST, EMNIST, Fashion-MNIST): magic 00 00 TYPE RANK, RANK big-endian uint32
/// dimensions, then the values big-endian, row-major. Plain or gzip-compressed (recognised by the
/// bytes 1f 8b, not by the name). Every problem is an <see cref="InvalidDataException"/> naming the
/// source and byte offset; claimed sizes are checked before anything that size is allocated.
/// </summary>
public static class IdxFile
{
    /// <summary>Deflate cannot expand data by more than about 1032:1; a larger claim is a lie.</summary>
    private const long MaxInflateRatio = 1100;

    /// <summary>Reads the IDX file at <paramref name="path"/> (plain or gzip); errors name the path.</summary>
    public static IdxArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads an IDX array from the rest of <paramref name="stream"/>; <paramref name="sourceName"/> prefixes error messages.</summary>
    public static IdxArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        byte[] raw = MatStreams.ReadAll(stream, sourceName);
        bool gzip = raw.Length >= 2 && raw[0] == 0x1f && raw[1] == 0x8b;
        if (!gzip)
        {
            using var plain = new MemoryStream(raw, writable: false);
            return Parse(plain, sourceName, false, raw.Length);
        }

        using var unzip = new GZipStream(new MemoryStream(raw, writable: false), CompressionMode.Decompress);
        var array = Parse(unzip, sourceName, true, Math.Min(Array.MaxLength, raw.Length * MaxInflateRatio));

        // The inflater accepts a stream cut inside its 8-byte trailer (CRC-32, size): check the size it records.
        long total = array.DataOffset + ((long)array.Count * array.ItemSize);
        uint recorded = raw.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 4)) : 0;
        if (recorded != (uint)total)
        {
            throw new InvalidDataException($"{sourceName}: the gzip data is truncated or corrupt (its trailer records {recorded:N0} bytes, {total:N0} were decompressed).");
        }

        return array;
    }

    private static IdxArray Parse(Stream input, string source, bool gzip, long maxLength)
    {
        string Where(long pos) => gzip ? $"decompressed offset {pos}" : $"offset {pos}";
        InvalidDataException Fail(long pos, string problem) => new($"{source}: {Where(pos)}: {problem}.");

        var magic = new byte[4];
        int got = Fill(input, magic, source, 0, gzip);
        if (got < 4)
        {
            throw Fail(0, $"the file has {got} bytes, too few for the 4-byte IDX magic number");
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw Fail(0, $"not an IDX file (the magic number must start with two zero bytes, got {magic[0]:x2} {magic[1]:x2})");
        }

        var type = (IdxDataType)magic[2];
        int size = IdxArray.ItemSizeOf(type);
        if (size == 0)
        {
            throw Fail(2, $"unknown IDX data type 0x{magic[2]:X2} (known: 08 ubyte, 09 byte, 0B int16, 0C int32, 0D float32, 0E float64)");
        }

        int rank = magic[3];
        if (rank == 0)
        {
            throw Fail(3, "the array has 0 dimensions");
        }

        var dimBytes = new byte[4 * rank];
        got = Fill(input, dimBytes, source, 4, gzip);
        if (got < dimBytes.Length)
        {
            throw Fail(4 + got, $"the file ends inside the dimensions ({got} of {dimBytes.Length} bytes present)");
        }

        var dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(dimBytes.AsSpan(4 * i));
            if (d > int.MaxValue)
            {
                throw Fail(4 + (4 * i), $"dimension {i} is {d}, larger than an array can hold");
            }

            dims[i] = (int)d;
            // Saturate at 2⁴⁰: count ≤ 2⁴⁰ and d < 2³¹ would overflow a long (a wrapped product went negative or 0).
            count = d == 0 ? 0 : count > (1L << 40) / d ? 1L << 40 : count * d;
        }

        int dataOffset = 4 + (4 * rank);
        long byteCount = count * size;
        string shape = string.Join("×", dims);
        long room = maxLength - dataOffset;
        if (byteCount > room)
        {
            string claim = $"the dimensions {shape} of {type} claim {byteCount:N0}{(count == 1L << 40 ? "+" : "")} bytes of data";
            throw Fail(4, byteCount > Array.MaxLength - dataOffset ? $"{claim}, more than this reader supports ({Array.MaxLength:N0})"
                : gzip ? $"{claim}, more than the compressed file can hold (at most {room:N0})"
                : $"{claim} but only {room:N0} remain");
        }

        var data = new byte[byteCount];
        got = Fill(input, data, source, dataOffset, gzip);
        if (got < byteCount)
        {
            throw Fail(dataOffset + got, $"the data is truncated: {shape} of {type} needs {byteCount:N0} bytes, only {got:N0} are present");
        }

        if (Fill(input, new byte[1], source, dataOffset + byteCount, gzip) != 0)
        {
            throw Fail(dataOffset + byteCount, $"there are bytes after the {shape} values the header describes (wrong dimensions?)");
        }

        return type == IdxDataType.UnsignedByte
            ? new IdxArray(source, type, dims, data, null, dataOffset, gzip)
            : new IdxArray(source, type, dims, null, Decode(data, type), dataOffset, gzip);
    }

    /// <summary>Reads as much of <paramref name="buffer"/> as the input holds; corrupt gzip data fails with the source name.</summary>
    private static int Fill(Stream input, byte[] buffer, string source, long position, bool gzip)
    {
        try
        {
            return input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (gzip && e is InvalidDataException or IOException)
        {
            throw new InvalidDataException($"{source}: decompressed offset {position}+: the gzip data is corrupt.", e);
        }
    }

    private static double[] Decode(byte[] data, IdxDataType type)
    {
        var span = data.AsSpan();
        var values = new double[data.Length / IdxArray.ItemSizeOf(type)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = type switch
            {
                IdxDataType.SignedByte => unchecked((sbyte)span[i]),
                IdxDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(span[(2 * i)..]),
                IdxDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(span[(4 * i)..]),
                IdxDataType.Single => BinaryPrimitives.ReadSingleBigEndian(span[(4 * i)..]),
                _ => BinaryPrimitives.ReadDoubleBigEndian(span[(8 * i)..]),
            };
        }

        return values;
    }
}
