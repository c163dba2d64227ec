using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// Row-wise softmax pᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x) (the max is subtracted for stability;
/// softmax(x + c) = softmax(x)). Backward: dx = p ⊙ (dp − Σ dp ⊙ p). For training a classifier use
/// <see cref="Losses.SoftmaxCrossEntropy"/> on logits instead: it fuses the two and is exact.
/// </summary>
public sealed class Softmax : ILayer, IFloat64Forward
{
    private readonly Tensor _output = new(1, 1);
    private readonly Tensor _inputGradient = new(1, 1);

    /// <inheritdoc/>
    public string Kind => "softmax";

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc/>
    public int OutputFeatures(int inputFeatures) => inputFeatures;

    /// <summary>Writes softmax(x) of one row into <paramref name="p"/> (same length ≥ 1).</summary>
    public static void Row(ReadOnlySpan<float> x, Span<float> p)
    {
        float max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, p);
        TensorPrimitives.Exp(p, p);
        float sum = TensorPrimitives.Sum(p);
        TensorPrimitives.Divide(p, sum, p);
    }

    /// <inheritdoc/>
    public void ForwardFloat64(ReadOnlySpan<double> input, int rows, int inputFeatures, Span<double> output)
    {
        for (int r = 0; r < rows; r++)
        {
            var x = input.Slice(r * inputFeatures, inputFeatures);
            var p = output.Slice(r * inputFeatures, inputFeatures);
            double max = double.NegativeInfinity;
            foreach (double v in x)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                p[i] = Math.Exp(x[i] - max);
                sum += p[i];
            }

            for (int i = 0; i < x.Length; i++)
            {
                p[i] /= sum;
            }
        }
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _output.Resize(input.Rows, input.RowLength);
        for (int r = 0; r < input.Rows; r++)
        {
            Row(input.Row(r), _output.Row(r));
        }

        return _output;
    }

    /// <inheritdoc/>
    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        _output.EnsureSameShape(outputGradient, nameof(outputGradient));
        if (!needInputGradient)
        {
            return null;
        }

        _inputGradient.Resize(_output.Rows, _output.RowLength);
        for (int r = 0; r < _output.Rows; r++)
        {
            var p = _output.Row(r);
            var dp = outputGradient.Row(r);
            var dx = _inputGradient.Row(r);
            float dot = TensorPrimitives.Dot(dp, p);
            TensorPrimitives.Subtract(dp, dot, dx);
            TensorPrimitives.Multiply(dx, p, dx);
        }

        return _inputGradient;
    }
}
