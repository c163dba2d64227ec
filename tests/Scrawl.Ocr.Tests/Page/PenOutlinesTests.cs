using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class PenOutlinesTests
{
    private const int H = 200, W = 300;

    /// <summary>Signed distance of (y, x) from the line y = <paramref name="shift"/> + x / 2, positive below it.</summary>
    private static double Below(int y, int x, double shift) => (y - shift - (0.5 * x)) / Math.Sqrt(1.25);

    /// <summary>
    /// A pencil lying across a 200×300 page: its upper edge a solid 3-px line y = 10 + x/2 for x in [40, 240), its lower edge 22 rows
    /// lower (≈ 19.7 px away) only in dashes of 24 columns every 32 (<paramref name="dashed"/>, else solid), a dark tip of 8×6 px on
    /// the axis 14 columns past their end (<paramref name="tip"/>), and a row of eight rings 35 px tall below it (rows 160–195).
    /// </summary>
    private static BinaryImage PencilPage(bool dashed = true, bool tip = true)
    {
        var boxes = Enumerable.Range(0, 8).SelectMany(i => Ink.Ring(new PixelBox(160, 20 + (i * 30), 195, 40 + (i * 30)))).ToArray();
        var pixels = Ink.Page(H, W, boxes).Pixels.ToArray();
        for (int y = 0; y < H; y++)
        {
            for (int x = 40; x < 240; x++)
            {
                bool upper = Math.Abs(Below(y, x, 10)) <= 1.5;
                bool lower = Math.Abs(Below(y, x, 32)) <= 1.5 && (!dashed || x % 32 < 24);
                pixels[(y * W) + x] |= (byte)(upper || lower ? 1 : 0);
            }
        }

        if (tip)
        {
            // The axis at x = 254 is at y = 10 + 127 + 11 = 148.
            for (int y = 145; y < 151; y++)
            {
                pixels.AsSpan((y * W) + 250, 8).Fill(1);
            }
        }

        return new BinaryImage(H, W, pixels);
    }

    private static StraightLine UpperEdge()
    {
        var points = new List<(int Y, int X)>();
        for (int x = 40; x < 240; x++)
        {
            points.Add((10 + (x / 2), x));
        }

        return StraightLine.Fit(points);
    }

    [Fact]
    public void A_dashed_edge_is_found_as_the_partner_of_a_solid_one()
    {
        var upper = UpperEdge();
        var partner = PenOutlines.Partner(PencilPage(), upper, strokeWidth: 3, characterHeight: 35);
        Assert.NotNull(partner);
        Assert.InRange(Math.Abs(partner.Value.Rho - upper.Rho), (22 / Math.Sqrt(1.25)) - 1, (22 / Math.Sqrt(1.25)) + 1);
        Assert.Equal(upper.Theta, partner.Value.Theta);
        // Without the second edge the writing alone makes no partner.
        var alone = PencilPage(dashed: true, tip: false);
        var blank = alone.Pixels.ToArray();
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                if (Math.Abs(Below(y, x, 32)) <= 2.5)
                {
                    blank[(y * W) + x] = 0;
                }
            }
        }

        Assert.Null(PenOutlines.Partner(new BinaryImage(H, W, blank), upper, strokeWidth: 3, characterHeight: 35));
    }

    [Fact]
    public void Two_parallel_lines_a_pen_width_apart_pair_and_one_edge_found_twice_does_not()
    {
        var upper = UpperEdge();
        var lower = upper with { Rho = upper.Rho + 20 };
        var empty = new BinaryImage(H, W, new byte[H * W]);
        var pair = Assert.Single(PenOutlines.Pairs(empty, [upper, lower], strokeWidth: 3, characterHeight: 35));
        Assert.Equal((upper, lower), pair);
        Assert.Empty(PenOutlines.Pairs(empty, [upper, upper with { Rho = upper.Rho + 2 }], strokeWidth: 3, characterHeight: 35));
        Assert.Empty(PenOutlines.Pairs(empty, [upper, upper with { Rho = upper.Rho + 60 }], strokeWidth: 3, characterHeight: 35));
    }

    [Fact]
    public void The_pen_reaches_from_edge_to_edge_and_its_tip_beyond_their_end()
    {
        var upper = UpperEdge();
        var pen = (upper, upper with { Rho = upper.Rho + 20 });
        Assert.True(PenOutlines.Inside(pen, 10 + 70 + 11, 140, strokeWidth: 3)); // on the axis, mid-pen
        Assert.True(PenOutlines.Inside(pen, 148, 254, strokeWidth: 3)); // the tip, past the edges' end
        Assert.False(PenOutlines.Inside(pen, 10 + 70 - 15, 140, strokeWidth: 3)); // above the upper edge
        Assert.False(PenOutlines.Inside(pen, 10 + 70 + 40, 140, strokeWidth: 3)); // below the lower edge
        Assert.False(PenOutlines.Inside(pen, 170, 298, strokeWidth: 3)); // on the axis, past the tip's reach
    }

    [Fact]
    public void The_character_finder_reads_neither_the_dashes_nor_the_tip_and_keeps_the_letters()
    {
        var found = CharacterFinder.FindInInk(PencilPage(), 1, H, W);
        var without = CharacterFinder.FindInInk(PencilPage(), 1, H, W, new CharacterFinderOptions { EraseLineFragments = false });
        Assert.Contains(without, c => c.Box.Bottom <= 155);
        Assert.DoesNotContain(found, c => c.Box.Bottom <= 155);
        Assert.Equal(8, found.Count(c => c.Box.Top == 160 && c.Box.Height == 35));
        Assert.Equal(8, found.Count);
    }
}
