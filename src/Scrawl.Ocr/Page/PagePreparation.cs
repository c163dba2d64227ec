using Scrawl.Imaging;
using Scrawl.Imaging.Geometry;

namespace Scrawl.Ocr;

/// <summary>Settings of <see cref="PagePreparation"/>.</summary>
public sealed record PagePreparationOptions
{
    /// <summary>Look for a sheet of paper and read only inside it (<see cref="PageFinder"/>).</summary>
    public bool FindPage { get; init; } = true;

    /// <summary>Settings of the sheet search.</summary>
    public PageFinderOptions Finder { get; init; } = new();

    /// <summary>Measure and straighten the lines' tilt and turn vertical text upright.</summary>
    public bool Straighten { get; init; } = true;

    /// <summary>Largest tilt (degrees, in (0, 45]) looked for.</summary>
    public double MaxSkewDegrees { get; init; } = 20;

    /// <summary>A tilt is straightened when it moves a line by more than this fraction (≥ 0) of a character's height across the page (resampling costs thin strokes a little, so small tilts are left to the line grouper).</summary>
    public double SkewDriftFraction { get; init; } = 1.0;

    /// <summary>Longer side (≥ 64) of the thumbnail on which tilt and character height are measured.</summary>
    public int MeasureSide { get; init; } = 800;

    /// <summary>
    /// Read small characters enlarged up to this factor (≥ 1) so that they reach <see cref="WorkingResolution.MinCharacterHeight"/>. Off (1) by
    /// default: on the robustness benchmark enlarging small photos read worse (small 30 % vs 11 % CER, tilt 2.1 % vs 1.2 %) than
    /// segmenting them at their own size with the pixel settings scaled down (<see cref="WorkingResolution"/>).
    /// </summary>
    public double MaxUpscale { get; init; } = 1;

    /// <summary>Enlarge only when the characters need at least this much (≥ 0, a fraction): a smaller change is not worth a resampling pass.</summary>
    public double MinEnlargement { get; init; } = 0.1;

    /// <summary>The working image's longer side never exceeds this (≥ 64) when enlarging.</summary>
    public int MaxWorkingSide { get; init; } = 2400;
}

