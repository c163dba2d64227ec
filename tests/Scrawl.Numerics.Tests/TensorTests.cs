using Scrawl.Numerics;

namespace Scrawl.Numerics.Tests;

public class TensorTests
{
    [Fact]
    public void Shape_and_row_major_layout()
    {
        var t = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([2, 3], t.Shape.ToArray());
        Assert.Equal(6, t.Length);
        Assert.Equal(3, t.RowLength);
        Assert.Equal(6f, t[1, 2]);
        Assert.Equal([4f, 5f, 6f], t.Row(1).ToArray());
    }

    [Fact]
    public void Bad_shapes_are_rejected_with_the_shape_in_the_message()
    {
        Assert.Throws<ArgumentException>(() => new Tensor());
        Assert.Throws<ArgumentException>(() => new Tensor(1, 2, 3, 4, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tensor(2, -1));
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 3));
        Assert.Contains("2, 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Tensor(65536, 65536));
    }

    [Fact]
    public void Indexers_check_bounds_and_rank()
    {
        var t = new Tensor(2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => t[2, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Row(2));
        Assert.Throws<InvalidOperationException>(() => new Tensor(4)[0, 0]);
    }

    [Fact]
    public void Resize_reuses_storage_when_it_fits_and_grows_otherwise()
    {
        var t = new Tensor(64, 10);
        t.Span.Fill(1f);
        t.Resize(48, 10);
        Assert.Equal(480, t.Length);
        Assert.Equal(480, t.Span.Length);
        t.Resize(64, 10);
        Assert.Equal(1f, t[63, 9]); // same storage came back
        t.Resize(100, 10);
        Assert.Equal(1000, t.Span.Length);
    }

    [Fact]
    public void Reshape_shares_storage_and_checks_the_count()
    {
        var t = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var r = t.Reshape(3, 2);
        r[0, 1] = 9f;
        Assert.Equal(9f, t[0, 1]);
        Assert.Throws<ArgumentException>(() => t.Reshape(4, 2));
    }

    [Fact]
    public void Clone_is_deep_and_finite_check_sees_nan_and_infinity()
    {
        var t = Tensor.FromArray([1, 2, 3], 3);
        var c = t.Clone();
        c[0] = 5;
        Assert.Equal(1f, t[0]);
        Assert.True(t.IsFinite());
        t[1] = float.NaN;
        Assert.False(t.IsFinite());
        t[1] = float.NegativeInfinity;
        Assert.False(t.IsFinite());
    }
}
