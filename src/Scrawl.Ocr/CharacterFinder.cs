using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Stage 1 of the OCR pipeline: finds the characters in a photo of handwriting (grey, dark ink on
/// lighter paper). Steps, each public so its intermediate can be inspected: downscale to a working
/// size, binarise (<see cref="Binarize(FloatImage, CharacterFinderOptions?)"/>), then <see cref="FindInInk"/>: 8-connected components, noise
/// dropped, solid blobs dropped (<see cref="ThickBlobs"/>), long straight oblique lines erased (<see cref="ObliqueLines"/>), outlines reaching in from the frame dropped (<see cref="FrameIntruders"/>), fields of printed bars (<see cref="BarFields"/>) and an upright or level pen's dashed edges (<see cref="AxisPenEdges"/>) dropped, pieces of one character merged, dots and specks dropped, touching characters split.
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
        if (photo.Channels != 1)
        {
            throw new ArgumentException($"Finding characters needs a grey photo; this one has {photo.Channels} channels.", nameof(photo));
        }

        var (working, scale) = ToWorkingSize(photo, options.WorkingSide);
        using var mask = new PooledArray<byte>(working.Height * working.Width);
        Binarize(working.Pixels, working.Height, working.Width, options, mask.Span);
        var ink = BinaryImage.Wrap(working.Height, working.Width, mask.Array);
        if (options.RemoveRuling)
        {
            ink = DotGrid.Remove(RulingRemoval.Remove(ink), working);
        }

        return FindInInk(ink, scale, photo.Height, photo.Width, options);
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
        // The label image (and below the depth and the cleaned mask) live in pooled scratch until the characters' own masks are cut out.
        int n = ink.Height * ink.Width;
        using var labelScratch = new PooledArray<int>(n);
        var (labels, _) = Labeling.Label(ink, labelScratch.Array, connectivity: 8);
        var regions = Regions.Measure(labels);
        int halfStroke = 0;
        if (options.ThickBlobFactor > 0)
        {
            // Solid blobs go; a pen's body is cut out instead, keeping the letters it touches. Long straight oblique lines (a pen's edges
            // after flattening) are erased pixel by pixel for the same reason.
            using var depthScratch = new PooledArray<int>(n);
            var depth = ThickBlobs.Measure(ink, labels, regions, depthScratch.Array);
            halfStroke = depth.TypicalStroke;
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
                var lines = new List<StraightLine>();
                cleaned = ObliqueLines.Erase(cleaned ?? ink, labels, regions, height, 2.0 * depth.TypicalStroke, lines) ?? cleaned;
                if (cleaned is not null && options.EraseLineFragments)
                {
                    cleaned = LineFragments.Erase(cleaned, lines, height, 2.0 * depth.TypicalStroke) ?? cleaned;
                }
            }

            if (cleaned is not null)
            {
                // Only reads the old labels to the end before the new ones overwrite them.
                using var only = new PooledArray<byte>(n);
                (labels, _) = Labeling.Label(Only(cleaned, labels, [.. regions.Select(r => r.Label)], only.Array), labelScratch.Array, connectivity: 8);
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

        if (options.RemoveStraightLines && regions.Count > 0)
        {
            // A printed page in view: its text lines are fields of stacked bars, with slivers of its columns among them.
            // An upright or level pen: its edges' dashes, which the oblique lines' search leaves to the letters.
            var notWriting = BarFields.Find(labels, regions);
            if (halfStroke > 0)
            {
                notWriting.UnionWith(AxisPenEdges.Find(labels, regions, TypicalHeight([.. regions.Select(r => (double)r.BoxHeight)]), 2.0 * halfStroke));
            }

            regions = notWriting.Count > 0 ? [.. regions.Where(r => !notWriting.Contains(r.Label))] : regions;
        }

        if (regions.Count == 0)
        {
            return [];
        }

        double typical = halfStroke > 0
            ? TypicalStackedHeight([.. regions.Select(r => new PixelBox(r.Top, r.Left, r.Bottom, r.Right))], 2.0 * halfStroke)
            : TypicalHeight([.. regions.Select(r => (double)r.BoxHeight)]);

        double noise = options.NoiseFraction * typical;
        var straight = options.RemoveStraightLines ? StraightLines.Find(labels, regions, typical) : [];
        var kept = regions.Where(r => (r.BoxHeight >= noise || r.BoxWidth >= noise) && !straight.Contains(r.Label)).ToList();
        var boxes = kept.Select(r => new PixelBox(r.Top, r.Left, r.Bottom, r.Right)).ToList();
        // Stacked pieces share columns (MergeOverlap > 0), so pieces apart in columns never join.
        var stacked = PieceMerger.MergeBoxes(boxes, (a, b) => PieceMerger.Stacked(a, b, typical, options), reach: 0);
        bool Mark(PixelBox box) => Math.Max(box.Height, box.Width) < options.MarkFraction * typical;
        if (stacked.All(g => Mark(g.Box)))
        {
            return [];
        }

        // Marks (a broken-off arm of a Y or an F) may still join a character beside them; what stays a mark alone goes.
        // Two stroke-wide rules, for capitals only (lower case, narrower and closer, read the mixed-case benchmark far worse with them): the
        // typical width is judged after joining the pieces of letters cut down their length, and narrow pieces join across a stroke (below).
        bool strokeRules = halfStroke > 0 && !options.LowerCase;
        var characterBoxes = stacked.Where(g => !Mark(g.Box)).Select(g => g.Box).ToList();
        double typicalWidth = strokeRules ? TypicalJoinedWidth(characterBoxes, 2.0 * halfStroke, typical) : Median([.. characterBoxes.Select(b => (float)b.Width)]);
        var stackedBoxes = stacked.Select(g => g.Box).ToList();
        // A piece narrower than ¾ of a typical character (half of a letter cut down its middle, an M's or W's strokes) may join a
        // neighbour across one stroke width instead of the usual sliver; whole letters keep the narrow gap, so close letters stay apart.
        var wide = strokeRules ? options with { MergeTouchGap = Math.Max(options.MergeTouchGap, 2.0 * halfStroke / typical) } : options;
        var pieces = PieceMerger.MergeBoxes(stackedBoxes, (a, b) => (!Mark(a) || !Mark(b))
                && PieceMerger.SideBySide(a, b, typical, typicalWidth, Math.Min(a.Width, b.Width) < 0.75 * typicalWidth ? wide : options),
                reach: (int)Math.Ceiling(wide.MergeTouchGap * typical))
            .Select(g => new Piece(g.Box, [.. g.Members.SelectMany(i => stacked[i].Members).Select(i => kept[i].Label)]))
            .Where(p => !Mark(p.Box))
            .ToList();
        if (options.RemoveStraightLines)
        {
            // Text lines of a printed page too small to read, stacked: no character.
            var byLabel = kept.ToDictionary(r => r.Label);
            pieces = [.. pieces.Where(p => !BarStacks.IsStack([.. p.Labels.Select(l => byLabel[l])]))];
        }

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

    /// <summary>The pixels of <paramref name="ink"/> whose label is one of <paramref name="kept"/>, written into <paramref name="buffer"/> (≥ H·W values), which the mask wraps.</summary>
    private static BinaryImage Only(BinaryImage ink, LabelImage labels, HashSet<int> kept, byte[] buffer)
    {
        var pixels = buffer.AsSpan(0, ink.Height * ink.Width);
        ink.Pixels.CopyTo(pixels);
        var all = labels.Labels;
        for (int i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] != 0 && !kept.Contains(all[i]))
            {
                pixels[i] = 0;
            }
        }

        return BinaryImage.Wrap(ink.Height, ink.Width, buffer);
    }

    private sealed record Piece(PixelBox Box, int[] Labels);
}
