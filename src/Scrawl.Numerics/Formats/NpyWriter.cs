using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Scrawl.Numerics.Formats;

/// <summary>
/// Writes numpy .npy arrays (format 1.0, little-endian, C order) that <c>numpy.load</c> and
/// <see cref="NpyReader"/> read: float32 ('&lt;f4'), uint8 ('|u1') and int64 ('&lt;i8').
/// </summary>
public static class NpyWriter
{
    /// <summary>Writes a float32 array of the given shape (every dimension ≥ 0; product = data length).</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> data, params int[] shape) =>
        WriteArray(stream, "<f4", MemoryMarshal.AsBytes(data), data.Length, shape);

    /// <summary>Writes a uint8 array of the given shape.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> data, params int[] shape) =>
        WriteArray(stream, "|u1", data, data.Length, shape);

    /// <summary>Writes an int64 array of the given shape.</summary>
    public static void Write(Stream stream, ReadOnlySpan<long> data, params int[] shape) =>
        WriteArray(stream, "<i8", MemoryMarshal.AsBytes(data), data.Length, shape);

    private static void WriteArray(Stream stream, string dtype, ReadOnlySpan<byte> bytes, int count, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(shape);
        long product = 1;
        foreach (int d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            product *= d;
        }

        if (product != count)
        {
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) holds {product} values, the data {count}.", nameof(shape));
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Writing .npy needs a little-endian machine.");
        }

        string dims = shape.Length == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{shape[0]},")
            : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        string dict = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': ({dims}), }}";

        // Magic (6) + version (2) + header length (2) + dict + padding + '\n', a multiple of 64 bytes.
        int unpadded = 10 + dict.Length + 1;
        int total = (unpadded + 63) / 64 * 64;
        var header = new byte[total];
        header[0] = 0x93;
        "NUMPY"u8.CopyTo(header.AsSpan(1));
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)(total - 10));
        Encoding.ASCII.GetBytes(dict, header.AsSpan(10));
        header.AsSpan(10 + dict.Length, total - 11 - dict.Length).Fill((byte)' ');
        header[^1] = (byte)'\n';
        stream.Write(header);
        stream.Write(bytes);
    }
}
