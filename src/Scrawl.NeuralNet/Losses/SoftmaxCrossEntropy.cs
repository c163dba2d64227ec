using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Losses;

/// <summary>
/// Softmax followed by cross-entropy, fused, on logits z and target distributions y (rows sum to
/// 1, usually one-hot): L = −Σᵢ yᵢ log pᵢ with log pᵢ = zᵢ − max z − log Σⱼ e^(zⱼ − max z)
/// (numerically stable), and dL/dz = p − y.
/// </summary>
public sealed class SoftmaxCrossEntropy : ILoss
{
    /// <inheritdoc/>
    public string Kind => "softmax-cross-entropy";

    /// <inheritdoc/>
    public double Compute(Tensor output, Tensor target, Tensor? gradient, Reduction reduction)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.EnsureSameShape(target, nameof(target));
        int rows = output.Rows;
        gradient?.Resize(rows, output.RowLength);
        float scale = reduction == Reduction.Mean && rows > 0 ? 1f / rows : 1f;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            var z = output.Row(r);
            var y = target.Row(r);
            float max = TensorPrimitives.Max(z);
            double sumExp = 0;
            for (int i = 0; i < z.Length; i++)
            {
                sumExp += Math.Exp(z[i] - max);
            }

            double logSum = Math.Log(sumExp);
            for (int i = 0; i < z.Length; i++)
            {
                if (y[i] != 0)
                {
                    total -= y[i] * (z[i] - max - logSum);
                }
            }

            if (gradient is not null)
            {
                var g = gradient.Row(r);
                for (int i = 0; i < z.Length; i++)
                {
                    g[i] = ((float)Math.Exp(z[i] - max - logSum) - y[i]) * scale;
                }
            }
        }

        return total;
    }

    /// <summary>Number of rows whose largest output is at the target's largest entry.</summary>
    public static int CountCorrect(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.EnsureSameShape(target, nameof(target));
        int correct = 0;
        for (int r = 0; r < output.Rows; r++)
        {
            if (TensorPrimitives.IndexOfMax(output.Row(r)) == TensorPrimitives.IndexOfMax(target.Row(r)))
            {
                correct++;
            }
        }

        return correct;
    }
}
