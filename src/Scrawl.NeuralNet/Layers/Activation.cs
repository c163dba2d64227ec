using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// Base for element-wise activations y = f(x): keeps the forward input and output so each
/// subclass can write its derivative in whichever of the two is cheaper.
/// </summary>
public abstract class Activation : ILayer, IFloat64Forward
{
    private readonly Tensor _output = new(1, 1);
    private readonly Tensor _inputGradient = new(1, 1);
    private Tensor? _input;

    /// <inheritdoc/>
    public abstract string Kind { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc/>
    public int OutputFeatures(int inputFeatures) => inputFeatures;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _output.Resize(input.Shape.ToArray());
        var output = _output;
        ParallelWork.ForRanges(input.Length, 64, input.Length >= MinParallelLength, (first, end) => Apply(input.Span[first..end], output.Span[first..end]));
        return _output;
    }

    /// <inheritdoc/>
    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        var input = _input ?? throw new InvalidOperationException($"{Kind}.Backward called before Forward.");
        input.EnsureSameShape(outputGradient, nameof(outputGradient));
        if (!needInputGradient)
        {
            return null;
        }

        _inputGradient.Resize(input.Shape.ToArray());
        var (output, inputGradient) = (_output, _inputGradient);
        ParallelWork.ForRanges(input.Length, 64, input.Length >= MinParallelLength, (first, end) => Derivative(
            input.Span[first..end], output.Span[first..end], outputGradient.Span[first..end], inputGradient.Span[first..end]));
        return _inputGradient;
    }

    /// <summary>Elements below which a pass runs on the calling thread alone (splitting costs more than it saves); above, the cores take 64-float-aligned ranges.</summary>
    private const int MinParallelLength = 1 << 16;

    /// <inheritdoc/>
    public void ForwardFloat64(ReadOnlySpan<double> input, int rows, int inputFeatures, Span<double> output)
    {
        for (int i = 0; i < rows * inputFeatures; i++)
        {
            output[i] = ApplyFloat64(input[i]);
        }
    }

    /// <summary>f(x) for one value in double precision (the reference the gradient checker uses).</summary>
    public abstract double ApplyFloat64(double x);

    /// <summary>y = f(x) element-wise (same lengths).</summary>
    public abstract void Apply(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>dx = dy ⊙ f'(x), given x, y = f(x) and dy (same lengths).</summary>
    protected abstract void Derivative(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx);
}
