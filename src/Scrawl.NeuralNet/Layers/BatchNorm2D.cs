using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// Batch normalisation per channel (Ioffe &amp; Szegedy 2015, as PyTorch's BatchNorm2d) on batches
/// [N × C·H·W] (see <see cref="ImageShape"/>): y = γ·(x − μ)/√(σ² + ε) + β. While <see cref="Training"/>,
/// μ and σ² are the batch's (biased) mean and variance over the N·H·W values of each channel, and the
/// running estimates move toward them: r ← (1 − m)·r + m·batch value, using the unbiased variance
/// (× M/(M − 1), M = N·H·W). At inference (the default, see <see cref="ITrainingMode"/>) the running
/// estimates are used. Training backward: dx = γ/(σ·M)·(M·dy − Σdy − x̂·Σ(dy·x̂)).
/// </summary>
public sealed class BatchNorm2D : ILayer, IFloat64Forward, ITrainingMode
{
    private readonly Tensor _normalized = new(1, 1); // x̂ of the last Forward
    private readonly Tensor _output = new(1, 1);
    private readonly Tensor _inputGradient = new(1, 1);
    private readonly float[] _inverseStd; // 1/√(σ² + ε) per channel, as used by the last Forward
    private int _batch = -1;
    private bool _usedBatchStatistics;
    private Tensor? _input; // the last Forward's input, to compute x̂ for Backward when inference skipped it
    private bool _normalizedReady;
    private float[] _shifts = [];

