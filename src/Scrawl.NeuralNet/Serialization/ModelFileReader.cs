using System.Buffers.Binary;
using System.Text;

namespace Scrawl.NeuralNet.Serialization;

/// <summary>
/// Little-endian primitive reader over an in-memory model file. Every length and count is checked
/// against the bytes actually left before anything is allocated; a failure is an
/// <see cref="InvalidDataException"/> naming the source.
/// </summary>
internal sealed class ModelFileReader
{
    /// <summary>The longest string a model file may hold, in UTF-8 bytes.</summary>
    public const int MaxStringBytes = 16 << 20;

    private readonly byte[] _data;
    private readonly int _end;
    private int _pos;

    public ModelFileReader(byte[] data, int start, int end, string source)
    {
        _data = data;
        _pos = start;
        _end = end;
        Source = source;
    }

    /// <summary>The file name or description used in error messages.</summary>
    public string Source { get; }

    /// <summary>Bytes left in this reader's range.</summary>
    public int Remaining => _end - _pos;

    /// <summary>An error naming the source: "SOURCE: the file is malformed — PROBLEM."</summary>
    public InvalidDataException Malformed(string problem) => new($"{Source}: the file is malformed — {problem}.");

    public uint ReadUInt32()
    {
        Need(4, "a 4-byte integer");
        uint v = BinaryPrimitives.ReadUInt32LittleEndian(_data.AsSpan(_pos));
        _pos += 4;
        return v;
    }

    /// <summary>A uint32 that must lie in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="what"/> names it in errors.</summary>
    public int ReadInt(string what, int min, int max)
    {
        uint v = ReadUInt32();
        if (v < (uint)min || v > (uint)max)
        {
            throw Malformed($"{what} is {v}, outside {min}..{max}");
        }

        return (int)v;
    }

    /// <summary>A count of items each taking at least <paramref name="minItemBytes"/> (≥ 1) bytes, so it cannot exceed what is left.</summary>
    public int ReadCount(string what, int minItemBytes) => ReadInt(what, 0, Remaining / minItemBytes);

    public string ReadString(string what)
    {
        int length = ReadInt($"the length of {what}", 0, Math.Min(MaxStringBytes, Remaining));
        string s;
        try
        {
            s = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(_data, _pos, length);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed($"{what} is not valid UTF-8");
        }

        _pos += length;
        return s;
    }

    public void ReadFloats(Span<float> destination, string what)
    {
        Need((long)destination.Length * 4, what);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(_data.AsSpan(_pos + (4 * i)));
        }

        _pos += destination.Length * 4;
    }

    /// <summary>
    /// Checks that a tensor of <paramref name="elements"/> float32 values could still fit in the rest
    /// of the whole file (not just this block): call before allocating anything a size field claims.
    /// </summary>
    public void EnsureFits(long elements, string what)
    {
        long left = _data.Length - _pos;
        if (elements * 4 > left)
        {
            throw Malformed($"{what} would need {elements * 4:N0} bytes but the file has only {left:N0} left");
        }
    }

    /// <summary>Reads a uint32 length and returns a reader over that many following bytes (this reader skips them).</summary>
    public ModelFileReader ReadBlock(string what)
    {
        int length = ReadInt($"the length of {what}", 0, Remaining);
        var block = new ModelFileReader(_data, _pos, _pos + length, Source);
        _pos += length;
        return block;
    }

    /// <summary>Fails unless every byte of this reader's range has been read.</summary>
    public void ExpectEnd(string what)
    {
        if (Remaining != 0)
        {
            throw Malformed($"{Remaining} unexpected bytes after {what}");
        }
    }

    private void Need(long bytes, string what)
    {
        if (bytes > Remaining)
        {
            throw Malformed($"{what} needs {bytes:N0} bytes but only {Remaining:N0} are left");
        }
    }
}
