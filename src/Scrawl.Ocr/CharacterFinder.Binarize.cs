using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Scrawl.Imaging;

namespace Scrawl.Ocr;

// The working image and its ink: downscaling, blur, flattening, Sauvola and Otsu, the ink test, the closing. Every page-sized
// intermediate lives in pooled scratch (PooledArray): a fresh one costs more in page faults than the filter that fills it.
public static partial class CharacterFinder
{
    /// <summary>
    /// The photo downscaled (area-like resampling) so its longer side is at most <paramref name="workingSide"/>
    /// (≥ 1), and the factor (≥ 1) from working pixels back to photo pixels; a small photo comes back as is with factor 1.
    /// </summary>
    public static (FloatImage Working, double Scale) ToWorkingSize(FloatImage photo, int workingSide)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var (h, w, scale) = WorkingSize(photo.Height, photo.Width, workingSide);
        return (h, w) == (photo.Height, photo.Width) ? (photo, 1.0) : (Resampler.Resize(photo, h, w), scale);
    }

    /// <summary>The size <see cref="ToWorkingSize"/> gives a <paramref name="height"/>×<paramref name="width"/> photo (its own when it is kept as is) and the factor back to the photo.</summary>
    internal static (int Height, int Width, double Scale) WorkingSize(int height, int width, int workingSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingSide, 1);
        int longer = Math.Max(height, width);
        if (longer <= workingSide)
        {
            return (height, width, 1.0);
        }

        double scale = (double)longer / workingSide;
        int h = Math.Max(1, (int)Math.Round(height / scale)), w = Math.Max(1, (int)Math.Round(width / scale));
        return (h, w, (double)height / h);
    }

    /// <summary>
    /// The ink of a (working-size) photo: Gaussian blur; Sauvola's local threshold (robust to uneven light and
    /// faint pencil); a pixel is ink when it is at or below its Sauvola threshold <i>and</i> not clearly paper by
    /// the global check (≤ Otsu's threshold + <see cref="CharacterFinderOptions.OtsuSlack"/> × (paper median − Otsu),
    /// which removes texture and show-through in flat bright areas); on a page of faint writing Sauvola's k is then lowered to half the
    /// ink's measured contrast and the mask made again (<see cref="StrokeContrast"/>); then a small closing heals broken strokes.
    /// </summary>
    public static BinaryImage Binarize(FloatImage working, CharacterFinderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(working);
        options ??= new CharacterFinderOptions();
        options.Validate();
        if (working.Channels != 1)
        {
            throw new ArgumentException($"Binarising needs a grey image; this one has {working.Channels} channels.", nameof(working));
        }

        var ink = new byte[working.Height * working.Width];
        Binarize(working.Pixels, working.Height, working.Width, options, ink);
        return new BinaryImage(working.Height, working.Width, ink);
    }

    /// <summary>
    /// As <see cref="Binarize(FloatImage, CharacterFinderOptions?)"/> on the grey <paramref name="h"/>×<paramref name="w"/> image in the first H·W values of
    /// <paramref name="pixels"/> (pooled scratch may be longer), with validated <paramref name="options"/>; the mask is written into <paramref name="destination"/> (H·W values).
    /// </summary>
    internal static void Binarize(float[] pixels, int h, int w, CharacterFinderOptions options, Span<byte> destination)
    {
        int n = h * w;
        PixelGrid.Check(h, w, destination.Length, nameof(destination));

        // Two scratch images serve every step: each step reads the current image and writes the one not in use.
        using var first = new PooledArray<float>(n);
        using var second = new PooledArray<float>(n);
        float[] smooth = pixels, free = first.Array;
        if (options.BlurSigma > 0)
        {
            Filters.GaussianBlur(smooth.AsSpan(0, n), free.AsSpan(0, n), h, w, options.BlurSigma);
            (smooth, free) = (free, second.Array);
        }

        if (options.BackgroundLength > 0)
        {
            Flatten(smooth, free, h, w, options.BackgroundLength);
            (smooth, free) = (free, smooth == pixels ? second.Array : smooth);
        }

        float[] local = free;
        float otsu = 0, paper = 0;
        Parallel.Invoke(
            () => Thresholds.Sauvola(smooth.AsSpan(0, n), local.AsSpan(0, n), h, w, options.SauvolaWindow, options.SauvolaK),
            () => (otsu, paper) = (Thresholds.Otsu(smooth.AsSpan(0, n)), HistogramMedian(smooth.AsSpan(0, n))));
        float ceiling = paper > otsu ? otsu + (options.OtsuSlack * (paper - otsu)) : float.PositiveInfinity;

        // The ink before the closing goes straight to the destination when there is no closing.
        using var raw = options.ClosingSize > 1 ? new PooledArray<byte>(n) : null;
        var ink = raw is null ? destination : raw.Span;
        ReadOnlySpan<float> image = smooth.AsSpan(0, n);
        var thresholds = local.AsSpan(0, n);
        InkBelow(image, thresholds, ceiling, ink);
        if (options.AdaptSauvolaK)
        {
            // Faint writing: measured on this first mask, the threshold moves halfway between paper and the typical ink.
            float k = StrokeContrast.SauvolaK(StrokeContrast.Measure(image, ink, paper), options.SauvolaK);
            if (k < options.SauvolaK)
            {
                Thresholds.Sauvola(image, thresholds, h, w, options.SauvolaWindow, k);
                InkBelow(image, thresholds, ceiling, ink);
            }
        }

        if (raw is not null)
        {
            Morphology.Close(raw.Span, destination, h, w, Footprint.Square(options.ClosingSize));
        }
    }

    /// <summary>1 where pixels[i] ≤ thresholds[i] and pixels[i] ≤ <paramref name="ceiling"/>, else 0 (equal lengths); 64 pixels a step where the machine has Vector512.</summary>
    internal static byte[] InkBelow(ReadOnlySpan<float> pixels, ReadOnlySpan<float> thresholds, float ceiling, bool vectorised = true)
    {
        var ink = new byte[pixels.Length];
        InkBelow(pixels, thresholds, ceiling, ink, vectorised);
        return ink;
    }

    /// <summary>As <see cref="InkBelow(ReadOnlySpan{float}, ReadOnlySpan{float}, float, bool)"/>, into <paramref name="ink"/> (the same length).</summary>
    internal static void InkBelow(ReadOnlySpan<float> pixels, ReadOnlySpan<float> thresholds, float ceiling, Span<byte> ink, bool vectorised = true)
    {
        if (thresholds.Length != pixels.Length || ink.Length != pixels.Length)
        {
            throw new ArgumentException($"{pixels.Length} pixels but {thresholds.Length} thresholds and {ink.Length} outputs.", nameof(thresholds));
        }

        int i = 0;
        if (vectorised && Vector512.IsHardwareAccelerated)
        {
            var top = Vector512.Create(ceiling);
            for (; i <= pixels.Length - 64; i += 64)
            {
                // Four compares of 16 lanes (all-ones or zero), narrowed 32 → 16 → 8 bits, masked to 0 or 1: one 64-byte store.
                var a = Vector512.Narrow(Set(pixels, thresholds, top, i), Set(pixels, thresholds, top, i + 16));
                var b = Vector512.Narrow(Set(pixels, thresholds, top, i + 32), Set(pixels, thresholds, top, i + 48));
                (Vector512.Narrow(a, b) & Vector512<byte>.One).CopyTo(ink.Slice(i, 64));
            }
        }

        for (; i < pixels.Length; i++)
        {
            ink[i] = pixels[i] <= thresholds[i] && pixels[i] <= ceiling ? (byte)1 : (byte)0;
        }
    }

    private static Vector512<uint> Set(ReadOnlySpan<float> pixels, ReadOnlySpan<float> thresholds, Vector512<float> ceiling, int at)
    {
        var p = Vector512.Create(pixels.Slice(at, 16));
        return (Vector512.LessThanOrEqual(p, Vector512.Create(thresholds.Slice(at, 16))) & Vector512.LessThanOrEqual(p, ceiling)).AsUInt32();
    }

    /// <summary>
    /// <paramref name="image"/> (grey in [0, 1], dark ink) divided by its background, clipped to [0, 1]: the background is the darker of
    /// the image's closings with a horizontal and a vertical line of odd <paramref name="length"/> (≥ 3; see <see cref="LineMorphology"/>),
    /// after a 3-pixel erosion across the line so that printed lines a pixel off straight still fit. Whatever dark is at least that long
    /// in one direction (ruling and grid lines, a shadow and its hard edge, a pen, the desk) becomes paper-white; strokes shorter than
    /// it keep their contrast to the paper beside them, also where they cross a printed line.
    /// </summary>
    public static FloatImage Flatten(FloatImage image, int length)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels != 1)
        {
            throw new ArgumentException($"Flattening needs a grey image; this one has {image.Channels} channels.", nameof(image));
        }

        var flat = new float[image.Pixels.Length];
        Flatten(image.Pixels, flat, image.Height, image.Width, length);
        return new FloatImage(flat, image.Height, image.Width);
    }

    /// <summary>
    /// As <see cref="Flatten(FloatImage, int)"/> on the first H·W values of <paramref name="image"/>, into the first H·W of
    /// <paramref name="destination"/> (another array; both may be longer, as pooled arrays are).
    /// </summary>
    internal static void Flatten(float[] image, float[] destination, int h, int w, int length)
    {
        int n = h * w;
        // The two closings are independent: one per core (each is deterministic, so the result does not depend on the core count).
        using var rowsEroded = new PooledArray<float>(n);
        using var columnsEroded = new PooledArray<float>(n);
        using var columns = new PooledArray<float>(n);
        Parallel.Invoke(
            () =>
            {
                LineMorphology.Erode(image.AsSpan(0, n), rowsEroded.Span, h, w, 3, vertical: true);
                LineMorphology.Close(rowsEroded.Span, destination.AsSpan(0, n), h, w, length, vertical: false);
            },
            () =>
            {
                LineMorphology.Erode(image.AsSpan(0, n), columnsEroded.Span, h, w, 3, vertical: false);
                LineMorphology.Close(columnsEroded.Span, columns.Span, h, w, length, vertical: true);
            });
        // flat = min(1, image / max(1e-3, min(rows, columns))), vectorised in place over the row closing.
        var background = destination.AsSpan(0, n);
        TensorPrimitives.Min(background, columns.Span, background);
        TensorPrimitives.Max(background, 1e-3f, background);
        TensorPrimitives.Divide(image.AsSpan(0, n), background, background);
        TensorPrimitives.Min(background, 1f, background);
    }
}
