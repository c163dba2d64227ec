using Scrawl.Numerics;

namespace Scrawl.Data.Formats;

/// <summary>MATLAB array classes (the mxCLASS codes of the MAT v5 array flags); only the numeric ones are read.</summary>
public enum MatClass
{
    /// <summary>mxCELL_CLASS (1): cell array, skipped.</summary>
    Cell = 1,

    /// <summary>mxSTRUCT_CLASS (2): structure, skipped.</summary>
    Struct = 2,

    /// <summary>mxOBJECT_CLASS (3): object, skipped.</summary>
    Object = 3,

    /// <summary>mxCHAR_CLASS (4): character array, skipped.</summary>
    Char = 4,

    /// <summary>mxSPARSE_CLASS (5): sparse matrix, skipped.</summary>
    Sparse = 5,

    /// <summary>mxDOUBLE_CLASS (6): float64.</summary>
    Double = 6,

    /// <summary>mxSINGLE_CLASS (7): float32.</summary>
    Single = 7,

    /// <summary>mxINT8_CLASS (8).</summary>
    Int8 = 8,

    /// <summary>mxUINT8_CLASS (9); also MATLAB logical arrays.</summary>
    UInt8 = 9,

    /// <summary>mxINT16_CLASS (10).</summary>
    Int16 = 10,

    /// <summary>mxUINT16_CLASS (11).</summary>
    UInt16 = 11,

    /// <summary>mxINT32_CLASS (12).</summary>
    Int32 = 12,

    /// <summary>mxUINT32_CLASS (13).</summary>
    UInt32 = 13,

    /// <summary>mxINT64_CLASS (14).</summary>
    Int64 = 14,

    /// <summary>mxUINT64_CLASS (15).</summary>
    UInt64 = 15,

    /// <summary>mxFUNCTION_CLASS (16): function handle, skipped.</summary>
    Function = 16,

    /// <summary>mxOPAQUE_CLASS (17): opaque MATLAB object, skipped.</summary>
    Opaque = 17,
}

/// <summary>
/// One real numeric variable of a MAT v5 file: its dimensions (rank ≥ 2, as MATLAB reports them) and its
/// values converted to float64 and reordered to <b>row-major</b> (C order), whatever type they were stored as.
/// </summary>
public sealed class MatArray
{
    /// <summary>Wraps a variable; <paramref name="data"/> is row-major and its length is the product of <paramref name="dimensions"/>.</summary>
    public MatArray(string name, MatClass matClass, bool isLogical, int[] dimensions, double[] data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        if (dimensions.Length < 2 || dimensions.Any(d => d < 0))
        {
            throw new ArgumentException($"'{name}': a MAT array has 2 or more non-negative dimensions, got [{string.Join(", ", dimensions)}].", nameof(dimensions));
        }

        long count = 1;
        foreach (int d in dimensions)
        {
            count = Math.Min(count * d, 1L << 31); // both factors ≤ 2³¹: no overflow
        }

        if (count != data.Length)
        {
            throw new ArgumentException($"'{name}': dimensions [{string.Join(", ", dimensions)}] need {count} values, got {data.Length}.", nameof(data));
        }

        Name = name;
        Class = matClass;
        IsLogical = isLogical;
        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>The variable's name in the file.</summary>
    public string Name { get; }

    /// <summary>The MATLAB class the variable had (Double … UInt64); the values are float64 whatever the class.</summary>
    public MatClass Class { get; }

    /// <summary>True for a MATLAB logical array (class UInt8, values 0 or 1).</summary>
    public bool IsLogical { get; }

    /// <summary>The dimensions, rank ≥ 2, each ≥ 0 (e.g. [1, 680] for a row vector).</summary>
    public int[] Dimensions { get; }

    /// <summary>The values, row-major. Int64/UInt64 values beyond ±2⁵³ are rounded to the nearest float64.</summary>
    public double[] Data { get; }

    /// <summary>Where the variable's element starts in its file, e.g. "offset 1184" (empty when not read from a file).</summary>
    public string Location { get; internal init; } = string.Empty;

    /// <summary>Number of values (the product of <see cref="Dimensions"/>).</summary>
    public int Count => Data.Length;

    /// <summary>Number of rows (the first dimension).</summary>
    public int Rows => Dimensions[0];

    /// <summary>Number of columns (the second dimension).</summary>
    public int Columns => Dimensions[1];

    /// <summary>The shape as text, e.g. "1×680".</summary>
    public string ShapeText => string.Join("×", Dimensions);

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>) of a 2-D array (0-based).</summary>
    public double this[int row, int column]
    {
        get
        {
            if (Dimensions.Length != 2 || (uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
            {
                throw new ArgumentOutOfRangeException(nameof(row), $"'{Name}' is {ShapeText}; ({row}, {column}) is outside it.");
            }

            return Data[(row * Columns) + column];
        }
    }

    /// <summary>The values as float32 in a tensor of the same dimensions (rank ≤ 4; trailing singleton dimensions beyond 4 are dropped).</summary>
    public Tensor ToTensor()
    {
        int[] shape = Dimensions;
        while (shape.Length > 4 && shape[^1] == 1)
        {
            shape = shape[..^1];
        }

        if (shape.Length > 4)
        {
            throw new InvalidOperationException($"'{Name}' has {Dimensions.Length} dimensions ({ShapeText}); a tensor has at most 4.");
        }

        var values = new float[Data.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)Data[i];
        }

        return Tensor.FromArray(values, shape);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Class} {ShapeText}";
}
