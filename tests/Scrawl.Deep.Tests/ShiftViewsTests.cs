using Scrawl.Deep.Training;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>Test-time shifts: each view is the image moved with its edge pixels repeated, and the score is the mean of the views' softmax.</summary>
public sealed class ShiftViewsTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(-1, 0)]
    [InlineData(0, 2)]
    [InlineData(-2, -1)]
    [InlineData(0, 0)]
    public void Shift_moves_every_pixel_and_repeats_the_edge(int dy, int dx)
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        int n = 2, c = 2, h = 4, w = 5;
        var values = Enumerable.Range(0, n * c * h * w).Select(i => (float)i).ToArray();
        using var images = tensor(values, [n, c, h, w]);
        float[] shifted = ShiftViews.Shift(images, dy, dx).data<float>().ToArray();
        for (int i = 0; i < n * c; i++)
        {
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    int sy = Math.Clamp(y - dy, 0, h - 1), sx = Math.Clamp(x - dx, 0, w - 1);
                    Assert.Equal(values[(((i * h) + sy) * w) + sx], shifted[(((i * h) + y) * w) + x]);
                }
            }
        }
    }

    [Fact]
    public void Shifts_as_large_as_the_image_or_other_shapes_are_refused()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        using var images = zeros(1, 1, 3, 3);
        Assert.Throws<ArgumentException>(() => ShiftViews.Shift(images, 3, 0));
        Assert.Throws<ArgumentException>(() => ShiftViews.Shift(zeros(3, 3), 1, 0));
        Assert.Throws<ArgumentException>(() => ShiftViews.Of("flip"));
    }

    [Fact]
    public void MeanSoftmax_is_the_mean_of_each_views_softmax()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        TorchRuntime.Seed(2);
        using var model = Models.ModelFactory.Create("cnn", 1, 8, 8, 4, 8);
        using var x = rand(6, 1, 8, 8);
        var views = ShiftViews.Of("shift");
        Assert.Equal(5, views.Count);
        using var plain = OutputBias.Logits(model, CPU, x).softmax(1);
        using var one = ShiftViews.MeanSoftmax(model, CPU, x, ShiftViews.Of("none"));
        Assert.Equal(plain.data<float>().ToArray(), one.data<float>().ToArray());

        using var mean = ShiftViews.MeanSoftmax(model, CPU, x, views);
        float[] expected = new float[6 * 4];
        foreach (var (dy, dx) in views)
        {
            using var moved = ShiftViews.Shift(x, dy, dx);
            float[] p = OutputBias.Logits(model, CPU, moved).softmax(1).data<float>().ToArray();
            for (int i = 0; i < expected.Length; i++)
            {
                expected[i] += p[i] / views.Count;
            }
        }

        float[] actual = mean.data<float>().ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6);
        }

        Assert.NotEqual(plain.data<float>().ToArray(), actual); // a random CNN is not shift-invariant: the views do change the score
    }
}