/// <summary>
/// Plans the working image of a photo before segmentation, from measured properties of the photo: the sheet of paper
/// (<see cref="PageFinder"/>) and its perspective, whether the lines run across or down the page, their tilt (<see cref="TextSkew"/>,
/// straightened when it would move a line by more than half a character across the page), and the scale (small characters are
/// read enlarged). The result is one <see cref="PageGeometry"/>; <see cref="Render"/> resamples the photo through it once.
/// </summary>
public static class PagePreparation
{
    /// <summary>
    /// The working geometry for <paramref name="photo"/> (grey in [0, 1], dark ink); the identity when nothing needs changing.
    /// <paramref name="vertical"/> forces the lines to be taken as running down (true) or across (false) the page; null measures it.
    /// </summary>
    public static PageGeometry Plan(FloatImage photo, PagePreparationOptions? options = null, bool? vertical = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (photo.Channels != 1)
        {
            throw new ArgumentException($"Page preparation needs a grey photo; this one has {photo.Channels} channels.", nameof(photo));
        }

        options ??= new PagePreparationOptions();
        var page = options.FindPage ? PageFinder.Find(photo, options.Finder) : null;
        var toPhoto = Homography.Identity;
        double pw = photo.Width, ph = photo.Height;
        if (page is not null)
        {
            (pw, ph) = page.Size;
            toPhoto = Homography.FromPoints([(0, 0), (pw, 0), (pw, ph), (0, ph)], page.Corners);
        }

        double thumbScale = Math.Min(1.0, options.MeasureSide / Math.Max(pw, ph));
        int th = Math.Max(1, (int)Math.Round(ph * thumbScale)), tw = Math.Max(1, (int)Math.Round(pw * thumbScale));
        // The measurement thumbnail and its ink live in pooled scratch (without a sheet to cut out, a small photo is its own thumbnail).
        int n = th * tw;
        bool isPhoto = page is null && thumbScale >= 1;
        using var thumbScratch = new PooledArray<float>(isPhoto ? 0 : n);
        var thumb = photo.Pixels;
        if (!isPhoto)
        {
            var toThumb = Homography.Scaling(1 / thumbScale, 1 / thumbScale).Then(toPhoto);
            Warp.Image(photo, toThumb, thumbScratch.Array.AsMemory(0, n), th, tw, CharacterFinder.HistogramMedian(photo.Pixels));
            thumb = thumbScratch.Array;
        }

        float paper = CharacterFinder.HistogramMedian(thumb.AsSpan(0, n));
        using var inkScratch = new PooledArray<byte>(n);
        var ink = MeasurementInk(thumb, th, tw, inkScratch.Array);
        double? thumbHeight = WorkingResolution.EstimateCharacterHeight(thumb.AsSpan(0, n), th, tw);
        var direction = options.Straighten ? CharacterSizedInk.Measure(ink, thumbHeight, options.MaxSkewDegrees) : new TextDirection(0, false, 0);
        if (vertical is { } forced && forced != direction.Vertical)
        {
            direction = forced ? direction with { Vertical = true } : CharacterSizedInk.Measure(ink, thumbHeight, options.MaxSkewDegrees, acrossOnly: true);
        }

        double? height = thumbHeight / thumbScale;
        var (inkAcross, inkDown) = InkExtents(ink);
        if (direction.Vertical && vertical is null && height is { } one && OneLineAcross(inkAcross, inkDown, one * thumbScale))
        {
            direction = CharacterSizedInk.Measure(ink, thumbHeight, options.MaxSkewDegrees, acrossOnly: true);
        }

        if (direction.Vertical)
        {
            // Measure the tilt again across the lines of the page turned a quarter: the column profile of a list or a grid of
            // letters biases the transposed measurement, the row profile of the turned page does not.
            var turned = Render(photo, Build(toPhoto, pw, ph, page, 1, 0, thumbScale, height, paper));
            using var turnedInk = new PooledArray<byte>(turned.Height * turned.Width);
            direction = CharacterSizedInk.Measure(MeasurementInk(turned.Pixels, turned.Height, turned.Width, turnedInk.Array), thumbHeight, options.MaxSkewDegrees) with { Vertical = true };
        }

        // The drift that matters is along the written lines, not the frame: a close-up of one short word is not straightened
        // on the tilt its few letters happen to suggest.
        double lineLength = direction.Vertical ? ph : Math.Min(pw, inkAcross / thumbScale);
        double skew = height is { } hh && Math.Abs(Math.Tan(direction.Degrees * Math.PI / 180)) * lineLength > options.SkewDriftFraction * hh ? direction.Degrees : 0;
        int turns = direction.Vertical ? 1 : 0;
        double scale = 1;
        if (height is { } h && h * (1 + options.MinEnlargement) < WorkingResolution.MinCharacterHeight)
        {
            scale = Math.Max(1, Math.Min(Math.Min(WorkingResolution.MinCharacterHeight / h, options.MaxUpscale), options.MaxWorkingSide / Math.Max(pw, ph)));
        }

        if (page is null && turns == 0 && skew == 0 && scale == 1)
        {
            return PageGeometry.Identity(photo.Height, photo.Width, height, paper);
        }

        return Build(toPhoto, pw, ph, page, turns, skew, scale, height, paper);
    }

    /// <summary>
    /// True when ink reaching <paramref name="across"/> and <paramref name="down"/> pixels (<see cref="InkExtents"/>) is one line of letters
    /// side by side: it spans less than two character heights (<paramref name="characterHeight"/>, the same pixels) down — no room for a
    /// second line — and more across, or also less than two heights across (a word of two or three letters: no room for lines either way,
    /// so it is taken as written across). The gaps between a few letters make a column profile sharp, but they are not lines running down the page.
    /// </summary>
    internal static bool OneLineAcross(double across, double down, double characterHeight) =>
        down < 2 * characterHeight && (across > down || across < 2 * characterHeight);

    /// <summary>How far the ink of <paramref name="ink"/> reaches across and down it (pixels), in one pass: from the 1st to the 99th percentile of its columns and of its rows, so a few specks at the border do not count.</summary>
    internal static (double Across, double Down) InkExtents(BinaryImage ink)
    {
        var columns = new long[ink.Width];
        var rows = new long[ink.Height];
        long total = 0;
        var pixels = ink.Pixels;
        for (int y = 0; y < ink.Height; y++)
        {
            for (int x = 0; x < ink.Width; x++)
            {
                if (pixels[(y * ink.Width) + x] != 0)
                {
                    columns[x]++;
                    rows[y]++;
                    total++;
                }
            }
        }

        return (Extent(columns, total), Extent(rows, total));
    }

