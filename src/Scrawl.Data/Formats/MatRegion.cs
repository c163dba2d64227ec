using System.Buffers.Binary;

namespace Scrawl.Data.Formats;

/// <summary>A data element's tag: its type, where its data starts, and how many bytes it holds.</summary>
/// <param name="Offset">Position of the tag in its region.</param>
/// <param name="Type">The miXXX data type code.</param>
/// <param name="DataStart">Position of the first data byte.</param>
/// <param name="Length">Number of data bytes (without padding).</param>
/// <param name="Small">True for the 4-byte small data element format (data in the tag's second word).</param>
internal readonly record struct MatTag(int Offset, uint Type, int DataStart, int Length, bool Small)
{
    /// <summary>Position just after the data (before any padding).</summary>
    public int DataEnd => DataStart + Length;
}

/// <summary>
/// Bytes of a MAT v5 file being parsed: either the file itself or the decompressed contents of one
/// miCOMPRESSED element. Reads numbers in the file's byte order and words every error with the
/// source name and the offset (a file offset, or the compressed element's offset plus the decompressed byte).
/// </summary>
internal sealed class MatRegion(byte[] bytes, bool bigEndian, string source, long compressedAt)
{
    public const uint MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7,
        MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15;

    public byte[] Bytes { get; } = bytes;

    public bool BigEndian { get; } = bigEndian;

    public string Source { get; } = source;

    public uint U32(int pos) => BigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(Bytes.AsSpan(pos, 4))
        : BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(pos, 4));

    public int I32(int pos) => unchecked((int)U32(pos));

    public ushort U16(int pos) => BigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(Bytes.AsSpan(pos, 2))
        : BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(pos, 2));

    public string Where(long pos) => compressedAt < 0
        ? $"offset {pos}"
        : $"offset {compressedAt} (miCOMPRESSED element, decompressed byte {pos})";

    public InvalidDataException Fail(long pos, string problem) => new($"{Source}: {Where(pos)}: {problem}.");

    /// <summary>Reads the tag at <paramref name="pos"/>; the element must end by <paramref name="end"/>.</summary>
    public MatTag ReadTag(int pos, int end, string what)
    {
        if (end - pos < 8)
        {
            throw Fail(pos, $"{what}: the data ends inside an element tag ({end - pos} of 8 bytes present)");
        }

        uint first = U32(pos);
        if (first >> 16 != 0)
        {
            uint small = first >> 16;
            if (small > 4)
            {
                throw Fail(pos, $"{what}: a small data element claims {small} bytes (at most 4 fit)");
            }

            return new MatTag(pos, first & 0xFFFF, pos + 4, (int)small, true);
        }

        uint length = U32(pos + 4);
        int remaining = end - pos - 8;
        if (length > remaining)
        {
            throw Fail(pos, $"{what}: {TypeName(first)} element claims {length} bytes but only {remaining} remain");
        }

        return new MatTag(pos, first, pos + 8, (int)length, false);
    }

    /// <summary>Where the element after <paramref name="tag"/> starts: data padded to 8 bytes, never beyond <paramref name="end"/>.</summary>
    public static int After(MatTag tag, int end)
    {
        if (tag.Small)
        {
            return tag.Offset + 8;
        }

        long padded = tag.DataEnd + ((8 - (tag.Length % 8)) % 8);
        return (int)Math.Min(padded, end);
    }

    /// <summary>Bytes per value of a numeric miXXX type, or 0 if the type is not numeric.</summary>
    public static int ItemSize(uint type) => type switch
    {
        MiInt8 or MiUInt8 => 1,
        MiInt16 or MiUInt16 => 2,
        MiInt32 or MiUInt32 or MiSingle => 4,
        MiDouble or MiInt64 or MiUInt64 => 8,
        _ => 0,
    };

    /// <summary>The miXXX name of a data type code, e.g. "miDOUBLE".</summary>
    public static string TypeName(uint type) => type switch
    {
        MiInt8 => "miINT8",
        MiUInt8 => "miUINT8",
        MiInt16 => "miINT16",
        MiUInt16 => "miUINT16",
        MiInt32 => "miINT32",
        MiUInt32 => "miUINT32",
        MiSingle => "miSINGLE",
        MiDouble => "miDOUBLE",
        MiInt64 => "miINT64",
        MiUInt64 => "miUINT64",
        MiMatrix => "miMATRIX",
        MiCompressed => "miCOMPRESSED",
        16 => "miUTF8",
        17 => "miUTF16",
        18 => "miUTF32",
        _ => $"type-{type}",
    };
}
