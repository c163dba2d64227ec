using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Training;

/// <summary>Reusable contiguous batch tensors filled by gathering shuffled rows (no per-batch allocation).</summary>
internal sealed class BatchBuffers
{
    private readonly Tensor _inputs;
    private readonly Tensor _targets;

    public BatchBuffers(Tensor inputs, Tensor targets, int batchSize)
    {
        int rows = Math.Min(batchSize, inputs.Rows);
        _inputs = new Tensor(rows, inputs.Dim(1));
        _targets = new Tensor(rows, targets.Dim(1));
    }

    /// <summary>Copies rows <paramref name="indices"/> of x and y into the batch tensors and returns them.</summary>
    public (Tensor Inputs, Tensor Targets) Gather(Tensor x, Tensor y, ReadOnlySpan<int> indices)
    {
        _inputs.Resize(indices.Length, x.Dim(1));
        _targets.Resize(indices.Length, y.Dim(1));
        RowGather.Gather(x, indices, _inputs);
        RowGather.Gather(y, indices, _targets);

        return (_inputs, _targets);
    }

    /// <summary>Copies rows <paramref name="indices"/> of y into the target batch tensor and returns it (the inputs stay where they are).</summary>
    public Tensor GatherTargets(Tensor y, ReadOnlySpan<int> indices)
    {
        _targets.Resize(indices.Length, y.Dim(1));
        RowGather.Gather(y, indices, _targets);
        return _targets;
    }
}
