namespace Scrawl.Data.Formats;

/// <summary>The value types of the IDX format (the third byte of the magic number).</summary>
public enum IdxDataType : byte
{
    /// <summary>0x08: unsigned byte (MNIST images and labels).</summary>
    UnsignedByte = 0x08,

    /// <summary>0x09: signed byte.</summary>
    SignedByte = 0x09,

    /// <summary>0x0B: big-endian int16.</summary>
    Int16 = 0x0B,

    /// <summary>0x0C: big-endian int32.</summary>
    Int32 = 0x0C,

    /// <summary>0x0D: big-endian float32.</summary>
    Single = 0x0D,

    /// <summary>0x0E: big-endian float64.</summary>
    Double = 0x0E,
}

/// <summary>
/// One IDX array: its dimensions (rank ≥ 1, row-major as stored) and its values — the raw bytes for
/// <see cref="IdxDataType.UnsignedByte"/>, float64 values for every other type.
/// </summary>
public sealed class IdxArray
{
    internal IdxArray(string sourceName, IdxDataType dataType, int[] dimensions, byte[]? bytes, double[]? values, int dataOffset, bool compressed)
    {
        SourceName = sourceName;
        DataType = dataType;
        Dimensions = dimensions;
        Bytes = bytes;
        Values = values;
        DataOffset = dataOffset;
        Compressed = compressed;
    }

    /// <summary>The path or name the array was read from (used in messages).</summary>
    public string SourceName { get; }

    /// <summary>The stored value type.</summary>
    public IdxDataType DataType { get; }

    /// <summary>The dimensions, rank 1–255, each ≥ 0 (e.g. [10000, 28, 28]).</summary>
    public int[] Dimensions { get; }

    /// <summary>The values row-major when <see cref="DataType"/> is UnsignedByte, else null.</summary>
    public byte[]? Bytes { get; }

    /// <summary>The values row-major as float64 for every type but UnsignedByte (else null).</summary>
    public double[]? Values { get; }

    /// <summary>Byte offset of the first value in the (decompressed) file: 4 + 4 × rank.</summary>
    public int DataOffset { get; }

    /// <summary>True if the file was gzip-compressed (offsets in messages are then decompressed offsets).</summary>
    public bool Compressed { get; }

    /// <summary>Number of values (the product of <see cref="Dimensions"/>).</summary>
    public int Count => Bytes?.Length ?? Values!.Length;

    /// <summary>Size of one value in bytes (1, 2, 4 or 8).</summary>
    public int ItemSize => ItemSizeOf(DataType);

    /// <summary>Value <paramref name="index"/> (0 ≤ index &lt; Count) as float64, whatever the type.</summary>
    public double this[int index] => Bytes is not null ? Bytes[index] : Values![index];

    /// <summary>"offset N" or "decompressed offset N" for byte <paramref name="position"/> of the (decompressed) file.</summary>
    public string Where(long position) => Compressed ? $"decompressed offset {position}" : $"offset {position}";

    /// <summary>Where value <paramref name="index"/> is stored, for messages (see <see cref="Where"/>).</summary>
    public string WhereValue(int index) => Where(DataOffset + ((long)index * ItemSize));

    /// <summary>Size in bytes of one value of <paramref name="type"/>, or 0 for an unknown type code.</summary>
    public static int ItemSizeOf(IdxDataType type) => type switch
    {
        IdxDataType.UnsignedByte or IdxDataType.SignedByte => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Single => 4,
        IdxDataType.Double => 8,
        _ => 0,
    };

    /// <inheritdoc/>
    public override string ToString() => $"{SourceName}: {DataType} {string.Join("×", Dimensions)}";
}
