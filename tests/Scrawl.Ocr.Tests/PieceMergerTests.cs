namespace Scrawl.Ocr.Tests;

/// <summary><see cref="PieceMerger.Merge"/> against the plain search it replaced: sort, join the first joining pair, start again.</summary>
public class PieceMergerTests
{
    [Theory]
    [InlineData(1, 20)]
    [InlineData(2, 80)]
    [InlineData(3, 300)]
    public void Side_by_side_and_stacked_joins_match_the_restarting_search(int seed, int count)
    {
        var random = new Random(seed);
        // Boxes of letters and pieces on a few lines, many of them close enough to join, some sharing a left edge.
        var boxes = Enumerable.Range(0, count).Select(_ =>
        {
            int top = (random.Next(4) * 40) + random.Next(12), left = random.Next(count * 6) / 2 * 2;
            return new PixelBox(top, left, top + 4 + random.Next(30), left + 2 + random.Next(20));
        }).ToList();
        var options = new CharacterFinderOptions { MergeTouchGap = 0.1 };
        Func<PixelBox, PixelBox, bool> side = (a, b) => PieceMerger.SideBySide(a, b, 30, 15, options);
        Func<PixelBox, PixelBox, bool> stacked = (a, b) => PieceMerger.Stacked(a, b, 30, options);

        var sideGroups = PieceMerger.Merge(boxes, side, reach: 3);
        var stackedGroups = PieceMerger.Merge(boxes, stacked, reach: 0);

        Assert.Equal(Restarting(boxes, side), sideGroups);
        Assert.Equal(Restarting(boxes, stacked), stackedGroups);
        Assert.Equal(sideGroups, PieceMerger.Merge(boxes, side));
        Assert.Contains(sideGroups, g => g.Count > 1);
        Assert.Contains(stackedGroups, g => g.Count > 1);
        Assert.Equal(Enumerable.Range(0, count), sideGroups.SelectMany(g => g).Order());
    }

    [Fact]
    public void A_grown_group_joins_a_box_left_of_it()
    {
        // Joins need shared or touching columns and a joined box at least 20 rows tall: A–B and A–C do not join, B–C does, and the
        // grown B–C then reaches A, which comes before it in the left-edge order.
        var boxes = new List<PixelBox> { new(0, 0, 10, 12), new(0, 10, 10, 20), new(10, 18, 30, 25) };
        var groups = PieceMerger.Merge(boxes, (a, b) => a.HorizontalOverlap(b) >= 0 && a.Union(b).Height >= 20, reach: 0);

        Assert.Equal([[0, 1, 2]], groups);
    }

    /// <summary>The search as it was: sort by left edge (ties by first index), join the first pair that joins, start again from the beginning.</summary>
    private static List<List<int>> Restarting(IReadOnlyList<PixelBox> boxes, Func<PixelBox, PixelBox, bool> joins)
    {
        var groups = boxes.Select((b, i) => (Box: b, Members: new List<int> { i })).ToList();
        bool merged = true;
        while (merged)
        {
            merged = false;
            groups = [.. groups.OrderBy(g => g.Box.Left).ThenBy(g => g.Members[0])];
            for (int i = 0; i < groups.Count && !merged; i++)
            {
                for (int j = i + 1; j < groups.Count && !merged; j++)
                {
                    if (joins(groups[i].Box, groups[j].Box))
                    {
                        groups[i] = (groups[i].Box.Union(groups[j].Box), [.. groups[i].Members, .. groups[j].Members]);
                        groups.RemoveAt(j);
                        merged = true;
                    }
                }
            }
        }

        return [.. groups.Select(g => g.Members.Order().ToList()).OrderBy(m => m[0])];
    }
}
