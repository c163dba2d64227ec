using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Inference;

/// <summary>Scratch memory of one worker of an <see cref="InferencePlan"/>: grown on demand, reused by every call.</summary>
internal sealed class InferenceScratch
{
    /// <summary>The im2col column block of a convolution tile.</summary>
    public float[] Columns = [];

    /// <summary>The GEMM product of a convolution tile, [outC × tile·plane].</summary>
    public float[] Product = [];

    /// <summary>One zero-padded input plane (<see cref="PaddedIm2Col"/>).</summary>
    public float[] Padded = [];

    /// <summary>Returns <paramref name="buffer"/>, replaced by a larger array when it holds fewer than <paramref name="length"/> floats.</summary>
    public static float[] Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }

        return buffer;
    }
}

/// <summary>One step of an <see cref="InferencePlan"/>: a stateless map of a block of rows, safe to run on several threads at once.</summary>
internal interface IInferenceStage
{
    /// <summary>Values per output row.</summary>
    int OutputFeatures { get; }

    /// <summary>Writes the outputs of <paramref name="rows"/> input rows into <paramref name="output"/> (rows × OutputFeatures).</summary>
    void Run(ReadOnlySpan<float> input, int rows, Span<float> output, InferenceScratch scratch);
}

/// <summary>Dense y = x·W + b, optionally followed by an activation: the same GEMM call (bias first, beta = 1) as <see cref="Dense.Forward"/>, so the same bits.</summary>
internal sealed class DenseStage(Dense dense, Activation? activation) : IInferenceStage
{
    /// <inheritdoc/>
    public int OutputFeatures => dense.Outputs;

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<float> input, int rows, Span<float> output, InferenceScratch scratch)
    {
        int inputs = dense.Inputs, outputs = dense.Outputs;
        var bias = dense.Bias.Value.Span;
        for (int r = 0; r < rows; r++)
        {
            bias.CopyTo(output.Slice(r * outputs, outputs));
        }

        Gemm.MultiplyOnCallingThread(false, false, rows, outputs, inputs, 1f, input, inputs, dense.Weight.Value.Span, outputs, 1f, output, outputs);
        activation?.Apply(output[..(rows * outputs)], output[..(rows * outputs)]);
    }
}

/// <summary>An element-wise activation on its own (<see cref="Activation.Apply"/> is stateless).</summary>
internal sealed class ActivationStage(Activation activation, int features) : IInferenceStage
{
    /// <inheritdoc/>
    public int OutputFeatures => features;

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<float> input, int rows, Span<float> output, InferenceScratch scratch) =>
        activation.Apply(input[..(rows * features)], output[..(rows * features)]);
}

/// <summary>Dropout at inference: the identity.</summary>
internal sealed class IdentityStage(int features) : IInferenceStage
{
    /// <inheritdoc/>
    public int OutputFeatures => features;

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<float> input, int rows, Span<float> output, InferenceScratch scratch) =>
        input[..(rows * features)].CopyTo(output);
}
