using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Things that reach into the page from outside the frame — fingers holding the sheet, a sleeve, the edge of the paper or of
/// the desk when no sheet was found — leave outlines that touch the border of the image and are larger than a character.
/// Handwriting seldom does both at once: a letter cut by the frame is at most one character high, a word that runs off the edge
/// is a row of separate letters. Pure.
/// </summary>
public static class FrameIntruders
{
    /// <summary>The default <see cref="CharacterFinderOptions.FrameIntruderFactor"/>.</summary>
    public const double DefaultFactor = 1.3;

    /// <summary>
    /// The labels of the components of <paramref name="regions"/> that touch the border of a
    /// <paramref name="height"/> × <paramref name="width"/> image (≥ 1 each) and whose box reaches at least
    /// <paramref name="factor"/> (&gt; 1) times <paramref name="typicalHeight"/> (&gt; 0, the page's character height) in either direction.
    /// </summary>
    public static HashSet<int> Find(IReadOnlyList<RegionProperties> regions, int height, int width, double typicalHeight, double factor = DefaultFactor)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(typicalHeight);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 1);
        double reach = factor * typicalHeight;
        var found = new HashSet<int>();
        foreach (var r in regions)
        {
            bool touches = r.Top == 0 || r.Left == 0 || r.Bottom == height || r.Right == width;
            if (touches && Math.Max(r.BoxHeight, r.BoxWidth) >= reach)
            {
                found.Add(r.Label);
            }
        }

        return found;
    }
}
