using Scrawl.Data;
using static TorchSharp.torch;

namespace Scrawl.Deep.Training;

/// <summary>
/// One split as libtorch tensors on the CPU: images [N × C × H × W] and int64 labels [N]; owns both. With group masks [G × C]
/// (bool) the labels are groups of classes (partial labels, <see cref="PartialLabelData"/>), trained with <see cref="PartialLabelLoss"/>.
/// </summary>
public sealed class LabelledTensors : IDisposable
{
    /// <summary>Wraps <paramref name="images"/> and <paramref name="labels"/> (same N ≥ 0) and takes ownership of them.</summary>
    public LabelledTensors(Tensor images, Tensor labels) : this(images, labels, null)
    {
    }

    /// <summary>Wraps images, labels and, when not null, the <paramref name="groupMasks"/> [G × C] the labels index; takes ownership of all.</summary>
    public LabelledTensors(Tensor images, Tensor labels, Tensor? groupMasks)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.shape[0] != labels.shape[0])
        {
            throw new ArgumentException($"{images.shape[0]} images but {labels.shape[0]} labels.", nameof(labels));
        }

        Images = images;
        Labels = labels;
        GroupMasks = groupMasks;
    }

    /// <summary>The classes each label allows [G × C] (bool), or null when the labels are classes.</summary>
    public Tensor? GroupMasks { get; }

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
        GroupMasks?.Dispose();
    }
}
