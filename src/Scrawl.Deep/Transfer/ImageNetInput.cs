using Scrawl.Data;
using static TorchSharp.torch;

namespace Scrawl.Deep.Transfer;

/// <summary>
/// The input convention of ML.NET's ResNet18.onnx (its ResNetPreprocess.onnx): BGR channel order, values 0–255 minus the
/// per-channel ImageNet mean (B 103.06, G 115.90, R 123.15: the channel means of that file's 224×224 mean image).
/// </summary>
public static class ImageNetInput
{
    /// <summary>Per-channel means in B, G, R order.</summary>
    public static readonly float[] MeanBgr = [103.063f, 115.903f, 123.152f];

    /// <summary>RGB images [N × H × W × 3] in [0, 1] as the network's input [N × 3 × H × W]; throws for grey images.</summary>
    public static Tensor From(ImageSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Channels != 3)
        {
            throw new ArgumentException($"{set.Name}: fine-tuning needs RGB images, got {set.Channels} channel(s).", nameof(set));
        }

        using var rgb = ImageTensors.Images(set); // N × 3 × H × W, RGB in [0, 1]
        return Normalize(rgb);
    }

    /// <summary>RGB images [N × 3 × H × W] in [0, 1] as the network's input (BGR, 0–255 minus the mean), same shape.</summary>
    public static Tensor Normalize(Tensor rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        using var scope = NewDisposeScope();
        var bgr = rgb.flip(1) * 255f;
        var mean = tensor(MeanBgr, device: rgb.device).reshape(1, 3, 1, 1);
        return (bgr - mean).MoveToOuterDisposeScope();
    }
}
