using SeededRandom = Scrawl.Numerics.SeededRandom;
using static TorchSharp.torch;

namespace Scrawl.Deep.Training;

/// <summary>
/// Per-batch augmentation of <c>deep train</c>: for <c>shift</c> each image shifted by up to <see cref="MaxShift"/> pixels
/// in x and y (zero fill), for <c>flip</c> mirrored left-right with probability ½, for <c>shift-flip</c> both, for <c>affine</c> a random
/// affine map per image (turned by up to ±<see cref="AffineDegrees"/>°, scaled by 1 ± <see cref="AffineScale"/>, sheared by up to
/// ±<see cref="AffineShear"/>, shifted by up to ±<see cref="MaxShift"/> pixels; bilinear, zero fill). Draws come from a caller-given
/// <see cref="SeededRandom"/>, so a seed and batch number fix the result. The input is never changed.
/// </summary>
public static class BatchAugmentation
{
    /// <summary>The largest shift in pixels, in either direction.</summary>
    public const int MaxShift = 2;

    /// <summary>The largest turn of <c>affine</c>, in degrees.</summary>
    public const double AffineDegrees = 10;

    /// <summary>The largest relative change of scale of <c>affine</c>.</summary>
    public const double AffineScale = 0.1;

    /// <summary>The largest shear factor of <c>affine</c> (x moves by shear × y).</summary>
    public const double AffineShear = 0.15;

    /// <summary>The accepted modes: none, shift, flip, shift-flip (flips only suit data without handedness, e.g. clothes, not letters), affine.</summary>
    public static IReadOnlyList<string> Names { get; } = ["none", "shift", "flip", "shift-flip", "affine"];

    /// <summary>
    /// An augmented copy of <paramref name="images"/> [B × C × H × W] under <paramref name="mode"/> (one of <see cref="Names"/>),
    /// or <paramref name="images"/> itself for "none"; the caller's dispose scope owns the copy.
    /// </summary>
    public static Tensor Apply(Tensor images, string mode, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(random);
        if (!Names.Contains(mode))
        {
            throw new ArgumentException($"--augment must be one of {string.Join(", ", Names)}, got '{mode}'.", nameof(mode));
        }

        if (mode == "none" || images.shape[0] == 0)
        {
            return images;
        }

        if (mode == "affine")
        {
            return ImageAugmentation.RandomAffine(images, random, AffineDegrees, AffineScale, AffineShear, MaxShift);
        }

        int count = (int)images.shape[0];
        long height = images.shape[2], width = images.shape[3];
        int side = 2 * MaxShift + 1;
        var groups = new List<long>[side * side];
        var flips = new bool[count];
        bool shift = mode is "shift" or "shift-flip", flip = mode is "flip" or "shift-flip";
        for (int i = 0; i < count; i++)
        {
            int offset = shift ? random.NextInt(side * side) : (side * side) / 2; // the middle window: no shift
            (groups[offset] ??= []).Add(i);
            flips[i] = flip && random.NextInt(2) == 1;
        }

        // The intermediate tensors go with the scope, none is left to the finalizer (TorchRuntime's remarks).
        using var scope = NewDisposeScope();
        var padded = nn.functional.pad(images, [MaxShift, MaxShift, MaxShift, MaxShift]);
        var result = zeros_like(images);
        for (int g = 0; g < groups.Length; g++)
        {
            if (groups[g] is not { } members)
            {
                continue;
            }

            // Offset g is (dy, dx) in 0..2·MaxShift; the window starting there moves the image by MaxShift − d.
            var index = tensor(members.ToArray(), device: images.device);
            var window = padded.index_select(0, index).narrow(2, g / side, height).narrow(3, g % side, width);
            result.index_copy_(0, index, window);
        }

        if (!flips.Contains(true))
        {
            return result.MoveToOuterDisposeScope();
        }

        var mask = tensor(flips, device: images.device).view(count, 1, 1, 1);
        return where(mask, result.flip(3), result).MoveToOuterDisposeScope();
    }
}
