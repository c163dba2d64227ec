using Scrawl.Imaging;

namespace Scrawl.Data.Images;

/// <summary>
/// The geometry of a resize: scale the source to ScaledHeight×ScaledWidth, then place it at (Top, Left)
/// in the Height×Width output (negative offsets crop, positive ones pad). Shared by every decoder so that
/// <see cref="ResizeMode"/> means the same everywhere; see <see cref="FloatImage.Place"/>.
/// </summary>
/// <param name="ScaledHeight">Height of the scaled source (≥ 1).</param>
/// <param name="ScaledWidth">Width of the scaled source (≥ 1).</param>
/// <param name="Height">Output height (≥ 1).</param>
/// <param name="Width">Output width (≥ 1).</param>
/// <param name="Top">Row of the scaled source's top edge in the output (≤ 0 crops, ≥ 0 pads).</param>
/// <param name="Left">Column of the scaled source's left edge in the output.</param>
public readonly record struct ResizePlan(int ScaledHeight, int ScaledWidth, int Height, int Width, int Top, int Left)
{
    /// <summary>True when the scaled source is the output as is (no padding or cropping needed).</summary>
    public bool IsDirect => ScaledHeight == Height && ScaledWidth == Width;

    /// <summary>The plan for a <paramref name="sourceHeight"/>×<paramref name="sourceWidth"/> source (both ≥ 1) under <paramref name="request"/>.</summary>
    public static ResizePlan For(int sourceHeight, int sourceWidth, DecodeRequest request)
    {
        request.Validate();
        if (sourceHeight < 1 || sourceWidth < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceHeight), $"Source size must be at least 1×1, got {sourceHeight}×{sourceWidth}.");
        }

        if (request.IsNative)
        {
            return new(sourceHeight, sourceWidth, sourceHeight, sourceWidth, 0, 0);
        }

        int h = request.Height, w = request.Width;
        double sy = (double)h / sourceHeight, sx = (double)w / sourceWidth;
        switch (request.Resize)
        {
            case ResizeMode.Fit:
            {
                double s = Math.Min(sy, sx);
                int sh = Math.Clamp((int)Math.Round(sourceHeight * s), 1, h);
                int sw = Math.Clamp((int)Math.Round(sourceWidth * s), 1, w);
                return new(sh, sw, h, w, (h - sh) / 2, (w - sw) / 2);
            }

            case ResizeMode.Fill:
            {
                double s = Math.Max(sy, sx);
                int sh = Math.Max(h, (int)Math.Round(sourceHeight * s));
                int sw = Math.Max(w, (int)Math.Round(sourceWidth * s));
                return new(sh, sw, h, w, -((sh - h) / 2), -((sw - w) / 2));
            }

            case ResizeMode.Stretch:
                return new(h, w, h, w, 0, 0);
            default:
                throw new ArgumentOutOfRangeException(nameof(request), $"Unknown resize mode {request.Resize}.");
        }
    }

    /// <summary>Places an already scaled image (ScaledHeight×ScaledWidth) into the output frame, padding with <paramref name="fill"/>.</summary>
    public FloatImage Apply(FloatImage scaled, float fill)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        if (scaled.Height != ScaledHeight || scaled.Width != ScaledWidth)
        {
            throw new ArgumentException($"The plan expects a {ScaledHeight}×{ScaledWidth} image, got {scaled.Height}×{scaled.Width}.", nameof(scaled));
        }

        return IsDirect ? scaled : scaled.Place(Height, Width, Top, Left, fill);
    }
}
