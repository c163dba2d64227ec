namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// The shape of one image sample, channels × height × width. Image layers take batches as rank-2
/// tensors [N × (C·H·W)]: one sample per row, each row in NCHW order (channel planes one after the
/// other, each plane row-major, row 0 at the top), so they chain with <see cref="Dense"/> layers in a
/// <see cref="Sequential"/> without any flattening step.
/// </summary>
public readonly record struct ImageShape
{
    /// <summary>Creates a C×H×W shape; every side ≥ 1.</summary>
    public ImageShape(int channels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>Number of channels (≥ 1).</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels (≥ 1).</summary>
    public int Height { get; }

    /// <summary>Image width in pixels (≥ 1).</summary>
    public int Width { get; }

    /// <summary>Pixels per channel plane, H·W.</summary>
    public int PlaneSize => Height * Width;

    /// <summary>Features per sample row, C·H·W.</summary>
    public int Features => Channels * Height * Width;

    /// <summary>Throws unless <paramref name="inputFeatures"/> equals <see cref="Features"/>; <paramref name="layer"/> names the caller.</summary>
    internal void Check(int inputFeatures, string layer)
    {
        if (inputFeatures != Features)
        {
            throw new ArgumentException($"The {layer} layer expects {Channels}×{Height}×{Width} = {Features} input features, got {inputFeatures}.", nameof(inputFeatures));
        }
    }

    /// <summary>Throws unless <paramref name="input"/> is a rank-2 batch [N × Features].</summary>
    internal void CheckBatch(Numerics.Tensor input, string layer)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Dim(1) != Features)
        {
            throw new ArgumentException($"The {layer} layer expects input [batch, {Features}] ({Channels}×{Height}×{Width}), got [{input.ShapeText}].", nameof(input));
        }
    }

    /// <summary>"C×H×W".</summary>
    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
