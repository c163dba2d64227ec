using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// A printed page beside or under the sheet (a newspaper, a book, a form) seen too small to resolve its letters shows each text line as a
/// thin bar, the bars stacked at a printed line pitch and often turned a little with the page. <see cref="BarStacks"/> drops a piece made of
/// upright bars alone; in a whole field of them, bars touch the column gutters' slivers and one another, and the finder builds "characters"
/// of bars and slivers that read as D, Q, 3 or Z. A bar here is a thin, nearly horizontal component (<see cref="IsThinBar"/>: at least
/// <see cref="MinAspect"/> times as wide as its mean thickness, turned less than about 11°). A field is at least <see cref="MinBars"/> bars
/// chained one above the other (<see cref="Chained"/>: overlapping across at least <see cref="MinOverlap"/> of the narrower one, their
/// centres between <see cref="MinPitch"/> and <see cref="MaxPitch"/> thicknesses apart, only paper between them; each bar as thick in
/// nearly every column as on average, which a ruled line with letters hanging on it is not), and every component with at least
/// <see cref="MinShareInside"/> of its pixels in the field's cells (squares two bar pitches wide, grown by one cell) is printed matter, not
/// writing. Handwriting has no such chains: an E's or a Z's bars are joined by a stroke (one component, not a bar), ruled lines lie a
/// character height or more apart, and nobody writes eight dashes a stroke apart. The bars' own thickness and pitch set every length, so no
/// character height is needed. Pure.
/// </summary>
public static class BarFields
{
    /// <summary>Fewest chained bars that make a printed field.</summary>
    public const int MinBars = 8;

    /// <summary>Least width of a bar, in its mean thicknesses.</summary>
    public const double MinAspect = 3;

    /// <summary>Least distance between the centres of two chained bars, in thicknesses of the thicker one.</summary>
    public const double MinPitch = 1.5;

    /// <summary>Largest distance between the centres of two chained bars, in thicknesses of the thicker one.</summary>
    public const double MaxPitch = 10;

    /// <summary>Least horizontal overlap of two chained bars, as a fraction of the narrower one's width.</summary>
    public const double MinOverlap = 0.25;

    /// <summary>Least share of a component's pixels inside a field for it to be printed matter.</summary>
    public const double MinShareInside = 0.75;

    /// <summary>The labels of the components of <paramref name="labels"/> (measured as <paramref name="regions"/>) that belong to printed fields of bars; empty when there are none.</summary>
    public static HashSet<int> Find(LabelImage labels, IReadOnlyList<RegionProperties> regions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(regions);
        var bars = regions.Where(r => IsThinBar(r) && Level(labels, r)).OrderBy(r => r.CentroidRow).ToList();
        var result = new HashSet<int>();
        if (bars.Count < MinBars)
        {
            return result;
        }

        foreach (var field in Chains(labels, bars).Where(f => f.Count >= MinBars))
        {
            var cells = Cells(field, labels.Height, labels.Width);
            var inside = new Dictionary<int, int>();
            var all = labels.Labels;
            // Only the field's box grown by two cells can hold its cells (cells are aligned to the grid, then grown by one).
            int top = Math.Max(0, field.Min(b => b.Top) - (2 * cells.Size)), bottom = Math.Min(labels.Height, field.Max(b => b.Bottom) + (2 * cells.Size));
            int left = Math.Max(0, field.Min(b => b.Left) - (2 * cells.Size)), right = Math.Min(labels.Width, field.Max(b => b.Right) + (2 * cells.Size));
            for (int y = top; y < bottom; y++)
            {
                for (int x = left; x < right; x++)
                {
                    int label = all[(y * labels.Width) + x];
                    if (label != 0 && cells.Contains(y, x))
                    {
                        inside[label] = inside.GetValueOrDefault(label) + 1;
                    }
                }
            }

            result.UnionWith(regions.Where(r => inside.GetValueOrDefault(r.Label) >= MinShareInside * r.Area).Select(r => r.Label));
        }

        return result;
    }

    /// <summary><paramref name="ink"/> without the components of its printed fields (<see cref="Find"/>), or <paramref name="ink"/> itself when it has none.</summary>
    public static BinaryImage Remove(BinaryImage ink)
    {
        ArgumentNullException.ThrowIfNull(ink);
        using var scratch = new PooledArray<int>(ink.Height * ink.Width);
        var (labels, _) = Labeling.Label(ink, scratch.Array, connectivity: 8);
        var printed = Find(labels, Regions.Measure(labels));
        return printed.Count == 0 ? ink : LabelMasks.Without(ink, labels, printed);
    }

    /// <summary>True when <paramref name="region"/> is a thin, nearly horizontal bar: its mean column thickness (area / width) at most 1/<see cref="MinAspect"/> of its width, its box no taller than twice that plus a fifth of its width.</summary>
    public static bool IsThinBar(RegionProperties region)
    {
        ArgumentNullException.ThrowIfNull(region);
        double thickness = Thickness(region);
        return region.BoxWidth >= MinAspect * thickness && region.BoxHeight <= (2 * thickness) + (0.2 * region.BoxWidth);
    }

