using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>Weight initialisation schemes.</summary>
public static class Initializers
{
    /// <summary>
    /// Xavier/Glorot uniform for an in×out matrix: U[−a, +a] with a = √(6 / (in + out))
    /// (Glorot &amp; Bengio 2010), the seed's <c>initialize_weights</c>.
    /// </summary>
    public static void XavierUniform(Tensor weight, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(random);
        if (weight.Rank != 2)
        {
            throw new ArgumentException($"Xavier init needs a rank-2 weight, got [{weight.ShapeText}].", nameof(weight));
        }

        float a = MathF.Sqrt(6f / (weight.Dim(0) + weight.Dim(1)));
        random.FillUniform(weight.Span, -a, a);
    }
}
