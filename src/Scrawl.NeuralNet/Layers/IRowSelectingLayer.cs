using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// A first layer that can read a batch as selected rows of the whole data set, so the trainer needs
/// no separate gather copy; the result equals <see cref="ILayer.Forward"/> on the gathered batch.
/// </summary>
public interface IRowSelectingLayer : ILayer
{
    /// <summary>Forward on rows <paramref name="rows"/> of <paramref name="source"/>; the source must stay unchanged until Backward.</summary>
    Tensor ForwardRows(Tensor source, ReadOnlySpan<int> rows);
}
