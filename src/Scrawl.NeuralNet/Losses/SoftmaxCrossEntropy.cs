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
        int classes = output.RowLength;
        gradient?.Resize(rows, classes);
        float scale = reduction == Reduction.Mean && rows > 0 ? 1f / rows : 1f;
        Span<float> shifted = classes <= 1024 ? stackalloc float[classes] : new float[classes];
        Span<float> scratch = gradient is not null ? default : classes <= 1024 ? stackalloc float[classes] : new float[classes];
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            var z = output.Row(r);
            var y = target.Row(r);

            // shifted = z − max z ≤ 0, so exp never overflows; log Σ exp(shifted) ≥ 0.
            TensorPrimitives.Subtract(z, TensorPrimitives.Max(z), shifted);
            var p = gradient is null ? scratch : gradient.Row(r);
            TensorPrimitives.Exp(shifted, p);
            float sumExp = TensorPrimitives.Sum(p);
            double logSum = Math.Log(sumExp);

            // −Σ yᵢ log pᵢ = −Σ yᵢ shiftedᵢ + log Σ e^shifted · Σ yᵢ.
            total += (logSum * TensorPrimitives.Sum(y)) - TensorPrimitives.Dot(y, shifted);
            if (gradient is not null)
            {
                // dL/dz = p − y (times 1/B for mean reduction), p = e^shifted / Σ e^shifted.
                TensorPrimitives.Multiply(p, scale / sumExp, p);
                TensorPrimitives.MultiplyAdd(y, -scale, p, p);
            }
        }

        return total;
    }

    /// <inheritdoc/>
    public double ComputeFloat64(ReadOnlySpan<double> output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        int classes = target.RowLength;
        double total = 0;
        for (int r = 0; r < target.Rows; r++)
        {
            var z = output.Slice(r * classes, classes);
            var y = target.Row(r);
            double max = double.NegativeInfinity;
            foreach (double v in z)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            foreach (double v in z)
            {
                sum += Math.Exp(v - max);
            }

            double logSum = Math.Log(sum);
            for (int i = 0; i < classes; i++)
            {
                total -= y[i] * (z[i] - max - logSum);
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