    /// <summary>True when the bars <paramref name="upper"/> and <paramref name="lower"/> (its centre lower) are chained: overlapping across enough width, their centres a printed line pitch apart.</summary>
    public static bool Chained(RegionProperties upper, RegionProperties lower)
    {
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(lower);
        int overlap = Math.Min(upper.Right, lower.Right) - Math.Max(upper.Left, lower.Left);
        double pitch = lower.CentroidRow - upper.CentroidRow;
        double thickness = Math.Max(Thickness(upper), Thickness(lower));
        return overlap >= MinOverlap * Math.Min(upper.BoxWidth, lower.BoxWidth) && pitch >= MinPitch * thickness && pitch <= MaxPitch * thickness;
    }

    private static double Thickness(RegionProperties region) => (double)region.Area / region.BoxWidth;

    /// <summary>
    /// True when the bar is as thick in (nearly) every column as its mean: at most a tenth of its columns reach further down than twice its
    /// thickness plus 2 px. A ruled line with letters hanging on it is as thin on average, but not under the letters.
    /// </summary>
    private static bool Level(LabelImage labels, RegionProperties bar)
    {
        double limit = (2 * Thickness(bar)) + 2;
        int tall = 0;
        for (int x = bar.Left; x < bar.Right; x++)
        {
            int first = -1, last = -1;
            for (int y = bar.Top; y < bar.Bottom; y++)
            {
                if (labels.Labels[(y * labels.Width) + x] == bar.Label)
                {
                    first = first < 0 ? y : first;
                    last = y;
                }
            }

            tall += first >= 0 && last - first + 1 > limit ? 1 : 0;
        }

        return tall <= 0.1 * bar.BoxWidth;
    }

    /// <summary>
    /// True when the band between two chained bars (their common columns, from one centre row plus its thickness to the other's minus its
    /// own) holds almost no other ink — at most 2 % of it: between printed lines there is paper, between ruled lines there is writing.
    /// </summary>
    private static bool NothingBetween(LabelImage labels, RegionProperties upper, RegionProperties lower)
    {
        int left = Math.Max(upper.Left, lower.Left), right = Math.Min(upper.Right, lower.Right);
        int top = (int)Math.Ceiling(upper.CentroidRow + Thickness(upper)), bottom = (int)Math.Floor(lower.CentroidRow - Thickness(lower));
        if (bottom <= top || right <= left)
        {
            return true;
        }

        int other = 0;
        for (int y = top; y < bottom; y++)
        {
            for (int x = left; x < right; x++)
            {
                int label = labels.Labels[(y * labels.Width) + x];
                other += label != 0 && label != upper.Label && label != lower.Label ? 1 : 0;
            }
        }

        return other <= 0.02 * (bottom - top) * (right - left);
    }

    /// <summary>The bars (sorted by centre row) grouped into chains of <see cref="Chained"/> pairs.</summary>
    private static List<List<RegionProperties>> Chains(LabelImage labels, List<RegionProperties> bars)
    {
        var parent = Enumerable.Range(0, bars.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        double reach = MaxPitch * bars.Max(Thickness);
        for (int i = 0; i < bars.Count; i++)
        {
            // Sorted by centre row: a bar further down than any pitch allows ends the search.
            for (int j = i + 1; j < bars.Count && bars[j].CentroidRow - bars[i].CentroidRow <= reach; j++)
            {
                if (Chained(bars[i], bars[j]) && NothingBetween(labels, bars[i], bars[j]))
                {
                    parent[Root(j)] = Root(i);
                }
            }
        }

        return [.. Enumerable.Range(0, bars.Count).GroupBy(Root).Select(g => g.Select(i => bars[i]).ToList())];
    }

    /// <summary>The field's cells: squares two median bar pitches wide that its bars cover, grown by one cell.</summary>
    private static CellSet Cells(List<RegionProperties> field, int height, int width)
    {
        var pitches = field.Select(b => field.Where(o => o != b && Chained(b, o)).Select(o => o.CentroidRow - b.CentroidRow).DefaultIfEmpty(double.NaN).Min())
            .Where(p => !double.IsNaN(p)).Order().ToList();
        int size = Math.Max(2, (int)Math.Round(2 * pitches[pitches.Count / 2]));
        var cells = new CellSet(size, (height + size - 1) / size, (width + size - 1) / size);
        foreach (var bar in field)
        {
            for (int cy = bar.Top / size; cy <= (bar.Bottom - 1) / size; cy++)
            {
                for (int cx = bar.Left / size; cx <= (bar.Right - 1) / size; cx++)
                {
                    cells.Mark(cy, cx);
                }
            }
        }

        return cells.Grown();
    }

    /// <summary>A grid of square cells of <paramref name="size"/> pixels, some marked.</summary>
    private sealed class CellSet(int size, int rows, int columns)
    {
        /// <summary>The side of a cell, in pixels.</summary>
        public int Size { get; } = size;

        private readonly bool[] _marked = new bool[rows * columns];

        public void Mark(int row, int column) => _marked[(row * columns) + column] = true;

        public bool Contains(int y, int x) => _marked[((y / Size) * columns) + (x / Size)];

        public CellSet Grown()
        {
            var grown = new CellSet(Size, rows, columns);
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    if (_marked[(r * columns) + c])
                    {
                        for (int dr = Math.Max(0, r - 1); dr <= Math.Min(rows - 1, r + 1); dr++)
                        {
                            for (int dc = Math.Max(0, c - 1); dc <= Math.Min(columns - 1, c + 1); dc++)
                            {
                                grown.Mark(dr, dc);
                            }
                        }
                    }
                }
            }

            return grown;
        }
    }
}
