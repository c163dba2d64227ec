using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Inference;

/// <summary>
/// A <see cref="Sequential"/> network compiled for inference: convolution + batch norm + ReLU + 2×2 max-pool run as
/// one fused stage per tile (<see cref="ConvBlockStage"/>), dense + activation as one GEMM and one pass, dropout drops
/// out. The batch is cut into one contiguous range of rows per core, and each core takes its rows through the whole
/// network in blocks of <see cref="BlockRows"/> (depth first, so a block's activations stay in cache) with its own
/// scratch memory, reused by every call. Each output row is computed with the same float operations as the layers
/// one by one in inference mode, so <see cref="Predict(Tensor)"/> returns what <see cref="Sequential.Predict"/> does
/// (the same values; a tie of +0 and −0 in a pool window may keep the other zero). Reads the network's parameters at
/// every call; not safe for concurrent calls (like the layers themselves).
/// </summary>
public sealed class InferencePlan
{
    /// <summary>Rows a core takes through the network at a time.</summary>
    public const int BlockRows = 16;

    private readonly IInferenceStage[] _stages;
    private readonly InferenceScratch[] _scratch;
    private readonly float[][][] _buffers; // per core: two ping-pong activation blocks
    private readonly int _widest;

    private InferencePlan(int inputFeatures, IInferenceStage[] stages)
    {
        InputFeatures = inputFeatures;
        _stages = stages;
        _widest = Math.Max(inputFeatures, stages.Max(s => s.OutputFeatures));
        int cores = Math.Max(1, ParallelWork.Parallelism);
        _scratch = Enumerable.Range(0, cores).Select(_ => new InferenceScratch()).ToArray();
        _buffers = Enumerable.Range(0, cores).Select(_ => new[] { new float[BlockRows * _widest], new float[BlockRows * _widest] }).ToArray();
    }

    /// <summary>Values per input row.</summary>
    public int InputFeatures { get; }

    /// <summary>Values per output row.</summary>
    public int OutputFeatures => _stages[^1].OutputFeatures;

    /// <summary>
    /// Compiles <paramref name="network"/> (whose layers must be in inference mode when <see cref="Predict(Tensor)"/> runs), or
    /// returns null when it holds a layer the plan does not cover (the caller then uses <see cref="Sequential.Predict"/>).
    /// Covered: Conv2D (optionally followed by BatchNorm2D, ReLU, a 2×2 stride-2 MaxPool2D), Dense (optionally followed by an
    /// activation), activations, Dropout.
    /// </summary>
    public static InferencePlan? TryCreate(Sequential network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = network.Layers;
        var stages = new List<IInferenceStage>();
        int features = network.InputFeatures;
        for (int i = 0; i < layers.Count; i++)
        {
            var next = i + 1 < layers.Count ? layers[i + 1] : null;
            switch (layers[i])
            {
                case Conv2D conv:
                    var norm = next as BatchNorm2D;
                    i += norm is null ? 0 : 1;
                    bool relu = i + 1 < layers.Count && layers[i + 1] is Relu;
                    i += relu ? 1 : 0;
                    bool pool = i + 1 < layers.Count && layers[i + 1] is MaxPool2D { Kernel: 2, Stride: 2 };
                    i += pool ? 1 : 0;
                    stages.Add(new ConvBlockStage(conv, norm, relu, pool));
                    break;
                case Dense dense:
                    var then = next as Activation;
                    i += then is null ? 0 : 1;
                    stages.Add(new DenseStage(dense, then));
                    break;
                case Activation activation:
                    stages.Add(new ActivationStage(activation, features));
                    break;
                case Dropout:
                    stages.Add(new IdentityStage(features));
                    break;
                default:
                    return null;
            }

            features = stages[^1].OutputFeatures;
        }

        return stages.Count == 0 ? null : new InferencePlan(network.InputFeatures, [.. stages]);
    }

    /// <summary>The network's outputs [N × OutputFeatures] for <paramref name="inputs"/> [N × InputFeatures], N ≥ 0.</summary>
    public Tensor Predict(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank != 2 || inputs.Dim(1) != InputFeatures)
        {
            throw new ArgumentException($"Expected a batch [N, {InputFeatures}], got [{inputs.ShapeText}].", nameof(inputs));
        }

        var output = new Tensor(inputs.Rows, OutputFeatures);
        Predict(inputs.Span, inputs.Rows, output.Span);
        return output;
    }

    /// <summary>Writes the outputs of <paramref name="rows"/> (≥ 0) input rows (rows × InputFeatures values) into <paramref name="output"/> (rows × OutputFeatures).</summary>
    public unsafe void Predict(ReadOnlySpan<float> inputs, int rows, Span<float> output)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs.Length, rows * InputFeatures, nameof(inputs));
        ArgumentOutOfRangeException.ThrowIfLessThan(output.Length, rows * OutputFeatures, nameof(output));
        int cores = Math.Min(_scratch.Length, (rows + BlockRows - 1) / BlockRows);
        if (cores <= 1)
        {
            RunRange(inputs, output, 0, rows, 0);
            return;
        }

        fixed (float* source = inputs, target = output)
        {
            nint inPointer = (nint)source, outPointer = (nint)target;
            int inLength = inputs.Length, outLength = output.Length;
            ParallelWork.For(cores, core => RunRange(
                new ReadOnlySpan<float>((float*)inPointer, inLength), new Span<float>((float*)outPointer, outLength),
                (int)((long)rows * core / cores), (int)((long)rows * (core + 1) / cores), core));
        }
    }

    private void RunRange(ReadOnlySpan<float> inputs, Span<float> output, int first, int end, int core)
    {
        var (a, b) = (_buffers[core][0], _buffers[core][1]);
        for (int start = first; start < end; start += BlockRows)
        {
            int count = Math.Min(BlockRows, end - start);
            ReadOnlySpan<float> current = inputs.Slice(start * InputFeatures, count * InputFeatures);
            for (int s = 0; s < _stages.Length; s++)
            {
                var stage = _stages[s];
                var target = s == _stages.Length - 1
                    ? output.Slice(start * OutputFeatures, count * OutputFeatures)
                    : (s % 2 == 0 ? a : b).AsSpan(0, count * stage.OutputFeatures);
                stage.Run(current, count, target, _scratch[core]);
                current = target;
            }
        }
    }
}
