using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Checks a page's tilt on its letters. A projection profile scores ink pixels by how many share a row, so one long straight edge — a
/// pen or pencil lying across the page, a hard shadow's rim — outweighs the scattered letters of many lines and pulls the tilt onto
/// itself. Letters, and the short clusters of letters that touch, are at most a few character heights long whatever their tilt; such
/// edges are longer. Long lines that run with the writing (ruling, the sheet's own edges) are good evidence, though, where the letters
/// are few and far apart: so the tilt of all the ink stands unless the letters alone group clearly worse at it than at their own. Pure.
/// </summary>
internal static class CharacterSizedInk
{
    /// <summary>A component longer than this many character heights (bounding-box diagonal) is no letter nor a cluster of a few touching ones.</summary>
    public const double MaxHeights = 3.0;

    /// <summary>
    /// Keep the long components after all when the character-sized ones are less than this fraction of the ink: then the writing itself is
    /// joined up (connected script, a grid over the letters), and the long components carry the lines.
    /// </summary>
    public const double MinKeptFraction = 0.25;

    /// <summary>The letters group at the tilt of all the ink at least this fraction of their own best sharpness for that tilt to stand (in (0, 1]).</summary>
    public const double AgreeFraction = 2.0 / 3;

    /// <summary>
    /// The line direction of <paramref name="ink"/> (<see cref="TextSkew.Measure"/>, the same <paramref name="maxDegrees"/> and <paramref name="acrossOnly"/>),
    /// unless its character-sized components (<see cref="Keep"/>; <paramref name="characterHeight"/> in the mask's pixels, null: unknown) are
    /// less than <see cref="AgreeFraction"/> as sharp across its lines as across their own (found across the page when all the ink runs across it): then theirs.
    /// </summary>
    public static TextDirection Measure(BinaryImage ink, double? characterHeight, double maxDegrees, bool acrossOnly = false)
    {
        var all = TextSkew.Measure(ink, maxDegrees, acrossOnly);
        if (characterHeight is not { } h || !(h > 0))
        {
            return all;
        }

        var letters = Keep(ink, h);
        if (ReferenceEquals(letters, ink))
        {
            return all;
        }

        // Letters alone never turn lines that all the ink runs across the page: a few spaced letters make columns as sharp as rows.
        var own = TextSkew.Measure(letters, maxDegrees, acrossOnly || !all.Vertical);
        bool same = own.Degrees == all.Degrees && own.Vertical == all.Vertical;
        return same || TextSkew.Sharpness(letters, all.Degrees, all.Vertical) >= AgreeFraction * own.Sharpness ? all : own;
    }

    /// <summary>
    /// <paramref name="ink"/> without its components whose bounding-box diagonal exceeds <see cref="MaxHeights"/> × <paramref name="characterHeight"/>
    /// (pixels of the mask, &gt; 0); <paramref name="ink"/> itself when nothing is that long or too little would be left (<see cref="MinKeptFraction"/>).
    /// </summary>
    public static BinaryImage Keep(BinaryImage ink, double characterHeight)
    {
        ArgumentNullException.ThrowIfNull(ink);
        int n = ink.Height * ink.Width;
        using var labelScratch = new PooledArray<int>(n);
        var (labels, _) = Labeling.Label(ink, labelScratch.Array);
        var regions = Regions.Measure(labels);
        double limit = MaxHeights * characterHeight;
        var drop = new bool[labels.Count + 1];
        long total = 0, dropped = 0;
        foreach (var r in regions)
        {
            total += r.Area;
            if (Math.Sqrt(((double)r.BoxHeight * r.BoxHeight) + ((double)r.BoxWidth * r.BoxWidth)) > limit)
            {
                drop[r.Label] = true;
                dropped += r.Area;
            }
        }

        if (dropped == 0 || total - dropped < MinKeptFraction * total)
        {
            return ink;
        }

        var pixels = ink.Pixels.ToArray();
        var all = labels.Labels;
        for (int i = 0; i < n; i++)
        {
            if (drop[all[i]])
            {
                pixels[i] = 0;
            }
        }

        return new BinaryImage(ink.Height, ink.Width, pixels);
    }
}
