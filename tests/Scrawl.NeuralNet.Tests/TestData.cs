using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests;

/// <summary>Seeded random tensors for tests.</summary>
internal static class TestData
{
    public static Tensor Uniform(long seed, float low, float high, params int[] shape)
    {
        var t = new Tensor(shape);
        new SeededRandom(seed).FillUniform(t.Span, low, high);
        return t;
    }

    /// <summary>Values in ±[minMagnitude, maxMagnitude], away from 0 (for ReLU's kink).</summary>
    public static Tensor AwayFromZero(long seed, float minMagnitude, float maxMagnitude, params int[] shape)
    {
        var t = Uniform(seed, minMagnitude, maxMagnitude, shape);
        var random = new SeededRandom(seed + 99);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++)
        {
            if (random.NextDouble() < 0.5)
            {
                s[i] = -s[i];
            }
        }

        return t;
    }

    /// <summary>One-hot rows for random classes.</summary>
    public static Tensor OneHot(long seed, int rows, int classes)
    {
        var t = new Tensor(rows, classes);
        var random = new SeededRandom(seed);
        for (int r = 0; r < rows; r++)
        {
            t[r, random.NextInt(classes)] = 1f;
        }

        return t;
    }
}
