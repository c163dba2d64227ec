using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// Max pooling over k×k windows with stride s (no padding; windows that would run off the bottom or
/// right edge are dropped, as in PyTorch's MaxPool2d), per channel, on batches [N × C·H·W] →
/// [N × C·Ho·Wo] with Ho = ⌊(H − k) / s⌋ + 1 (see <see cref="ImageShape"/>). Forward records which input
/// won each window (the first maximum on ties); Backward routes each output gradient to it, summing
/// where overlapping windows (s &lt; k) pick the same pixel.
/// </summary>
public sealed class MaxPool2D : ILayer, IFloat64Forward
{
    private readonly WindowGeometry _g;
    private readonly Tensor _output = new(1, 1);
    private readonly Tensor _inputGradient = new(1, 1);
    private int[] _argmax = []; // per output element: index of the winning input within its sample row
    private int _batch = -1;

    /// <summary>Creates the layer for <paramref name="input"/> images: kernel ≥ 1 (≤ H and W), stride ≥ 1 (default: the kernel).</summary>
    public MaxPool2D(ImageShape input, int kernel, int? stride = null)
    {
        _g = new WindowGeometry(input, kernel, stride ?? kernel, 0);
        _g.Validate("pooling");
    }

    /// <summary>The input image shape C×H×W.</summary>
    public ImageShape Input => _g.Input;

    /// <summary>The output image shape C×Ho×Wo.</summary>
    public ImageShape Output => new(_g.Input.Channels, _g.OutHeight, _g.OutWidth);

    /// <summary>Window side k (≥ 1).</summary>
    public int Kernel => _g.Kernel;

    /// <summary>Step between windows (≥ 1).</summary>
    public int Stride => _g.Stride;

    /// <inheritdoc/>
    public string Kind => "maxpool2d";

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc/>
    public int OutputFeatures(int inputFeatures)
    {
        _g.Input.Check(inputFeatures, Kind);
        return Output.Features;
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        _g.Input.CheckBatch(input, Kind);
        int batch = input.Rows, outFeatures = Output.Features;
        _output.Resize(batch, outFeatures);
        if (_argmax.Length < batch * outFeatures)
        {
            _argmax = new int[batch * outFeatures];
        }

        var (shape, k, s) = (_g.Input, _g.Kernel, _g.Stride);
        if (k == 2 && s == 2)
        {
            Forward2x2(input, batch, outFeatures);
            _batch = batch;
            return _output;
        }

        for (int n = 0; n < batch; n++)
        {
            var x = input.Row(n);
            var y = _output.Row(n);
            var winners = _argmax.AsSpan(n * outFeatures, outFeatures);
            int o = 0;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oy = 0; oy < _g.OutHeight; oy++)
                {
                    for (int ox = 0; ox < _g.OutWidth; ox++, o++)
                    {
                        int top = (c * shape.PlaneSize) + (oy * s * shape.Width) + (ox * s);
                        int best = top;
                        float bestValue = x[top];
                        for (int ki = 0; ki < k; ki++)
                        {
                            int start = top + (ki * shape.Width);
                            for (int i = start; i < start + k; i++)
                            {
                                // Branch-free select (random data makes a branch unpredictable); first max wins ties.
                                float v = x[i];
                                bool better = v > bestValue;
                                best = better ? i : best;
                                bestValue = better ? v : bestValue;
                            }
                        }

                        y[o] = bestValue;
                        winners[o] = best;
                    }
                }
            }
        }

        _batch = batch;
        return _output;
    }

    /// <summary>
    /// The common 2×2, stride-2 case, one output row at a time through <see cref="MaxPool2x2Kernel"/> (vectorised; the
    /// same first-maximum-wins order as the general loop, so results are identical).
    /// </summary>
    private void Forward2x2(Tensor input, int batch, int outFeatures) =>
        ForEachSampleRange(batch, outFeatures, (first, end) => Forward2x2(input, first, end, outFeatures));

    private void Forward2x2(Tensor input, int first, int end, int outFeatures)
    {
        var shape = _g.Input;
        int width = shape.Width, outHeight = _g.OutHeight, outWidth = _g.OutWidth;
        for (int n = first; n < end; n++)
        {
            var x = input.Row(n);
            var y = _output.Row(n);
            var winners = _argmax.AsSpan(n * outFeatures, outFeatures);
            int o = 0;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oy = 0; oy < outHeight; oy++, o += outWidth)
                {
                    int top = (c * shape.PlaneSize) + (2 * oy * width);
                    MaxPool2x2Kernel.Row(x[top..], x[(top + width)..], top, width, y.Slice(o, outWidth), winners.Slice(o, outWidth));
                }
            }
        }
    }

    /// <inheritdoc/>
    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0)
        {
            throw new InvalidOperationException("MaxPool2D.Backward called before Forward.");
        }

        int outFeatures = Output.Features;
        if (outputGradient.Rank != 2 || outputGradient.Rows != _batch || outputGradient.Dim(1) != outFeatures)
        {
            throw new ArgumentException($"Output gradient [{outputGradient.ShapeText}] does not match output [{_batch}, {outFeatures}].", nameof(outputGradient));
        }

        if (!needInputGradient)
        {
            return null;
        }

        _inputGradient.Resize(_batch, _g.Input.Features);
        ForEachSampleRange(_batch, _g.Input.Features, (first, end) =>
        {
            for (int n = first; n < end; n++)
            {
                var dy = outputGradient.Row(n);
                var dx = _inputGradient.Row(n);
                dx.Clear();
                var winners = _argmax.AsSpan(n * outFeatures, outFeatures);
                for (int o = 0; o < outFeatures; o++)
                {
                    dx[winners[o]] += dy[o];
                }
            }
        });

        return _inputGradient;
    }

    /// <summary>Floats of work below which a pass runs on the calling thread alone (splitting costs more than it saves).</summary>
    private const int MinParallelFloats = 1 << 15;

    /// <summary>Runs <paramref name="body"/>(first, end) over the samples, split over the cores when the batch holds at least <see cref="MinParallelFloats"/> of <paramref name="floatsPerSample"/> (samples are independent).</summary>
    private static void ForEachSampleRange(int batch, int floatsPerSample, Action<int, int> body) =>
        ParallelWork.ForRanges(batch, 1, (long)batch * floatsPerSample >= MinParallelFloats, body);

    /// <inheritdoc/>
    public void ForwardFloat64(ReadOnlySpan<double> input, int rows, int inputFeatures, Span<double> output)
    {
        int outFeatures = OutputFeatures(inputFeatures);
        var (shape, k, s) = (_g.Input, _g.Kernel, _g.Stride);
        for (int n = 0; n < rows; n++)
        {
            var x = input.Slice(n * inputFeatures, inputFeatures);
            int o = n * outFeatures;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oy = 0; oy < _g.OutHeight; oy++)
                {
                    for (int ox = 0; ox < _g.OutWidth; ox++)
                    {
                        double best = double.NegativeInfinity;
                        for (int ki = 0; ki < k; ki++)
                        {
                            for (int kj = 0; kj < k; kj++)
                            {
                                best = Math.Max(best, x[(c * shape.PlaneSize) + (((oy * s) + ki) * shape.Width) + (ox * s) + kj]);
                            }
                        }

                        output[o++] = best;
                    }
                }
            }
        }
    }
}