    /// <summary>Creates the layer for <paramref name="input"/> images: γ = 1, β = 0, running mean 0 and variance 1; ε &gt; 0, momentum in [0, 1].</summary>
    public BatchNorm2D(ImageShape input, double epsilon = 1e-5, double momentum = 0.1)
    {
        if (input.Features == 0)
        {
            throw new ArgumentException("The input shape must be set (C, H, W ≥ 1).", nameof(input));
        }

        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be positive and finite.");
        }

        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must lie in [0, 1].");
        }

        Input = input;
        Epsilon = epsilon;
        Momentum = momentum;
        Gamma = new Parameter("gamma", new Tensor(input.Channels));
        Gamma.Value.Fill(1f);
        Beta = new Parameter("beta", new Tensor(input.Channels));
        Parameters = [Gamma, Beta];
        RunningMean = new Tensor(input.Channels);
        RunningVariance = new Tensor(input.Channels);
        RunningVariance.Fill(1f);
        _inverseStd = new float[input.Channels];
    }

    /// <summary>The input (and output) image shape C×H×W.</summary>
    public ImageShape Input { get; }

    /// <summary>ε added to the variance (&gt; 0).</summary>
    public double Epsilon { get; }

    /// <summary>Weight m of the newest batch in the running estimates, in [0, 1].</summary>
    public double Momentum { get; }

    /// <summary>Scale γ per channel, shape C.</summary>
    public Parameter Gamma { get; }

    /// <summary>Shift β per channel, shape C.</summary>
    public Parameter Beta { get; }

    /// <summary>Running mean per channel (shape C), used at inference; stored in model files.</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running (unbiased) variance per channel (shape C, ≥ 0), used at inference; stored in model files.</summary>
    public Tensor RunningVariance { get; }

    /// <inheritdoc/>
    public bool Training { get; set; }

    /// <inheritdoc/>
    public string Kind => "batchnorm2d";

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public int OutputFeatures(int inputFeatures)
    {
        Input.Check(inputFeatures, Kind);
        return inputFeatures;
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        Input.CheckBatch(input, Kind);
        int batch = input.Rows, plane = Input.PlaneSize;
        _normalized.Resize(batch, Input.Features);
        _output.Resize(batch, Input.Features);
        _usedBatchStatistics = Training;
        _input = input;
        _normalizedReady = Training; // inference writes only y; Backward computes x̂ if it is ever called
        if (_shifts.Length != Input.Channels)
        {
            _shifts = new float[Input.Channels];
        }
        for (int c = 0; c < Input.Channels; c++)
        {
            double mean = RunningMean[c], variance = RunningVariance[c];
            if (Training)
            {
                (mean, variance) = Statistics(input, c);
                long count = (long)batch * plane;
                double unbiased = count > 1 ? variance * count / (count - 1) : variance;
                RunningMean[c] = (float)(((1 - Momentum) * RunningMean[c]) + (Momentum * mean));
                RunningVariance[c] = (float)(((1 - Momentum) * RunningVariance[c]) + (Momentum * unbiased));
            }

            float inverseStd = (float)(1 / Math.Sqrt(variance + Epsilon));
            _inverseStd[c] = inverseStd;
            float shift = (float)(-mean * inverseStd);
            _shifts[c] = shift;
            for (int n = 0; n < batch; n++)
            {
                Normalize(input.Row(n).Slice(c * plane, plane), inverseStd, shift, Gamma.Value[c], Beta.Value[c],
                    _normalized.Row(n).Slice(c * plane, plane), _output.Row(n).Slice(c * plane, plane), _normalizedReady);
            }
        }

        _batch = batch;
        return _output;
    }

    /// <summary>
    /// x̂ = x·inverseStd + shift and y = x̂·γ + β in one pass, each operation rounded on its own (no fused multiply-add),
    /// so the result equals four separate element-wise passes bit for bit.
    /// </summary>
    private static void Normalize(ReadOnlySpan<float> x, float inverseStd, float shift, float gamma, float beta, Span<float> xHat, Span<float> y, bool keepNormalized)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float source = ref MemoryMarshal.GetReference(x);
            ref float normalized = ref MemoryMarshal.GetReference(xHat);
            ref float output = ref MemoryMarshal.GetReference(y);
            var (v1, v2, v3, v4) = (Vector256.Create(inverseStd), Vector256.Create(shift), Vector256.Create(gamma), Vector256.Create(beta));
            for (; i + 8 <= x.Length; i += 8)
            {
                var h = (Vector256.LoadUnsafe(ref source, (nuint)i) * v1) + v2;
                if (keepNormalized)
                {
                    h.StoreUnsafe(ref normalized, (nuint)i);
                }

                ((h * v3) + v4).StoreUnsafe(ref output, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            float h = (x[i] * inverseStd) + shift;
            if (keepNormalized)
            {
                xHat[i] = h;
            }

            y[i] = (h * gamma) + beta;
        }
    }

    /// <inheritdoc/>
    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0)
        {
            throw new InvalidOperationException("BatchNorm2D.Backward called before Forward.");
        }

        _output.EnsureSameShape(outputGradient, nameof(outputGradient));
        int plane = Input.PlaneSize;
        if (!_normalizedReady)
        {
            // The same two rounded operations as Forward's x̂, so gradients do not depend on the mode's shortcut.
            for (int c = 0; c < Input.Channels; c++)
            {
                for (int n = 0; n < _batch; n++)
                {
                    var xHat = _normalized.Row(n).Slice(c * plane, plane);
                    TensorPrimitives.Multiply(_input!.Row(n).Slice(c * plane, plane), _inverseStd[c], xHat);
                    TensorPrimitives.Add(xHat, _shifts[c], xHat);
                }
            }

            _normalizedReady = true;
        }

        float count = (float)_batch * plane;
        if (needInputGradient)
        {
            _inputGradient.Resize(_batch, Input.Features);
        }

        for (int c = 0; c < Input.Channels; c++)
        {
            double sumDy = 0, sumDyXHat = 0;
            for (int n = 0; n < _batch; n++)
            {
                var dy = outputGradient.Row(n).Slice(c * plane, plane);
                sumDy += TensorPrimitives.Sum<float>(dy);
                sumDyXHat += TensorPrimitives.Dot<float>(dy, _normalized.Row(n).Slice(c * plane, plane));
            }

            float gain = Gamma.Value[c] * _inverseStd[c]; // read before the parameters' gradients are set
            Beta.Gradient[c] = (float)sumDy;
            Gamma.Gradient[c] = (float)sumDyXHat;
            if (!needInputGradient)
            {
                continue;
            }

            // Training: dx = gain·dy − gain/M·(Σdy + x̂·Σ(dy·x̂)); inference: dx = gain·dy.
            float meanTerm = _usedBatchStatistics ? (float)(-gain * sumDy / count) : 0f;
            float xHatTerm = _usedBatchStatistics ? (float)(-gain * sumDyXHat / count) : 0f;
            for (int n = 0; n < _batch; n++)
            {
                var dx = _inputGradient.Row(n).Slice(c * plane, plane);
                TensorPrimitives.Multiply(outputGradient.Row(n).Slice(c * plane, plane), gain, dx);
                TensorPrimitives.Add(dx, meanTerm, dx);
                TensorPrimitives.MultiplyAdd(_normalized.Row(n).Slice(c * plane, plane), xHatTerm, dx, dx);
            }
        }

        return needInputGradient ? _inputGradient : null;
    }

    /// <summary>
    /// The float64 forward: batch statistics of <paramref name="input"/> while <see cref="Training"/>
    /// (the running estimates are not updated), the running estimates otherwise.
    /// </summary>
    public void ForwardFloat64(ReadOnlySpan<double> input, int rows, int inputFeatures, Span<double> output)
    {
        OutputFeatures(inputFeatures);
        int plane = Input.PlaneSize;
        for (int c = 0; c < Input.Channels; c++)
        {
            double mean = RunningMean[c], variance = RunningVariance[c];
            if (Training)
            {
                double sum = 0, squares = 0;
                for (int n = 0; n < rows; n++)
                {
                    foreach (double v in input.Slice((n * inputFeatures) + (c * plane), plane))
                    {
                        sum += v;
                    }
                }

                mean = sum / ((double)rows * plane);
                for (int n = 0; n < rows; n++)
                {
                    foreach (double v in input.Slice((n * inputFeatures) + (c * plane), plane))
                    {
                        squares += (v - mean) * (v - mean);
                    }
                }

                variance = squares / ((double)rows * plane);
            }

            double scale = Gamma.Value[c] / Math.Sqrt(variance + Epsilon);
            for (int n = 0; n < rows; n++)
            {
                int start = (n * inputFeatures) + (c * plane);
                for (int i = start; i < start + plane; i++)
                {
                    output[i] = ((input[i] - mean) * scale) + Beta.Value[c];
                }
            }
        }
    }

    /// <summary>Mean and biased variance of channel <paramref name="c"/> over the batch (two passes, double sums).</summary>
    private (double Mean, double Variance) Statistics(Tensor input, int c)
    {
        int plane = Input.PlaneSize;
        double sum = 0;
        for (int n = 0; n < input.Rows; n++)
        {
            sum += TensorPrimitives.Sum<float>(input.Row(n).Slice(c * plane, plane));
        }

        double mean = sum / ((double)input.Rows * plane);
        double squares = 0;
        for (int n = 0; n < input.Rows; n++)
        {
            foreach (float v in input.Row(n).Slice(c * plane, plane))
            {
                squares += (v - mean) * (v - mean);
            }
        }

        return (mean, squares / ((double)input.Rows * plane));
    }
}
