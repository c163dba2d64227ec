using System.Runtime.Intrinsics;
using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Stage 1 of the OCR pipeline: finds the characters in a photo of handwriting (grey, dark ink on
/// lighter paper). Steps, each public so its intermediate can be inspected: downscale to a working
/// size, binarise (<see cref="Binarize"/>), then <see cref="FindInInk"/>: 8-connected components, noise
/// dropped, solid blobs dropped (<see cref="ThickBlobs"/>), long straight oblique lines erased (<see cref="ObliqueLines"/>), outlines reaching in from the frame dropped (<see cref="FrameIntruders"/>), pieces of one character merged, dots and specks dropped, touching characters split.
/// </summary>
public static partial class CharacterFinder
{
    /// <summary>The characters of <paramref name="photo"/> (intensities in [0, 1], ink dark), in no particular order, boxes in the photo's pixels.</summary>
    /// <example><c>var characters = CharacterFinder.Find(photo);</c></example>
    public static IReadOnlyList<InkCharacter> Find(FloatImage photo, CharacterFinderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        options ??= new CharacterFinderOptions();
        options.Validate();
        var (working, scale) = ToWorkingSize(photo, options.WorkingSide);
        var ink = Binarize(working, options);
        if (options.RemoveRuling)
        {
            ink = DotGrid.Remove(RulingRemoval.Remove(ink), working);
        }

        return FindInInk(ink, scale, photo.Height, photo.Width, options);
    }

    /// <summary>
    /// The photo downscaled (area-like resampling) so its longer side is at most <paramref name="workingSide"/>
    /// (≥ 1), and the factor (≥ 1) from working pixels back to photo pixels; a small photo comes back as is with factor 1.
    /// </summary>
    public static (FloatImage Working, double Scale) ToWorkingSize(FloatImage photo, int workingSide)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentOutOfRangeException.ThrowIfLessThan(workingSide, 1);
        int longer = Math.Max(photo.Height, photo.Width);
        if (longer <= workingSide)
        {
            return (photo, 1.0);
        }

        double scale = (double)longer / workingSide;
        int h = Math.Max(1, (int)Math.Round(photo.Height / scale)), w = Math.Max(1, (int)Math.Round(photo.Width / scale));
        return (Resampler.Resize(photo, h, w), (double)photo.Height / h);
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
        var smooth = options.BlurSigma > 0 ? Filters.GaussianBlur(working, options.BlurSigma) : working;
        if (options.BackgroundLength > 0)
        {
            smooth = Flatten(smooth, options.BackgroundLength);
        }

        FloatImage local = smooth;
        float otsu = 0, paper = 0;
        Parallel.Invoke(
            () => local = Thresholds.Sauvola(smooth, options.SauvolaWindow, options.SauvolaK),
            () => (otsu, paper) = (Thresholds.Otsu(smooth), HistogramMedian(smooth.Pixels)));
        float ceiling = paper > otsu ? otsu + (options.OtsuSlack * (paper - otsu)) : float.PositiveInfinity;
        var pixels = smooth.Pixels;
        var thresholds = local.Pixels;
        var ink = InkBelow(pixels, thresholds, ceiling);
        if (options.AdaptSauvolaK)
        {
            // Faint writing: measured on this first mask, the threshold moves halfway between paper and the typical ink.
            float k = StrokeContrast.SauvolaK(StrokeContrast.Measure(pixels, ink, paper), options.SauvolaK);
            if (k < options.SauvolaK)
            {
                ink = InkBelow(pixels, Thresholds.Sauvola(smooth, options.SauvolaWindow, k).Pixels, ceiling);
            }
        }

        var mask = new BinaryImage(working.Height, working.Width, ink);
        return options.ClosingSize > 1 ? Morphology.Close(mask, Footprint.Square(options.ClosingSize)) : mask;
    }

    /// <summary>1 where pixels[i] ≤ thresholds[i] and pixels[i] ≤ <paramref name="ceiling"/>, else 0 (equal lengths); 64 pixels a step where the machine has Vector512.</summary>
    internal static byte[] InkBelow(ReadOnlySpan<float> pixels, ReadOnlySpan<float> thresholds, float ceiling, bool vectorised = true)
    {
        if (thresholds.Length != pixels.Length)
        {
            throw new ArgumentException($"{pixels.Length} pixels but {thresholds.Length} thresholds.", nameof(thresholds));
        }

        var ink = new byte[pixels.Length];
        int i = 0;
        if (vectorised && Vector512.IsHardwareAccelerated)
        {
            var top = Vector512.Create(ceiling);
            for (; i <= pixels.Length - 64; i += 64)
            {
                // Four compares of 16 lanes (all-ones or zero), narrowed 32 → 16 → 8 bits, masked to 0 or 1: one 64-byte store.
                var a = Vector512.Narrow(Set(pixels, thresholds, top, i), Set(pixels, thresholds, top, i + 16));
                var b = Vector512.Narrow(Set(pixels, thresholds, top, i + 32), Set(pixels, thresholds, top, i + 48));
                (Vector512.Narrow(a, b) & Vector512<byte>.One).CopyTo(ink.AsSpan(i, 64));
            }
        }

        for (; i < pixels.Length; i++)
        {
            ink[i] = pixels[i] <= thresholds[i] && pixels[i] <= ceiling ? (byte)1 : (byte)0;
        }

        return ink;
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

        int h = image.Height, w = image.Width, n = h * w;
        // The two closings are independent: one per core (each is deterministic, so the result does not depend on the core count).
        // Intermediates come from the shared pool: a fresh page-sized array costs more in page faults than the filter itself.
        var pool = System.Buffers.ArrayPool<float>.Shared;
        var rowsEroded = pool.Rent(n);
        var columnsEroded = pool.Rent(n);
        var columns = pool.Rent(n);
        var background = new float[n];
        Parallel.Invoke(
            () =>
            {
                LineMorphology.Erode(image.Pixels, rowsEroded.AsSpan(0, n), h, w, 3, vertical: true);
                LineMorphology.Close(rowsEroded.AsSpan(0, n), background, h, w, length, vertical: false);
            },
            () =>
            {
                LineMorphology.Erode(image.Pixels, columnsEroded.AsSpan(0, n), h, w, 3, vertical: false);
                LineMorphology.Close(columnsEroded.AsSpan(0, n), columns.AsSpan(0, n), h, w, length, vertical: true);
            });
        // flat = min(1, image / max(1e-3, min(rows, columns))), vectorised in place over the row closing.
        System.Numerics.Tensors.TensorPrimitives.Min(background, columns.AsSpan(0, n), background);
        System.Numerics.Tensors.TensorPrimitives.Max(background, 1e-3f, background);
        System.Numerics.Tensors.TensorPrimitives.Divide(image.Pixels, background, background);
        System.Numerics.Tensors.TensorPrimitives.Min(background, 1f, background);
        pool.Return(rowsEroded);
        pool.Return(columnsEroded);
        pool.Return(columns);
        return new FloatImage(background, h, w);
    }

    /// <summary>
    /// The characters of a binarised working image (<paramref name="ink"/>: 1 = ink); boxes are scaled by
    /// <paramref name="scale"/> (≥ 1 working→photo factor) into a <paramref name="photoHeight"/>×<paramref name="photoWidth"/> photo.
    /// Sizes are judged against the typical character height (<see cref="TypicalHeight"/>) and width.
    /// </summary>
    public static IReadOnlyList<InkCharacter> FindInInk(BinaryImage ink, double scale, int photoHeight, int photoWidth, CharacterFinderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ink);
        options ??= new CharacterFinderOptions();
        options.Validate();
        var (labels, _) = Labeling.Label(ink, connectivity: 8);
        var regions = Regions.Measure(labels);
        if (options.ThickBlobFactor > 0)
        {
            // Solid blobs go; a pen's body is cut out instead, keeping the letters it touches. Long straight oblique lines (a pen's edges
            // after flattening) are erased pixel by pixel for the same reason.
            var depth = ThickBlobs.Measure(ink, labels, regions);
            double limit = ThickBlobs.Limit(depth, options.ThickBlobFactor);
            var pens = regions.Where(r => depth.Deepest[r.Label] > limit && ThickBlobs.IsPenLike(r, depth)).Select(r => r.Label).ToHashSet();
            // Everything of a pen deeper than two stroke half-widths is body, and the cut reaches one stroke width past it (its fringe).
            var cleaned = pens.Count > 0 ? ThickBlobs.Carve(ink, labels, depth, 2 * depth.TypicalStroke, pens, grow: 2 * depth.TypicalStroke) : null;
            regions = [.. regions.Where(r => depth.Deepest[r.Label] <= limit || pens.Contains(r.Label))];
            if (options.RemoveStraightLines && depth.TypicalStroke > 0 && regions.Count > 0)
            {
                // A line is measured against the tallest letters: with lower case the typical height is only the x-height.
                var heights = regions.Select(r => (double)r.BoxHeight).ToArray();
                double height = options.LowerCase ? TallHeight(heights) : TypicalHeight(heights);
                cleaned = ObliqueLines.Erase(cleaned ?? ink, labels, regions, height, 2.0 * depth.TypicalStroke) ?? cleaned;
            }

            if (cleaned is not null)
            {
                (labels, _) = Labeling.Label(Only(cleaned, labels, [.. regions.Select(r => r.Label)]), connectivity: 8);
                regions = Regions.Measure(labels);
            }
        }

        // After the pens are cut out (a pen running off the page would otherwise take the letters it touches along), outlines that
        // reach in from outside the frame go.
        if (options.FrameIntruderFactor > 0 && regions.Count > 0)
        {
            var intruders = FrameIntruders.Find(regions, ink.Height, ink.Width, TypicalHeight([.. regions.Select(r => (double)r.BoxHeight)]), options.FrameIntruderFactor);
            regions = [.. regions.Where(r => !intruders.Contains(r.Label))];
        }

        if (regions.Count == 0)
        {
            return [];
        }

        double typical = TypicalHeight([.. regions.Select(r => (double)r.BoxHeight)]);

        double noise = options.NoiseFraction * typical;
        var straight = options.RemoveStraightLines ? StraightLines.Find(labels, regions, typical) : [];
        var kept = regions.Where(r => (r.BoxHeight >= noise || r.BoxWidth >= noise) && !straight.Contains(r.Label)).ToList();
        var boxes = kept.Select(r => new PixelBox(r.Top, r.Left, r.Bottom, r.Right)).ToList();
        var stacked = PieceMerger.Merge(boxes, (a, b) => PieceMerger.Stacked(a, b, typical, options))
            .Select(g => (Box: PixelBox.Enclosing(g.Select(i => boxes[i])), Members: g))
            .Where(g => Math.Max(g.Box.Height, g.Box.Width) >= options.MarkFraction * typical)
            .ToList();
        if (stacked.Count == 0)
        {
            return [];
        }

        double typicalWidth = Median([.. stacked.Select(g => (float)g.Box.Width)]);
        var stackedBoxes = stacked.Select(g => g.Box).ToList();
        var pieces = PieceMerger.Merge(stackedBoxes, (a, b) => PieceMerger.SideBySide(a, b, typical, typicalWidth, options))
            .Select(g => new Piece(PixelBox.Enclosing(g.Select(i => stackedBoxes[i])), [.. g.SelectMany(i => stacked[i].Members).Select(i => kept[i].Label)]))
            .ToList();
        var result = new List<InkCharacter>(pieces.Count);
        foreach (var piece in pieces)
        {
            var mask = MaskOf(labels, piece.Box, piece.Labels);
            foreach (var (box, part) in TouchingSplitter.Split(piece.Box, mask, typicalWidth, options.SplitWidth))
            {
                result.Add(new InkCharacter(box.Scaled(scale, photoHeight, photoWidth), box, part));
            }
        }

        return result;
    }

    /// <summary>The mask of the pixels inside <paramref name="box"/> whose label is one of <paramref name="members"/>.</summary>
    private static BinaryImage MaskOf(LabelImage labels, PixelBox box, int[] members)
    {
        var set = new HashSet<int>(members);
        var mask = new byte[box.Height * box.Width];
        for (int y = box.Top; y < box.Bottom; y++)
        {
            var row = labels.Labels.Slice((y * labels.Width) + box.Left, box.Width);
            for (int x = 0; x < row.Length; x++)
            {
                if (row[x] != 0 && set.Contains(row[x]))
                {
                    mask[((y - box.Top) * box.Width) + x] = 1;
                }
            }
        }

        return new BinaryImage(box.Height, box.Width, mask);
    }

    /// <summary>The pixels of <paramref name="ink"/> whose label is one of <paramref name="kept"/>.</summary>
    private static BinaryImage Only(BinaryImage ink, LabelImage labels, HashSet<int> kept)
    {
        var pixels = ink.Pixels.ToArray();
        var all = labels.Labels;
        for (int i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] != 0 && !kept.Contains(all[i]))
            {
                pixels[i] = 0;
            }
        }

        return new BinaryImage(ink.Height, ink.Width, pixels);
    }

    private sealed record Piece(PixelBox Box, int[] Labels);
}
