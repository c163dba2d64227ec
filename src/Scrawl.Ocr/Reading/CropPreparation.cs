using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>Settings of <see cref="CropPreparation.Prepare"/>.</summary>
public sealed record CropOptions
{
    /// <summary>The frame: 32×32, longer side ≈ 78 % (the training data's convention, <see cref="CharacterNormalizer"/>).</summary>
    public CharacterNormalizeOptions Normalize { get; init; } = new();

    /// <summary>
    /// Stroke width (in output pixels, ≥ 0; 0 = keep) that thin strokes are thickened to before normalising: pens,
    /// photo resolution and character size vary, while classifiers are trained on strokes of a few pixels in 32×32.
    /// </summary>
    public double StrokeWidth { get; init; } = 2.5;

    /// <summary>Gaussian blur σ (output pixels, in [0, 3]) of the normalised crop: the soft edges of scanned and photographed training crops.</summary>
    public float Blur { get; init; } = 0.8f;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(StrokeWidth >= 0) || double.IsInfinity(StrokeWidth))
        {
            throw new ArgumentOutOfRangeException(nameof(StrokeWidth), StrokeWidth, "StrokeWidth must be a finite number ≥ 0.");
        }

        if (!(Blur is >= 0 and <= 3))
        {
            throw new ArgumentOutOfRangeException(nameof(Blur), Blur, "Blur must be in [0, 3].");
        }
    }
}

/// <summary>
/// Stage 4: a found character's ink mask → the classifier's 32×32 input. The mask's stroke width w is estimated as
/// 2 · area / perimeter (a stroke of length L and width w has area L·w and a perimeter ≈ 2L); if w, scaled into the
/// frame, is thinner than <see cref="CropOptions.StrokeWidth"/>, the mask is dilated by the missing radius (a square
/// footprint) at its own scale. Then <see cref="CharacterCrops.Normalize(BinaryImage, CharacterNormalizeOptions?)"/>
/// and a light blur. Pure.
/// </summary>
public static class CropPreparation
{
    /// <summary>The classifier input (Side×Side, ink = 1) of <paramref name="character"/>.</summary>
    public static FloatImage Prepare(InkCharacter character, CropOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(character);
        options ??= new CropOptions();
        options.Validate();
        // The dilated mask and the unblurred frame are pooled scratch: a page makes a few hundred crops.
        var mask = character.Mask;
        int radius = DilationRadius(mask, options.StrokeWidth, options.Normalize);
        using var dilated = radius > 0 ? new PooledArray<byte>(mask.Height * mask.Width) : null;
        if (dilated is not null)
        {
            Morphology.Dilate(mask.Pixels, dilated.Span, mask.Height, mask.Width, Footprint.Square((2 * radius) + 1));
            mask = BinaryImage.Wrap(mask.Height, mask.Width, dilated.Array);
        }

        if (options.Blur <= 0)
        {
            return CharacterCrops.Normalize(mask, options.Normalize);
        }

        int side = options.Normalize.Side;
        using var frame = new PooledArray<float>(CharacterCrops.FrameLength(options.Normalize));
        CharacterCrops.Normalize(mask, frame.Span, options.Normalize);
        var blurred = new float[frame.Length];
        Filters.GaussianBlur(frame.Span, blurred, side, side, options.Blur);
        return new FloatImage(blurred, side, side);
    }

    /// <summary>The mean stroke width of a mask's ink in its own pixels, 2 · area / perimeter (4-neighbour edge count); 0 without ink.</summary>
    public static double StrokeWidth(BinaryImage mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        long area = 0, edges = 0;
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                if (!mask[y, x])
                {
                    continue;
                }

                area++;
                edges += (y == 0 || !mask[y - 1, x] ? 1 : 0) + (y == mask.Height - 1 || !mask[y + 1, x] ? 1 : 0)
                    + (x == 0 || !mask[y, x - 1] ? 1 : 0) + (x == mask.Width - 1 || !mask[y, x + 1] ? 1 : 0);
            }
        }

        return edges == 0 ? 0 : 2.0 * area / edges;
    }

    /// <summary>The dilation radius (mask pixels, ≥ 0) that brings the mask's strokes to <paramref name="target"/> output pixels in the normalised frame.</summary>
    internal static int DilationRadius(BinaryImage mask, double target, CharacterNormalizeOptions normalize)
    {
        if (target <= 0)
        {
            return 0;
        }

        double width = StrokeWidth(mask);
        if (width <= 0)
        {
            return 0;
        }

        double scale = normalize.Side * normalize.Span / Math.Max(mask.Height, mask.Width);
        return Math.Max(0, (int)Math.Round(((target / scale) - width) / 2));
    }
}
