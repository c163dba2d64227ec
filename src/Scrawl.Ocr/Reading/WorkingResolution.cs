using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// The pipeline's pixel-valued settings (blur σ, Sauvola window, closing size) were tuned on photos whose characters
/// are 45–115 pixels tall at the working resolution (<see cref="MinCharacterHeight"/>, <see cref="MaxCharacterHeight"/>).
/// A page whose characters are smaller or larger — measured quickly by <see cref="EstimateCharacterHeight(FloatImage)"/> — gets
/// those settings scaled by (its character height / the nearer bound), so it segments as if it were in the band.
/// </summary>
public static partial class WorkingResolution
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

    /// <summary>How many character heights (&gt; 1) long the line footprint of <see cref="CharacterFinder.Flatten(FloatImage, int)"/> is: longer than any letter's stroke, shorter than a ruling line.</summary>
    public const double BackgroundLengthFactor = 2.5;

    /// <summary>
    /// The <see cref="CharacterFinderOptions.BackgroundLength"/> for a page of typical character height <paramref name="characterHeight"/>
    /// (working pixels; null: unknown, 0 = no flattening) whose longer working side is <paramref name="workingSide"/> (≥ 1): odd, at least
    /// <see cref="BackgroundLengthFactor"/> character heights and a 32nd of the side, so that an underestimated height never makes letters background.
    /// </summary>
    public static int BackgroundLength(double? characterHeight, int workingSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingSide, 1);
        if (characterHeight is not (> 0 and var h) || double.IsInfinity(h))
        {
            return 0;
        }

        int length = (int)Math.Round(Math.Max(BackgroundLengthFactor * h, workingSide / 32.0));
        return Math.Max(3, length | 1);
    }

    /// <summary>
    /// A quick estimate of the typical character height (pixels of <paramref name="image"/>, grey in [0, 1], dark ink), or
    /// null when nothing like characters is found: a thumbnail (longer side ≤ 512), Gaussian blur σ 1, Otsu's global
    /// threshold, 8-connected components, and <see cref="CharacterFinder.TypicalHeight"/> of the components that are
    /// neither specks (&lt; 3 px) nor page-sized (over ¼ of the thumbnail's longer side; up to ½ tall when at least two are — in a close-up
    /// of a word the letters are taller than a quarter of the frame, while one component that tall is rather a pen or an edge, unless it is
    /// alone and shaped like a word: a close-up of one word whose letters touch, beside nothing but specks), scaled back. The same is measured once more on the
    /// thumbnail flattened with a line an eighth of its side long (<see cref="CharacterFinder.Flatten(FloatImage, int)"/>), and the larger of the
    /// two is taken: on grid or ruled paper the writing touches the printed lines and hides in one page-sized component, so only
    /// the flattened thumbnail shows the letters, while letters taller than an eighth of the page survive only the plain one.
    /// </summary>
    public static double? EstimateCharacterHeight(FloatImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels != 1)
        {
            throw new ArgumentException($"The character height is measured on a grey image; this one has {image.Channels} channels.", nameof(image));
        }

        return EstimateCharacterHeight(image.Pixels, image.Height, image.Width);
    }

    /// <summary>As <see cref="EstimateCharacterHeight(FloatImage)"/> on a grey <paramref name="height"/>×<paramref name="width"/> image (H·W values; pooled scratch, say).</summary>
    internal static double? EstimateCharacterHeight(ReadOnlySpan<float> image, int height, int width)
    {
        // The thumbnail of CharacterFinder.ToWorkingSize(image, 512), blurred; every page-sized step in pooled scratch.
        var (h, w, scale) = CharacterFinder.WorkingSize(height, width, 512);
        int n = h * w;
        using var thumb = new PooledArray<float>(n);
        using var smooth = new PooledArray<float>(n);
        var source = image;
        if ((h, w) != (height, width))
        {
            Resampler.Resize(image, thumb.Span, height, width, h, w);
            source = thumb.Span;
        }

        Filters.GaussianBlur(source, smooth.Span, h, w, 1f);
        int side = Math.Max(h, w);
        using var mask = new PooledArray<byte>(n);
        using var labels = new PooledArray<int>(n);
        double? plain = TypicalComponentHeight(smooth.Span, h, w, side / 4, side / 2, mask.Array, labels.Array, closeUp: true);
        double? flattened = null;
        if (side >= 64)
        {
            // The thumbnail is free again: the flattened image goes there.
            CharacterFinder.Flatten(smooth.Array, thumb.Array, h, w, (side / 8) | 1);
            flattened = TypicalComponentHeight(thumb.Span, h, w, side / 4, side / 4, mask.Array, labels.Array, closeUp: false);
        }

        double? best = plain is null ? flattened : flattened is null ? plain : Math.Max(plain.Value, flattened.Value);
        return best * scale;
    }

    /// <summary>
    /// The typical height of the Otsu components of <paramref name="smooth"/> (<paramref name="h"/>×<paramref name="w"/>) at least 3 and at most
    /// <paramref name="limit"/> pixels tall and at most <paramref name="limit"/> wide, or null; components up to <paramref name="tallLimit"/> tall
    /// and wide count too when there are at least two, and with <paramref name="closeUp"/> one blob up to <paramref name="tallLimit"/> tall and ¾ of
    /// the side wide, and at least half as wide as tall, counts when it is the only one that large and nothing else reaches 30 % of its height
    /// (a word whose letters touch is at least as wide as a letter; a pen standing up the page, alone in a thumbnail where it takes all the
    /// ink, is far narrower). <paramref name="mask"/> and <paramref name="labels"/> are scratch of at least H·W values.
    /// </summary>
    private static double? TypicalComponentHeight(ReadOnlySpan<float> smooth, int h, int w, int limit, int tallLimit, byte[] mask, int[] labels, bool closeUp)
    {
        var regions = WritingComponents(smooth, h, w, mask, labels);
        int side = Math.Max(h, w);
        regions = [.. regions.Where(r => r.BoxHeight >= 3)];
        var heights = regions.Where(r => r.BoxHeight <= limit && r.BoxWidth <= limit).Select(r => (double)r.BoxHeight).ToList();
        var tall = regions.Where(r => r.BoxHeight > limit && r.BoxHeight <= tallLimit && r.BoxWidth <= tallLimit).Select(r => (double)r.BoxHeight).ToList();
        var large = regions.Where(r => (r.BoxHeight > limit || r.BoxWidth > limit) && r.BoxHeight <= tallLimit && r.BoxWidth <= 3 * side / 4 && 2 * r.BoxWidth >= r.BoxHeight).ToList();
        if (tall.Count >= 2)
        {
            heights.AddRange(tall);
        }
        else if (closeUp && large.Count == 1 && heights.All(x => x < 0.3 * large[0].BoxHeight))
        {
            // A close-up of one word whose letters touch: one blob and nothing beside it but specks and fragments.
            heights.Add(large[0].BoxHeight);
        }

        return heights.Count == 0 ? null : CharacterFinder.TypicalHeight(heights);
    }

    /// <summary>
    /// <paramref name="options"/> with the pixel-valued settings multiplied by <paramref name="factor"/> (&gt; 0): blur σ,
    /// Sauvola window (kept odd, ≥ 3) and closing size (≥ 2 when <paramref name="options"/> closes at all: a one-pixel break in a stroke
    /// is a break at any resolution, and thin strokes of small photos break most); fractions of the character height are unchanged.
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
            ClosingSize = Math.Max(options.ClosingSize > 1 ? 2 : 1, (int)Math.Round(options.ClosingSize * factor)),
        };
    }
}
