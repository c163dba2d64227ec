using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// The pipeline's pixel-valued settings (blur σ, Sauvola window, closing size) were tuned on photos whose characters
/// are 45–115 pixels tall at the working resolution (<see cref="MinCharacterHeight"/>, <see cref="MaxCharacterHeight"/>).
/// A page whose characters are smaller or larger — measured quickly by <see cref="EstimateCharacterHeight"/> — gets
/// those settings scaled by (its character height / the nearer bound), so it segments as if it were in the band.
/// </summary>
public static class WorkingResolution
{
    /// <summary>Smallest typical character height (working pixels) the default settings are validated for.</summary>
    public const double MinCharacterHeight = 45;

    /// <summary>Largest typical character height (working pixels) the default settings are validated for.</summary>
    public const double MaxCharacterHeight = 115;

    /// <summary>The factor (&gt; 0) for pixel settings on a page with typical character height <paramref name="characterHeight"/> (working pixels; null: unknown, factor 1).</summary>
    public static double Factor(double? characterHeight) => characterHeight switch
    {
        null or <= 0 => 1,
        < MinCharacterHeight => characterHeight.Value / MinCharacterHeight,
        > MaxCharacterHeight => characterHeight.Value / MaxCharacterHeight,
        _ => 1,
    };

    /// <summary>
    /// A quick estimate of the typical character height (pixels of <paramref name="image"/>, grey in [0, 1], dark ink), or
    /// null when nothing like characters is found: a thumbnail (longer side ≤ 512), Gaussian blur σ 1, Otsu's global
    /// threshold, 8-connected components, and <see cref="CharacterFinder.TypicalHeight"/> of the components that are
    /// neither specks (&lt; 3 px) nor page-sized (&gt; ¼ of the thumbnail), scaled back.
    /// </summary>
    public static double? EstimateCharacterHeight(FloatImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (thumb, scale) = CharacterFinder.ToWorkingSize(image, 512);
        var smooth = Filters.GaussianBlur(thumb, 1f);
        var (labels, _) = Labeling.Label(smooth.AtOrBelow(Thresholds.Otsu(smooth)), connectivity: 8);
        int limit = Math.Max(thumb.Height, thumb.Width) / 4;
        var heights = Regions.Measure(labels).Select(r => (double)r.BoxHeight)
            .Where(h => h >= 3 && h <= limit).ToList();
        return heights.Count == 0 ? null : CharacterFinder.TypicalHeight(heights) * scale;
    }

    /// <summary>
    /// <paramref name="options"/> with the pixel-valued settings multiplied by <paramref name="factor"/> (&gt; 0): blur σ,
    /// Sauvola window (kept odd, ≥ 3) and closing size (≥ 1); fractions of the character height are unchanged.
    /// </summary>
    public static CharacterFinderOptions Scale(CharacterFinderOptions options, double factor)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(factor > 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be a finite number > 0.");
        }

        return options with
        {
            BlurSigma = (float)(options.BlurSigma * factor),
            SauvolaWindow = Math.Max(3, (int)Math.Round(options.SauvolaWindow * factor) | 1),
            ClosingSize = Math.Max(1, (int)Math.Round(options.ClosingSize * factor)),
        };
    }
}
