namespace Scrawl.Ocr;

/// <summary>
/// Merges the pieces of one character. Two rules, applied by <see cref="CharacterFinder.FindInInk"/> in turn,
/// each repeated until nothing joins: <see cref="Stacked"/> (a broken "E", the bars of an "=") and
/// <see cref="SideBySide"/> (an "H" or "W" broken at a thin join into two narrow halves).
/// </summary>
internal static class PieceMerger
{
    /// <summary>
    /// Groups of indices into <paramref name="boxes"/> whose boxes <paramref name="joins"/> chains together; every index in exactly one group, groups
    /// ordered by their first index. The groups are kept sorted by left edge (ties by first index) and the first joining pair in that order is joined,
    /// again and again, until none joins. <paramref name="reach"/> (≥ 0 columns; null: any) promises that boxes further apart than that never join, so
    /// the search stops early; after a join only pairs with the grown group can newly join before it, so the search resumes there.
    /// </summary>
    public static List<List<int>> Merge(IReadOnlyList<PixelBox> boxes, Func<PixelBox, PixelBox, bool> joins, int? reach = null) =>
        [.. MergeBoxes(boxes, joins, reach).Select(g => g.Members)];

    /// <summary>As <see cref="Merge"/>, each group with its enclosing box (the union the search joined on).</summary>
    public static List<(PixelBox Box, List<int> Members)> MergeBoxes(IReadOnlyList<PixelBox> boxes, Func<PixelBox, PixelBox, bool> joins, int? reach = null)
    {
        var groups = boxes.Select((b, i) => (Box: b, Members: new List<int> { i })).ToList();
        // A stable order: by left edge, then by first index (a join keeps the group's left edge and first index, so the order holds).
        groups.Sort((a, b) => a.Box.Left != b.Box.Left ? a.Box.Left.CompareTo(b.Box.Left) : a.Members[0].CompareTo(b.Members[0]));
        int limit = reach ?? int.MaxValue;
        int i = 0;
        while (i < groups.Count)
        {
            int joined = -1;
            for (int j = i + 1; j < groups.Count && groups[j].Box.Left - groups[i].Box.Right <= limit; j++)
            {
                if (joins(groups[i].Box, groups[j].Box))
                {
                    joined = j;
                    break;
                }
            }

            if (joined < 0)
            {
                i++;
                continue;
            }

            groups[i] = (groups[i].Box.Union(groups[joined].Box), [.. groups[i].Members, .. groups[joined].Members]);
            groups.RemoveAt(joined);
            // Every pair before (i, ·) was tried and failed; only a pair with the grown group i can join now.
            for (int k = 0; k < i; k++)
            {
                if (groups[i].Box.Left - groups[k].Box.Right <= limit && joins(groups[k].Box, groups[i].Box))
                {
                    i = k;
                    break;
                }
            }
        }

        return [.. groups.Select(g => (g.Box, g.Members.Order().ToList())).OrderBy(g => g.Item2[0])];
    }

    /// <summary>
    /// Pieces stacked vertically: their columns overlap by at least <see cref="CharacterFinderOptions.MergeOverlap"/>
    /// of the narrower one's width, the rows between them are at most <see cref="CharacterFinderOptions.MergeMaxGap"/>
    /// typical heights, and the joined box stays within <see cref="CharacterFinderOptions.MergeMaxHeight"/>
    /// typical heights (so characters of neighbouring lines stay apart).
    /// </summary>
    public static bool Stacked(PixelBox a, PixelBox b, double typicalHeight, CharacterFinderOptions options)
    {
        int overlap = a.HorizontalOverlap(b);
        if (overlap < options.MergeOverlap * Math.Min(a.Width, b.Width))
        {
            return false;
        }

        int gap = -a.VerticalOverlap(b);
        return gap <= options.MergeMaxGap * typicalHeight && a.Union(b).Height <= options.MergeMaxHeight * typicalHeight;
    }

    /// <summary>
    /// Pieces side by side: they share at least half the shorter one's rows, the columns between them are at
    /// most <see cref="CharacterFinderOptions.MergeTouchGap"/> typical heights (they nearly touch), and together
    /// they are at most <see cref="CharacterFinderOptions.MergeMaxWidth"/> typical widths wide.
    /// </summary>
    public static bool SideBySide(PixelBox a, PixelBox b, double typicalHeight, double typicalWidth, CharacterFinderOptions options) =>
        a.VerticalOverlap(b) >= 0.5 * Math.Min(a.Height, b.Height)
        && -a.HorizontalOverlap(b) <= options.MergeTouchGap * typicalHeight
        && a.Union(b).Width <= options.MergeMaxWidth * typicalWidth;
}
