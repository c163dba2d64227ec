using Scrawl.Imaging;
using Scrawl.Ocr.Segmentation;

namespace Scrawl.Ocr.Tests.Segmentation;

/// <summary>The path search of segmentation by recognition on synthetic probability vectors, and the seams and pieces it cuts.</summary>
public class SegmentationPathTests
{
    private static readonly string[] Classes = ["M", "I", "V", "E", "A", "G"];

    /// <summary>Expected ln(width/height) and spread per class: I narrow, M wide, the rest medium.</summary>
    private static readonly (double, double)[] Widths = [(Math.Log(0.95), 0.3), (Math.Log(0.25), 0.6), (Math.Log(0.75), 0.3), (Math.Log(0.7), 0.3), (Math.Log(0.75), 0.3), (Math.Log(0.8), 0.3)];

    private static float[] P(string symbol, float p)
    {
        var v = Enumerable.Repeat((1f - p) / (Classes.Length - 1), Classes.Length).ToArray();
        v[Array.IndexOf(Classes, symbol)] = p;
        return v;
    }

    private static double S(string symbol, float p, double aspect) => SegmentationPath.Score(P(symbol, p), aspect, Widths).Score;

    [Fact]
    public void TouchingPairReadAsOneWideLetterIsSplitWhenItsPiecesReadWell()
    {
        // "EA" as one blob reads as G (0.6) at 1.6 heights wide; its two halves read E and A surely at ordinary widths.
        var candidates = new List<SegmentCandidate> { new(0, 2, S("G", 0.6f, 1.6)), new(0, 1, S("E", 0.95f, 0.7) - 0.4), new(1, 2, S("A", 0.9f, 0.75)) };
        Assert.Equal([1, 2], SegmentationPath.Best(2, candidates));
    }

    [Fact]
    public void WideLetterReadSurelyAtItsOwnWidthStaysWhole()
    {
        // An M at 1.1 heights (its class is wide) against a cut into a sure I and a sure V, each paying the cut cost.
        var candidates = new List<SegmentCandidate> { new(0, 2, S("M", 0.95f, 1.1)), new(0, 1, S("I", 0.97f, 0.25) - 0.4), new(1, 2, S("V", 0.95f, 0.8)) };
        Assert.Equal([0], SegmentationPath.Best(2, candidates));
    }

    [Fact]
    public void BrokenLetterIsJoinedWhenTheWholeReadsBetterThanItsPieces()
    {
        // An E broken into a bar (a sure I) and the rest (an unsure E, too narrow): together a sure E.
        var candidates = new List<SegmentCandidate> { new(0, 1, S("I", 0.9f, 0.2)), new(1, 2, S("E", 0.4f, 0.5)), new(0, 2, S("E", 0.97f, 0.7)) };
        Assert.Equal([2], SegmentationPath.Best(2, candidates));
    }

    [Fact]
    public void BestPathIsTheMaximumOverAllPathsOfARow()
    {
        // Three atoms, every run a candidate with arbitrary scores: the search must agree with brute force.
        var random = new Scrawl.Numerics.SeededRandom(5);
        for (int trial = 0; trial < 50; trial++)
        {
            var candidates = new List<SegmentCandidate>();
            for (int s = 0; s < 4; s++)
            {
                for (int e = s + 1; e <= 4; e++)
                {
                    candidates.Add(new SegmentCandidate(s, e, -3 * random.NextDouble()));
                }
            }

            var best = SegmentationPath.Best(4, candidates, bonus: 0.2);
            double score = best.Sum(i => candidates[i].Score + 0.2);
            Assert.Equal(Brute(candidates, 0, 4, 0.2), score, 9);
            Assert.Equal(4, best.Sum(i => candidates[i].End - candidates[i].Start));
        }
    }

    [Fact]
    public void UncoveredAtomsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => SegmentationPath.Best(3, [new SegmentCandidate(0, 1, 0), new SegmentCandidate(2, 3, 0)]));
        Assert.Contains("covers all 3 atoms", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreWeighsWidthAgainstProbability()
    {
        // Equal probabilities for I and M: a narrow crop is an I, a wide one an M.
        var p = new float[Classes.Length];
        p[0] = p[1] = 0.5f;
        Assert.Equal(1, SegmentationPath.Score(p, 0.25, Widths).Class);
        Assert.Equal(0, SegmentationPath.Score(p, 1.0, Widths).Class);
        Assert.True(SegmentationPath.Score(P("G", 0.9f), 1.6, Widths).Score < SegmentationPath.Score(P("G", 0.9f), 0.8, Widths).Score - 1);
    }

    [Fact]
    public void SeamRunsThroughTheGapBetweenTwoSlantedBars()
    {
        // Two parallel bars slanting right, touching nowhere: the seam from the middle follows the gap and crosses no ink.
        int h = 20, w = 20;
        var bits = new byte[h * w];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < 3; x++)
            {
                bits[(y * w) + (y / 4) + x] = 1;
                bits[(y * w) + (y / 4) + 10 + x] = 1;
            }
        }

        var mask = new BinaryImage(h, w, bits);
        var seam = InkCuts.Seam(mask, 8, 4);
        for (int y = 0; y < h; y++)
        {
            Assert.False(mask[y, seam[y]] && mask[y, seam[y] - 1], $"row {y} cut at {seam[y]}");
        }

        var pieces = InkCuts.Pieces(new PixelBox(100, 50, 100 + h, 50 + w), mask, [seam]);
        Assert.Equal(2, pieces.Count);
        Assert.Equal(3 * h, pieces[0].Mask.Count());
        Assert.Equal(3 * h, pieces[1].Mask.Count());
        Assert.Equal(50, pieces[0].Box.Left);
        Assert.Equal(60, pieces[1].Box.Left);
        var (box, union) = InkCuts.Union(pieces);
        Assert.Equal(new PixelBox(100, 50, 120, 50 + 17), box); // the right bar ends at column 19 / 4 + 10 + 3
        Assert.Equal(6 * h, union.Count());
    }

    [Fact]
    public void ColumnsIncludeTheNarrowJoinAndStayWithinSpacing()
    {
        // Two solid blocks joined by a one-row bridge at columns 10–13: a cut candidate lies in the bridge, none nearer than the margin to an edge.
        int h = 12, w = 24;
        var bits = new byte[h * w];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                bits[(y * w) + x] = (byte)(x is < 10 or >= 14 || y == 6 ? 1 : 0);
            }
        }

        var columns = InkCuts.Columns(new BinaryImage(h, w, bits), spacing: 5, margin: 2);
        Assert.Contains(columns, c => c is >= 10 and < 14);
        Assert.All(columns, c => Assert.InRange(c, 2, w - 3));
        Assert.All(columns.Zip(columns.Skip(1)), p => Assert.InRange(p.Second - p.First, 1, 5));
    }

    private static double Brute(List<SegmentCandidate> candidates, int from, int atoms, double bonus) =>
        from == atoms ? 0 : candidates.Where(c => c.Start == from).Max(c => c.Score + bonus + Brute(candidates, c.End, atoms, bonus));
}
