using Scrawl.Data;
using static TorchSharp.torch;

namespace Scrawl.Deep.Training;

/// <summary>One split as libtorch tensors on the CPU: images [N × C × H × W] and int64 labels [N]; owns both.</summary>
public sealed class LabelledTensors : IDisposable
{
    /// <summary>Wraps <paramref name="images"/> and <paramref name="labels"/> (same N ≥ 0) and takes ownership of them.</summary>
    public LabelledTensors(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.shape[0] != labels.shape[0])
        {
            throw new ArgumentException($"{images.shape[0]} images but {labels.shape[0]} labels.", nameof(labels));
        }

        Images = images;
        Labels = labels;
    }

    /// <summary>The images [N × C × H × W].</summary>
    public Tensor Images { get; }

    /// <summary>The labels [N], int64.</summary>
    public Tensor Labels { get; }

    /// <summary>Number of samples.</summary>
    public int Count => (int)Labels.shape[0];

    /// <summary>The split of an <see cref="ImageSet"/>, or null for null.</summary>
    public static LabelledTensors? From(ImageSet? set) =>
        set is null ? null : new LabelledTensors(ImageTensors.Images(set), ImageTensors.Labels(set));

    /// <inheritdoc/>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
