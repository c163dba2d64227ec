namespace Scrawl.Numerics;

/// <summary>
/// A dense float32 tensor stored row-major (C order) in one array. Rank 1 to 4.
/// Storage may be larger than the current shape so a buffer can be reused for a smaller batch
/// (see <see cref="Resize(int[])"/>); <see cref="Span"/> always covers exactly the current shape.
/// </summary>
public sealed class Tensor
{
    private float[] _data;
    private int[] _shape;

    /// <summary>Creates a zero-filled tensor of the given shape (every dimension ≥ 0, rank 1–4).</summary>
    public Tensor(params int[] shape)
    {
        _shape = ValidateShape(shape);
        _data = new float[ElementCount(_shape)];
        Length = _data.Length;
    }

    private Tensor(float[] data, int[] shape)
    {
        _shape = ValidateShape(shape);
        int count = ElementCount(_shape);
        if (data.Length < count)
        {
            throw new ArgumentException($"Data has {data.Length} elements but shape [{string.Join(", ", shape)}] needs {count}.", nameof(data));
        }

        _data = data;
        Length = count;
    }

    /// <summary>Wraps an existing array without copying; its length must equal the shape's element count.</summary>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var t = new Tensor(data, shape);
        if (data.Length != t.Length)
        {
            throw new ArgumentException($"Data has {data.Length} elements but shape [{string.Join(", ", shape)}] needs {t.Length}.", nameof(data));
        }

        return t;
    }

    /// <summary>Copies a span into a new tensor of the given shape (lengths must match).</summary>
    public static Tensor FromSpan(ReadOnlySpan<float> data, params int[] shape)
    {
        var t = new Tensor(shape);
        if (data.Length != t.Length)
        {
            throw new ArgumentException($"Data has {data.Length} elements but shape [{string.Join(", ", shape)}] needs {t.Length}.", nameof(data));
        }

        data.CopyTo(t.Span);
        return t;
    }

    /// <summary>The current shape (rank 1–4).</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Number of dimensions (1–4).</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements in the current shape.</summary>
    public int Length { get; private set; }

    /// <summary>Size of the first dimension (the batch or row count).</summary>
    public int Rows => _shape[0];

    /// <summary>Elements per row: the product of all dimensions after the first (1 for rank 1).</summary>
    public int RowLength => _shape[0] == 0 ? ElementCount(_shape.AsSpan(1)) : Length / _shape[0];

    /// <summary>Size of dimension <paramref name="axis"/> (0 ≤ axis &lt; Rank).</summary>
    public int Dim(int axis) => _shape[axis];

    /// <summary>The elements of the current shape, row-major.</summary>
    public Span<float> Span => _data.AsSpan(0, Length);

    /// <summary>The elements of row <paramref name="row"/> (0 ≤ row &lt; Rows).</summary>
    public Span<float> Row(int row)
    {
        int n = RowLength;
        if ((uint)row >= (uint)_shape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside 0..{_shape[0] - 1}.");
        }

        return _data.AsSpan(row * n, n);
    }

    /// <summary>Element i in flat row-major order (0 ≤ i &lt; Length), for a tensor of any rank.</summary>
    public float this[int i]
    {
        get => Span[i];
        set => Span[i] = value;
    }

    /// <summary>Element (i, j) of a rank-2 tensor.</summary>
    public float this[int i, int j]
    {
        get => _data[Index2(i, j)];
        set => _data[Index2(i, j)] = value;
    }

    /// <summary>
    /// Changes the shape in place, keeping the storage when it is large enough (contents then
    /// unspecified) and growing it otherwise. Returns this tensor. Used for per-batch buffers.
    /// </summary>
    public Tensor Resize(params int[] shape)
    {
        var newShape = ValidateShape(shape);
        int count = ElementCount(newShape);
        if (count > _data.Length)
        {
            _data = new float[count];
        }

        _shape = newShape;
        Length = count;
        return this;
    }

    /// <summary>Returns a tensor sharing this storage with a new shape of the same element count.</summary>
    public Tensor Reshape(params int[] shape)
    {
        var t = new Tensor(_data, shape);
        if (t.Length != Length)
        {
            throw new ArgumentException($"Cannot reshape [{ShapeText}] ({Length} elements) to [{string.Join(", ", shape)}].", nameof(shape));
        }

        return t;
    }

    /// <summary>A deep copy with the same shape.</summary>
    public Tensor Clone() => FromSpan(Span, _shape);

    /// <summary>Copies this tensor's elements into <paramref name="destination"/>, which must have the same length.</summary>
    public void CopyTo(Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Length != Length)
        {
            throw new ArgumentException($"Destination has {destination.Length} elements, source {Length}.", nameof(destination));
        }

        Span.CopyTo(destination.Span);
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(float value) => Span.Fill(value);

    /// <summary>Sum of all elements, accumulated in double.</summary>
    public double Sum()
    {
        double s = 0;
        foreach (float v in Span)
        {
            s += v;
        }

        return s;
    }

    /// <summary>Largest absolute difference to another tensor of the same shape.</summary>
    public float MaxAbsDifference(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        EnsureSameShape(other, nameof(other));
        float max = 0;
        var a = Span;
        var b = other.Span;
        for (int i = 0; i < a.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(a[i] - b[i]));
        }

        return max;
    }

    /// <summary>Throws when <paramref name="other"/>'s shape differs from this one.</summary>
    public void EnsureSameShape(Tensor other, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!Shape.SequenceEqual(other.Shape))
        {
            throw new ArgumentException($"Shape mismatch: [{ShapeText}] vs [{other.ShapeText}].", argumentName);
        }
    }

    /// <summary>True when all elements are finite (no NaN or infinity).</summary>
    public bool IsFinite()
    {
        foreach (float v in Span)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The shape as text, e.g. "64, 1024".</summary>
    public string ShapeText => string.Join(", ", _shape);

    /// <inheritdoc/>
    public override string ToString() => $"Tensor[{ShapeText}]";

    private int Index2(int i, int j)
    {
        if (_shape.Length != 2)
        {
            throw new InvalidOperationException($"2-D indexer used on a rank-{_shape.Length} tensor.");
        }

        if ((uint)i >= (uint)_shape[0] || (uint)j >= (uint)_shape[1])
        {
            throw new ArgumentOutOfRangeException(nameof(i), $"({i}, {j}) is outside [{ShapeText}].");
        }

        return (i * _shape[1]) + j;
    }

    private static int[] ValidateShape(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length is < 1 or > 4)
        {
            throw new ArgumentException($"Rank must be 1 to 4, got {shape.Length}.", nameof(shape));
        }

        foreach (int d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
        }

        return (int[])shape.Clone();
    }

    private static int ElementCount(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
            if (n > Array.MaxLength)
            {
                throw new ArgumentException($"Shape [{string.Join(", ", shape.ToArray())}] has more elements than an array can hold.", nameof(shape));
            }
        }

        return (int)n;
    }
}