    /// <summary>The span (≥ 0) from the 1st to the 99th percentile of <paramref name="counts"/> (summing to <paramref name="total"/>); 0 without ink.</summary>
    private static double Extent(long[] counts, long total)
    {
        if (total == 0)
        {
            return 0;
        }

        int first = -1, last = -1;
        long seen = 0;
        for (int x = 0; x < counts.Length; x++)
        {
            seen += counts[x];
            if (first < 0 && seen > total / 100)
            {
                first = x;
            }

            if (last < 0 && seen >= total - (total / 100))
            {
                last = x;
            }
        }

        return last - first + 1;
    }

    /// <summary><paramref name="geometry"/> with its working image turned by <paramref name="quarterTurns"/> more quarter turns (any integer; the content turns counter-clockwise).</summary>
    public static PageGeometry Turn(PageGeometry geometry, int quarterTurns)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var g = geometry;
        for (int k = ((quarterTurns % 4) + 4) % 4; k > 0; k--)
        {
            // A working pixel of the turned image (W' = H, H' = W) at (x', y') is the old working point (W − y', x').
            var turn = Homography.FromMatrix([0, -1, g.Width, 1, 0, 0, 0, 0, 1]);
            g = g with { ToPhoto = turn.Then(g.ToPhoto), Height = g.Width, Width = g.Height, QuarterTurns = (g.QuarterTurns + 1) % 4 };
        }

        return g;
    }

    /// <summary>A mask turned like <see cref="Turn(PageGeometry, int)"/> turns the working image: <paramref name="quarterTurns"/> quarter turns of the content counter-clockwise.</summary>
    public static BinaryImage Turn(BinaryImage mask, int quarterTurns)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var m = mask;
        for (int k = ((quarterTurns % 4) + 4) % 4; k > 0; k--)
        {
            int h = m.Height, w = m.Width;
            var src = m.Pixels;
            var turned = new byte[h * w];
            for (int r = 0; r < w; r++)
            {
                for (int c = 0; c < h; c++)
                {
                    turned[(r * h) + c] = src[(c * w) + (w - 1 - r)];
                }
            }

            m = new BinaryImage(w, h, turned);
        }

        return m;
    }

    /// <summary>The working image of <paramref name="photo"/> for <paramref name="geometry"/>: the photo itself for the identity, else resampled once.</summary>
    public static FloatImage Render(FloatImage photo, PageGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(geometry);
        return geometry.IsIdentity ? photo : Warp.Image(photo, geometry.ToPhoto, geometry.Height, geometry.Width, geometry.Paper);
    }

    private static PageGeometry Build(Homography pageToPhoto, double pw, double ph, PageQuad? page, int turns, double skew, double scale, double? height, float paper)
    {
        double angle = (turns * 90) + skew;
        double a = angle * Math.PI / 180, cos = Math.Abs(Math.Cos(a)), sin = Math.Abs(Math.Sin(a));
        double rw = (pw * cos) + (ph * sin), rh = (pw * sin) + (ph * cos);
        int width = Math.Max(1, (int)Math.Round(rw * scale)), height2 = Math.Max(1, (int)Math.Round(rh * scale));
        var toPage = Homography.Scaling(1 / scale, 1 / scale)
            .Then(Homography.Translation(-rw / 2, -rh / 2))
            .Then(Homography.Rotation(angle, 0, 0))
            .Then(Homography.Translation(pw / 2, ph / 2));
        return new PageGeometry(toPage.Then(pageToPhoto), height2, width, page, turns, skew, scale, height, paper);
    }

    /// <summary>
    /// Ink of a grey <paramref name="h"/>×<paramref name="w"/> measurement thumbnail (the first H·W values of <paramref name="thumb"/>): light blur,
    /// Sauvola with a window of 1/16 of the longer side and its fixed k, no closing; written into <paramref name="buffer"/> (≥ H·W values), which
    /// the result may wrap. The tilt and direction need the clearest strokes, not the faint ones a lower k would add (with them, tilt and pen
    /// variants read worse).
    /// </summary>
    private static BinaryImage MeasurementInk(float[] thumb, int h, int w, byte[] buffer)
    {
        int window = Math.Max(15, (Math.Max(h, w) / 16) | 1);
        var options = new CharacterFinderOptions { BlurSigma = 1f, SauvolaWindow = window, ClosingSize = 1, AdaptSauvolaK = false };
        options.Validate();
        CharacterFinder.Binarize(thumb, h, w, options, buffer.AsSpan(0, h * w));
        // Without solid blobs: a pen across the page is one long straight line the projection profiles would align to; without a
        // printed page's fields of bars, whose many lines would set the tilt of the page they lie on, not the sheet's.
        return BarFields.Remove(ThickBlobs.Remove(BinaryImage.Wrap(h, w, buffer)));
    }
}
