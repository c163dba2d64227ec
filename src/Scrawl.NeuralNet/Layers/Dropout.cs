using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014): while <see cref="Training"/>, each input is zeroed with
/// probability <see cref="Rate"/> and the survivors are scaled by 1 / (1 − rate), so the expected output
/// equals the input; at inference (the default, see <see cref="ITrainingMode"/>) it is the identity.
/// Masks come from a <see cref="SeededRandom"/>, so the same seed and call sequence give the same masks.
/// Backward multiplies by the mask of the last Forward.
/// </summary>
public sealed class Dropout : ILayer, IFloat64Forward, ITrainingMode
{
    private readonly SeededRandom _random;
    private readonly Tensor _mask = new(1, 1);
    private readonly Tensor _output = new(1, 1);
    private readonly Tensor _inputGradient = new(1, 1);
    private int _batch = -1;
    private bool _masked; // whether the last Forward applied a mask

    /// <summary>Creates the layer: 0 ≤ <paramref name="rate"/> &lt; 1, masks drawn from <paramref name="seed"/>.</summary>
    public Dropout(double rate, long seed)
    {
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must lie in [0, 1).");
        }

        Rate = rate;
        Seed = seed;
        _random = new SeededRandom(seed);
    }

    /// <summary>Probability of zeroing an input while training, in [0, 1).</summary>
    public double Rate { get; }

    /// <summary>The seed the masks are drawn from.</summary>
    public long Seed { get; }

    /// <inheritdoc/>
    public bool Training { get; set; }

    /// <inheritdoc/>
    public string Kind => "dropout";

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc/>
    public int OutputFeatures(int inputFeatures) => inputFeatures;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2)
        {
            throw new ArgumentException($"Dropout expects a rank-2 batch, got [{input.ShapeText}].", nameof(input));
        }

        _output.Resize(input.Rows, input.Dim(1));
        _masked = Training && Rate > 0;
        if (_masked)
        {
            _mask.Resize(input.Rows, input.Dim(1));
            float keep = (float)(1 / (1 - Rate));
            var mask = _mask.Span;
            for (int i = 0; i < mask.Length; i++)
            {
                mask[i] = _random.NextDouble() < Rate ? 0f : keep;
            }

            TensorPrimitives.Multiply(input.Span, mask, _output.Span);
        }
        else
        {
            input.Span.CopyTo(_output.Span);
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
            throw new InvalidOperationException("Dropout.Backward called before Forward.");
        }

        _output.EnsureSameShape(outputGradient, nameof(outputGradient));
        if (!needInputGradient)
        {
            return null;
        }

        _inputGradient.Resize(_output.Rows, _output.Dim(1));
        if (_masked)
        {
            TensorPrimitives.Multiply(outputGradient.Span, _mask.Span, _inputGradient.Span);
        }
        else
        {
            outputGradient.Span.CopyTo(_inputGradient.Span);
        }

        return _inputGradient;
    }

    /// <summary>
    /// The float64 forward. While training it applies the mask drawn by the last <see cref="Forward"/>
    /// (drawing none), so <paramref name="rows"/> × <paramref name="inputFeatures"/> must match that batch.
    /// </summary>
    public void ForwardFloat64(ReadOnlySpan<double> input, int rows, int inputFeatures, Span<double> output)
    {
        int count = rows * inputFeatures;
        if (!_masked)
        {
            input[..count].CopyTo(output);
            return;
        }

        if (_mask.Length != count)
        {
            throw new InvalidOperationException($"The float64 forward reuses the last training mask ({_mask.ShapeText}), which does not fit [{rows}, {inputFeatures}].");
        }

        var mask = _mask.Span;
        for (int i = 0; i < count; i++)
        {
            output[i] = input[i] * mask[i];
        }
    }
}
