using SeededRandom = Scrawl.Numerics.SeededRandom;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Training;

/// <summary>
/// Seeded per-image geometric and colour augmentation of image batches [B × C × H × W]: random affine maps (rotation,
/// scale, shear, shift: the digits' <c>--augment affine</c>), random-resized crops with mirroring (the flowers' training
/// views) and colour jitter. Every draw comes from a caller-given <see cref="SeededRandom"/> in image order, so a seed fixes
/// the result; image i of the output is always a transform of image i of the input (labels stay valid); inputs are never changed.
/// </summary>
public static class ImageAugmentation
{
    private static readonly float[] Luma = [0.299f, 0.587f, 0.114f];

    /// <summary>
    /// Resamples <paramref name="images"/> [B × C × H × W] through per-image affine maps <paramref name="theta"/> [B × 2 × 3]
    /// (from output to input, normalised coordinates −1…1, as <c>affine_grid</c>) to <paramref name="height"/> × <paramref name="width"/> ≥ 1:
    /// bilinear, zero outside the input (or, with <paramref name="border"/>, the nearest border pixel).
    /// </summary>
    public static Tensor Warp(Tensor images, Tensor theta, long height, long width, bool border = false)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(theta);
        // A converted copy is ours to dispose; the caller's own tensor is not (whatever `to` returns for the same type).
        using var converted = theta.dtype == images.dtype ? null : theta.to(images.dtype);
        using var grid = functional.affine_grid(converted ?? theta, [images.shape[0], images.shape[1], height, width], align_corners: false);
        return functional.grid_sample(images, grid, GridSampleMode.Bilinear, border ? GridSamplePaddingMode.Border : GridSamplePaddingMode.Zeros, align_corners: false);
    }

    /// <summary>
    /// Each image turned by up to ±<paramref name="degrees"/> (≥ 0), scaled by 1 ± <paramref name="scale"/> (0 ≤ scale &lt; 1),
    /// sheared by up to ±<paramref name="shear"/> (≥ 0) and shifted by up to ±<paramref name="shift"/> pixels (≥ 0) in x and y,
    /// about the image centre, zero fill; same size as the input.
    /// </summary>
    public static Tensor RandomAffine(Tensor images, SeededRandom random, double degrees, double scale, double shear, double shift)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(random);
        if (degrees < 0 || scale is < 0 or >= 1 || shear < 0 || shift < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(degrees), "Affine ranges must be ≥ 0 and the scale below 1.");
        }

        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        var theta = new float[count * 6];
        for (long i = 0; i < count; i++)
        {
            double angle = random.Uniform(-degrees, degrees) * Math.PI / 180;
            double s = random.Uniform(1 - scale, 1 + scale);
            double k = random.Uniform(-shear, shear);
            double tx = random.Uniform(-shift, shift) * 2 / width, ty = random.Uniform(-shift, shift) * 2 / height;
            // Output → input: rotate, shear along x, then divide by the scale (a larger scale magnifies the content).
            double c = Math.Cos(angle) / s, n = Math.Sin(angle) / s;
            theta[(i * 6) + 0] = (float)(c + (k * n));
            theta[(i * 6) + 1] = (float)((-n) + (k * c));
            theta[(i * 6) + 2] = (float)tx;
            theta[(i * 6) + 3] = (float)n;
            theta[(i * 6) + 4] = (float)c;
            theta[(i * 6) + 5] = (float)ty;
        }

        using var t = tensor(theta, [count, 2, 3], device: images.device);
        return Warp(images, t, height, width);
    }

    /// <summary>
    /// One random crop of each image, covering a fraction of its area in [<paramref name="minArea"/>, 1] (0 &lt; minArea ≤ 1) with an aspect
    /// ratio in [3/4, 4/3] (kept inside the image), resized to <paramref name="size"/> × <paramref name="size"/> (≥ 1) and, when
    /// <paramref name="flip"/>, mirrored left-right with probability ½.
    /// </summary>
    public static Tensor RandomResizedCrops(Tensor images, SeededRandom random, long size, double minArea, bool flip)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(random);
        if (minArea is <= 0 or > 1 || size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minArea), "The crop's least area must be in (0, 1] and its size ≥ 1.");
        }

        long count = images.shape[0];
        var theta = new float[count * 6];
        for (long i = 0; i < count; i++)
        {
            double area = random.Uniform(minArea, 1);
            double aspect = Math.Exp(random.Uniform(Math.Log(3.0 / 4), Math.Log(4.0 / 3)));
            double w = Math.Min(1, Math.Sqrt(area * aspect)), h = Math.Min(1, Math.Sqrt(area / aspect)); // fractions of the side
            double cx = random.Uniform(-(1 - w), 1 - w), cy = random.Uniform(-(1 - h), 1 - h);
            bool mirror = flip && random.NextInt(2) == 1;
            theta[(i * 6) + 0] = (float)(mirror ? -w : w);
            theta[(i * 6) + 2] = (float)cx;
            theta[(i * 6) + 4] = (float)h;
            theta[(i * 6) + 5] = (float)cy;
        }

        using var t = tensor(theta, [count, 2, 3], device: images.device);
        return Warp(images, t, size, size, border: true); // sample points near the edge must not blend in zeros
    }

    /// <summary>
    /// RGB images [B × 3 × H × W] in [0, 1] with each image's brightness, contrast and saturation scaled by random factors in
    /// 1 ± <paramref name="strength"/> (0 ≤ strength &lt; 1), clamped to [0, 1].
    /// </summary>
    public static Tensor ColourJitter(Tensor images, SeededRandom random, double strength)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(random);
        if (strength is < 0 or >= 1 || images.shape[1] != 3)
        {
            throw new ArgumentOutOfRangeException(nameof(strength), "Colour jitter needs RGB images and a strength in [0, 1).");
        }

        long count = images.shape[0];
        var factors = new float[count * 3];
        for (long i = 0; i < count * 3; i++)
        {
            factors[i] = (float)random.Uniform(1 - strength, 1 + strength);
        }

        using var scope = NewDisposeScope();
        var f = tensor(factors, [count, 3, 1, 1], device: images.device);
        var luma = tensor(Luma, [1, 3, 1, 1], device: images.device);
        var x = images * f.narrow(1, 0, 1); // brightness
        var mean = (x * luma).sum(1, keepdim: true).mean([2, 3], keepdim: true);
        x = ((x - mean) * f.narrow(1, 1, 1)) + mean; // contrast about the image's mean grey
        var grey = (x * luma).sum(1, keepdim: true);
        x = ((x - grey) * f.narrow(1, 2, 1)) + grey; // saturation about each pixel's grey
        return x.clamp(0, 1).MoveToOuterDisposeScope();
    }
}
