using Scrawl.Numerics;

namespace Scrawl.Numerics.Formats;

/// <summary>
/// An array read from a numpy .npy file: its shape, its elements converted to float32 (row-major),
/// and the file's dtype. Integer arrays also keep their exact values for <see cref="ToLabels"/>.
/// </summary>
public sealed class NpyArray
{
    private readonly long[]? _integers;

    /// <summary>Creates an array; <paramref name="data"/> must hold the product of <paramref name="shape"/> (all dims ≥ 0) elements.</summary>
    public NpyArray(string dtype, int[] shape, float[] data, long[]? integers = null)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = 1;
        foreach (int d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            count *= d;
        }

        if (count != data.Length || (integers is not null && integers.Length != data.Length))
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {count} elements, got {data.Length}.", nameof(data));
        }

        DType = dtype;
        Shape = (int[])shape.Clone();
        Data = data;
        _integers = integers;
    }

    /// <summary>The numpy dtype as written in the file, e.g. "&lt;f8", "&lt;i8" or "|u1".</summary>
    public string DType { get; }

    /// <summary>The shape (rank 0 for a scalar; every dimension ≥ 0).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The elements in C (row-major) order, converted to float32.</summary>
    public float[] Data { get; }

    /// <summary>Number of elements (the product of the shape; 1 for a scalar).</summary>
    public int Length => Data.Length;

    /// <summary>True when the file held integers ("&lt;i8", "&lt;i4" or "|u1").</summary>
    public bool IsInteger => _integers is not null;

    /// <summary>The shape as text, e.g. "64, 1024" (empty for a scalar).</summary>
    public string ShapeText => string.Join(", ", Shape);

    /// <summary>A new tensor with this array's shape and float32 data (rank must be 1–4).</summary>
    public Tensor ToTensor()
    {
        if (Shape.Count is < 1 or > 4)
        {
            throw new InvalidOperationException($"A tensor needs rank 1 to 4; this array has shape [{ShapeText}] (rank {Shape.Count}).");
        }

        return Tensor.FromSpan(Data, [.. Shape]);
    }

    /// <summary>The exact integer values as int32 class labels (integer dtypes only; every value must fit in an int).</summary>
    public int[] ToLabels()
    {
        if (_integers is null)
        {
            throw new InvalidOperationException($"Labels need an integer array; this one has dtype '{DType}'.");
        }

        var labels = new int[_integers.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            long v = _integers[i];
            if (v is < int.MinValue or > int.MaxValue)
            {
                throw new InvalidOperationException($"Label {v} at index {i} does not fit in a 32-bit integer.");
            }

            labels[i] = (int)v;
        }

        return labels;
    }
}
