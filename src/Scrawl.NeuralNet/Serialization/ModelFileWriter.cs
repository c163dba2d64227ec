using System.Buffers.Binary;
using System.Text;

namespace Scrawl.NeuralNet.Serialization;

/// <summary>Little-endian primitive writer for model files, into a growable memory buffer.</summary>
internal sealed class ModelFileWriter : IDisposable
{
    private readonly MemoryStream _buffer = new();

    /// <summary>Bytes written so far.</summary>
    public long Position => _buffer.Position;

    public void WriteBytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public void WriteUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _buffer.Write(b);
    }

    public void WriteUInt64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        _buffer.Write(b);
    }

    /// <summary>A count or size (≥ 0) as uint32.</summary>
    public void WriteCount(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        WriteUInt32((uint)value);
    }

    /// <summary>uint32 byte length, then the UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > ModelFileReader.MaxStringBytes)
        {
            throw new ArgumentException($"A string of {bytes.Length:N0} bytes is longer than model files allow ({ModelFileReader.MaxStringBytes:N0}).", nameof(value));
        }

        WriteCount(bytes.Length);
        _buffer.Write(bytes);
    }

    public void WriteFloats(ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            _buffer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> b = stackalloc byte[4];
        foreach (float v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(b, v);
            _buffer.Write(b);
        }
    }

    /// <summary>Writes a uint32 length, then whatever <paramref name="body"/> writes (the length is patched in afterwards).</summary>
    public void WriteBlock(Action<ModelFileWriter> body)
    {
        long start = _buffer.Position;
        WriteUInt32(0);
        body(this);
        long end = _buffer.Position;
        _buffer.Position = start;
        WriteUInt32(checked((uint)(end - start - 4)));
        _buffer.Position = end;
    }

    /// <summary>Overwrites 8 bytes at <paramref name="offset"/> with <paramref name="value"/>.</summary>
    public void PatchUInt64(long offset, ulong value)
    {
        long end = _buffer.Position;
        _buffer.Position = offset;
        WriteUInt64(value);
        _buffer.Position = end;
    }

    public void Dispose() => _buffer.Dispose();

    /// <summary>Everything written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);
}
