using System.Buffers.Binary;
using System.Text;

namespace Scrawl.Numerics.Formats;

/// <summary>
/// Reads numpy .npy files (format versions 1.0, 2.0 and 3.0): C-order, little-endian float32
/// ("&lt;f4") and float64 ("&lt;f8"), and int64/int32/uint8 ("&lt;i8", "&lt;i4", "|u1") for labels.
/// Anything else, and any damaged file, gives an <see cref="InvalidDataException"/> whose message
/// names the source and the problem. Sizes are checked before anything of the claimed size is allocated.
/// </summary>
public static class NpyReader
{
    /// <summary>The largest header accepted, in bytes (numpy writes well under 1 KiB).</summary>
    public const int MaxHeaderBytes = 1 << 20;

    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private const string SupportedDTypes = "<f4, <f8, <i8, <i4, |u1";

    /// <summary>Reads the .npy file at <paramref name="path"/>.</summary>
    public static NpyArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads one .npy array from <paramref name="stream"/>; <paramref name="sourceName"/> (e.g. the file name) prefixes error messages.</summary>
    public static NpyArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var (dtype, shape, count) = ReadHeader(stream, sourceName);
        int itemSize = dtype is "<f8" or "<i8" ? 8 : dtype is "<f4" or "<i4" ? 4 : 1;
        long byteCount = count * itemSize;
        if (byteCount > Array.MaxLength)
        {
            throw Fail(sourceName, $"the array [{string.Join(", ", shape)}] of '{dtype}' needs {byteCount:N0} bytes, more than this reader supports ({Array.MaxLength:N0})");
        }

