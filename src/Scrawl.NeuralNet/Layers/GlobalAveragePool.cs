using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// Global average pooling: each channel's H×W plane → its mean, so [N × C·H·W] → [N × C] (see
/// <see cref="ImageShape"/>); typically between the last convolution and a <see cref="Dense"/> head.
/// Backward spreads dY[n, c] / (H·W) over the plane.
/// </summary>
public sealed class GlobalAveragePool : ILayer, IFloat64Forward
{
    private readonly Tensor _output = new(1, 1);
    private readonly Tensor _inputGradient = new(1, 1);
    private int _batch = -1;

    /// <summary>Creates the layer for <paramref name="input"/> images (C×H×W).</summary>
    public GlobalAveragePool(ImageShape input)
    {
        if (input.Features == 0)
        {
            throw new ArgumentException("The input shape must be set (C, H, W ≥ 1).", nameof(input));
        }

        Input = input;
    }

    /// <summary>The input image shape C×H×W.</summary>
    public ImageShape Input { get; }

    /// <inheritdoc/>
    public string Kind => "global_avg_pool";

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc/>
    public int OutputFeatures(int inputFeatures)
    {
        Input.Check(inputFeatures, Kind);
        return Input.Channels;
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        Input.CheckBatch(input, Kind);
        int plane = Input.PlaneSize;
        _output.Resize(input.Rows, Input.Channels);
        for (int n = 0; n < input.Rows; n++)
        {
            var x = input.Row(n);
            var y = _output.Row(n);
            for (int c = 0; c < Input.Channels; c++)
            {
                y[c] = TensorPrimitives.Sum<float>(x.Slice(c * plane, plane)) / plane;
            }
        }

        _batch = input.Rows;
        return _output;
    }

    /// <inheritdoc/>
    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0)
        {
            throw new InvalidOperationException("GlobalAveragePool.Backward called before Forward.");
        }

        if (outputGradient.Rank != 2 || outputGradient.Rows != _batch || outputGradient.Dim(1) != Input.Channels)
        {
            throw new ArgumentException($"Output gradient [{outputGradient.ShapeText}] does not match output [{_batch}, {Input.Channels}].", nameof(outputGradient));
        }

        if (!needInputGradient)
        {
            return null;
        }

        int plane = Input.PlaneSize;
        _inputGradient.Resize(_batch, Input.Features);
        for (int n = 0; n < _batch; n++)
        {
            var dy = outputGradient.Row(n);
            var dx = _inputGradient.Row(n);
            for (int c = 0; c < Input.Channels; c++)
            {
                dx.Slice(c * plane, plane).Fill(dy[c] / plane);
            }
        }

        return _inputGradient;
    }

    /// <inheritdoc/>
    public void ForwardFloat64(ReadOnlySpan<double> input, int rows, int inputFeatures, Span<double> output)
    {
        OutputFeatures(inputFeatures);
        int plane = Input.PlaneSize;
        for (int n = 0; n < rows; n++)
        {
            for (int c = 0; c < Input.Channels; c++)
            {
                double sum = 0;
                foreach (double v in input.Slice((n * inputFeatures) + (c * plane), plane))
                {
                    sum += v;
                }

                output[(n * Input.Channels) + c] = sum / plane;
            }
        }
    }
}
