using Scrawl.Data;
using static TorchSharp.torch;

namespace Scrawl.Deep;

/// <summary>Moves Scrawl data into libtorch tensors.</summary>
public static class ImageTensors
{
    /// <summary>The images of <paramref name="set"/> as float32 [N × C × H × W] (channels first, values unchanged) on the CPU.</summary>
    public static Tensor Images(ImageSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var data = set.Images.Span.ToArray();
        using var t = tensor(data, [set.Count, set.Height, set.Width, set.Channels]);
        using var channelsFirst = t.permute(0, 3, 1, 2); // disposed here, not left to the finalizer (TorchRuntime's remarks)
        return channelsFirst.contiguous();
    }

    /// <summary>The labels of <paramref name="set"/> as int64 [N].</summary>
    public static Tensor Labels(ImageSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return tensor(set.Labels.Select(l => (long)l).ToArray());
    }

    /// <summary>A Scrawl tensor copied into a new float32 libtorch tensor of the same shape.</summary>
    public static Tensor From(Numerics.Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return tensor(value.Span.ToArray(), [.. value.Shape.ToArray().Select(d => (long)d)]);
    }

    /// <summary>A libtorch tensor's values as a new Scrawl tensor of the same shape.</summary>
    public static Numerics.Tensor To(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var detached = value.detach();
        using var onCpu = detached.cpu();
        using var cpu = onCpu.contiguous();
        return Numerics.Tensor.FromArray(cpu.data<float>().ToArray(), [.. cpu.shape.Select(d => (int)d)]);
    }
}
