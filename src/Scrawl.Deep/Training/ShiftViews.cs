using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Training;

/// <summary>
/// Test-time augmentation by small shifts: a model's softmax averaged over the image and copies of it moved by a pixel or so, the
/// border that a shift uncovers filled with the edge's own pixels (the background of a character frame, whatever its polarity or
/// normalisation). Nothing is learnt; it costs one forward pass a view.
/// </summary>
public static class ShiftViews
{
    /// <summary>The names <c>deep score --tta</c> accepts: none (the image alone) and shift (it and its four 1-pixel shifts).</summary>
    public static IReadOnlyList<string> Modes { get; } = ["none", "shift"];

    /// <summary>The views (rows down, columns right) of mode <paramref name="mode"/> (one of <see cref="Modes"/>); the unshifted view first.</summary>
    public static IReadOnlyList<(int Dy, int Dx)> Of(string mode) => mode switch
    {
        "none" => [(0, 0)],
        "shift" => [(0, 0), (-1, 0), (1, 0), (0, -1), (0, 1)],
        _ => throw new ArgumentException($"Unknown test-time augmentation '{mode}': use {string.Join(" or ", Modes)}.", nameof(mode)),
    };

    /// <summary>
    /// <paramref name="images"/> [N × C × H × W] moved <paramref name="dy"/> rows down and <paramref name="dx"/> columns right (each of
    /// magnitude below the image's side), the uncovered rows and columns copies of the nearest edge: out[y, x] = in[clamp(y − dy), clamp(x − dx)].
    /// </summary>
    public static Tensor Shift(Tensor images, int dy, int dx)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || Math.Abs(dy) >= images.shape[2] || Math.Abs(dx) >= images.shape[3])
        {
            throw new ArgumentException($"Shifts must be smaller than the images [{string.Join(", ", images.shape)}] (N × C × H × W); got {dy} rows, {dx} columns.", nameof(images));
        }

        if (dy == 0 && dx == 0)
        {
            return images.clone();
        }

        using var padded = functional.pad(images, [Math.Max(dx, 0), Math.Max(-dx, 0), Math.Max(dy, 0), Math.Max(-dy, 0)], PaddingModes.Replicate);
        using var rows = padded.narrow(2, Math.Max(-dy, 0), images.shape[2]);
        using var window = rows.narrow(3, Math.Max(-dx, 0), images.shape[3]);
        return window.contiguous();
    }

    /// <summary>The mean over <paramref name="views"/> (non-empty) of <paramref name="model"/>'s softmax [N × classes] on the shifted <paramref name="images"/> (eval mode, on the CPU).</summary>
    public static Tensor MeanSoftmax(Module<Tensor, Tensor> model, Device device, Tensor images, IReadOnlyList<(int Dy, int Dx)> views)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(views);
        if (views.Count == 0)
        {
            throw new ArgumentException("At least one view is needed.", nameof(views));
        }

        Tensor? sum = null;
        foreach (var (dy, dx) in views)
        {
            using var shifted = Shift(images, dy, dx);
            using var logits = OutputBias.Logits(model, device, shifted);
            using var probabilities = logits.softmax(1);
            if (sum is null)
            {
                sum = probabilities.clone();
            }
            else
            {
                sum.add_(probabilities);
            }
        }

        using (sum)
        {
            return sum!.div(views.Count);
        }
    }
}