        var payload = ReadPayload(stream, (int)byteCount, sourceName, shape, dtype);
        return Convert(dtype, shape, payload);
    }

    private static (string DType, int[] Shape, long Count) ReadHeader(Stream stream, string source)
    {
        Span<byte> prefix = stackalloc byte[12];
        ReadOrFail(stream, prefix[..8], source, "the file is too short to be an .npy file (truncated header)");
        if (!prefix[..6].SequenceEqual(Magic))
        {
            throw Fail(source, "not an .npy file (the magic bytes \\x93NUMPY are missing)");
        }

        byte major = prefix[6], minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0)
        {
            throw Fail(source, $"npy format version {major}.{minor} is not supported (supported: 1.0, 2.0, 3.0)");
        }

        int lengthBytes = major == 1 ? 2 : 4;
        ReadOrFail(stream, prefix.Slice(8, lengthBytes), source, "the file ends inside the header length (truncated header)");
        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        if (headerLength > MaxHeaderBytes)
        {
            throw Fail(source, $"the header claims {headerLength:N0} bytes, more than the {MaxHeaderBytes:N0} allowed");
        }

        if (stream.CanSeek && stream.Length - stream.Position < headerLength)
        {
            throw Fail(source, $"the header is truncated: it claims {headerLength} bytes, the file has {stream.Length - stream.Position} left");
        }

        var headerBytes = new byte[headerLength];
        ReadOrFail(stream, headerBytes, source, "the header is truncated");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        Dictionary<string, object?> dict;
        try
        {
            dict = NpyHeaderParser.ParseDict(header.TrimEnd());
        }
        catch (FormatException e)
        {
            throw Fail(source, $"the header is not valid: {e.Message}");
        }

        return InterpretHeader(dict, source);
    }

    private static (string DType, int[] Shape, long Count) InterpretHeader(Dictionary<string, object?> dict, string source)
    {
        foreach (string key in dict.Keys)
        {
            if (key is not ("descr" or "fortran_order" or "shape"))
            {
                throw Fail(source, $"the header has an unexpected key '{key}'");
            }
        }

        object? descr = Required(dict, "descr", source);
        object? fortran = Required(dict, "fortran_order", source);
        object? shapeValue = Required(dict, "shape", source);
        string dtype = CheckDType(descr, source);
        if (shapeValue is not List<object?> dims)
        {
            throw Fail(source, "the header's 'shape' is not a tuple of integers");
        }

        var shape = new int[dims.Count];
        long count = 1;
        for (int i = 0; i < dims.Count; i++)
        {
            if (dims[i] is not long d)
            {
                throw Fail(source, "the header's 'shape' is not a tuple of integers");
            }

            if (d < 0)
            {
                throw Fail(source, $"the header's shape ({string.Join(", ", dims)}) has a negative dimension");
            }

            if (d > Array.MaxLength)
            {
                throw Fail(source, $"the header's shape ({string.Join(", ", dims)}) has a dimension larger than an array can hold");
            }

            shape[i] = (int)d;
            count = count > Array.MaxLength ? count : count * d; // both ≤ 2³¹ here: no overflow
        }

        if (shape.Contains(0))
        {
            count = 0;
        }

        if (count > Array.MaxLength)
        {
            throw Fail(source, $"the header's shape ({string.Join(", ", dims)}) has more elements than this reader supports ({Array.MaxLength:N0}); the file is damaged or far too large");
        }

        if (fortran is not bool isFortran)
        {
            throw Fail(source, "the header's 'fortran_order' is not True or False");
        }

        if (isFortran && shape.Count(d => d > 1) > 1)
        {
            throw Fail(source, "Fortran-order (column-major) arrays are not supported; save a C-order copy (numpy.ascontiguousarray)");
        }

        return (dtype, shape, count);
    }

    private static string CheckDType(object? descr, string source)
    {
        if (descr is not string dtype)
        {
            throw Fail(source, "structured (record) dtypes are not supported; save a plain numeric array");
        }

        if (dtype is "<f4" or "<f8" or "<i8" or "<i4" or "|u1")
        {
            return dtype;
        }

        if (dtype == "<u1")
        {
            return "|u1"; // a single byte has no byte order; some writers say '<'.
        }

        if (dtype.Length > 1 && dtype[1] == 'O')
        {
            throw Fail(source, $"object arrays (dtype '{dtype}') are not supported: they hold pickled Python objects");
        }

        if (dtype.StartsWith('>'))
        {
            throw Fail(source, $"big-endian data (dtype '{dtype}') is not supported; save a little-endian copy (astype('<{dtype[1..]}'))");
        }

        throw Fail(source, $"dtype '{dtype}' is not supported (supported: {SupportedDTypes})");
    }

    private static object? Required(Dictionary<string, object?> dict, string key, string source)
        => dict.TryGetValue(key, out var value) ? value : throw Fail(source, $"the header has no '{key}' entry");

    private static byte[] ReadPayload(Stream stream, int byteCount, string source, int[] shape, string dtype)
    {
        string Truncated(long have) => $"the data is truncated: shape ({string.Join(", ", shape)}) of '{dtype}' needs {byteCount:N0} bytes, only {have:N0} are present";
        if (stream.CanSeek)
        {
            long left = stream.Length - stream.Position;
            if (left < byteCount)
            {
                throw Fail(source, Truncated(left));
            }

            var bytes = new byte[byteCount];
            ReadOrFail(stream, bytes, source, Truncated(left));
            return bytes;
        }

        // Unknown length (e.g. a deflated zip entry): grow with the data actually present, so a
        // lying header cannot make us allocate its claimed size up front.
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        while (buffer.Length < byteCount)
        {
            int n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, byteCount - buffer.Length));
            if (n == 0)
            {
                throw Fail(source, Truncated(buffer.Length));
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static NpyArray Convert(string dtype, int[] shape, byte[] bytes)
    {
        var span = bytes.AsSpan();
        switch (dtype)
        {
            case "<f4":
                {
                    var data = new float[bytes.Length / 4];
                    for (int i = 0; i < data.Length; i++)
                    {
                        data[i] = BinaryPrimitives.ReadSingleLittleEndian(span[(4 * i)..]);
                    }

                    return new NpyArray(dtype, shape, data);
                }

            case "<f8":
                {
                    var data = new float[bytes.Length / 8];
                    for (int i = 0; i < data.Length; i++)
                    {
                        data[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(span[(8 * i)..]);
                    }

                    return new NpyArray(dtype, shape, data);
                }

            default:
                {
                    int size = dtype == "<i8" ? 8 : dtype == "<i4" ? 4 : 1;
                    var ints = new long[bytes.Length / size];
                    var data = new float[ints.Length];
                    for (int i = 0; i < ints.Length; i++)
                    {
                        var item = span[(size * i)..];
                        ints[i] = size == 8 ? BinaryPrimitives.ReadInt64LittleEndian(item)
                            : size == 4 ? BinaryPrimitives.ReadInt32LittleEndian(item)
                            : item[0];
                        data[i] = ints[i];
                    }

                    return new NpyArray(dtype, shape, data, ints);
                }
        }
    }

    private static void ReadOrFail(Stream stream, Span<byte> destination, string source, string problem)
    {
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException)
        {
            throw Fail(source, problem);
        }
    }

    private static InvalidDataException Fail(string source, string problem) => new($"{source}: {problem}.");
}
