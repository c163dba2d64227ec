using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class CharacterFinderTests
{
    private static IReadOnlyList<InkCharacter> Find(BinaryImage ink) => CharacterFinder.FindInInk(ink, 1.0, ink.Height, ink.Width);

    [Fact]
    public void Separate_rings_are_separate_characters()
    {
        var ink = Ink.Page(60, 200, [.. Ink.Row(10, 10, 5, 10)]);
        var found = Find(ink);
        Assert.Equal(5, found.Count);
        Assert.All(found, c => Assert.Equal((30, 20), (c.Box.Height, c.Box.Width)));
    }

    [Fact]
    public void Stacked_pieces_overlapping_horizontally_merge_into_one_character()
    {
        // Four rings, then an "=": two bars with a gap between them, one box 20 wide.
        var ink = Ink.Page(60, 200, [.. Ink.Row(10, 10, 4, 10), new PixelBox(14, 130, 20, 150), new PixelBox(28, 132, 34, 150)]);
        var found = Find(ink).OrderBy(c => c.Box.Left).ToList();
        Assert.Equal(5, found.Count);
        Assert.Equal(new PixelBox(14, 130, 34, 150), found[4].Box);
        Assert.Equal(6 * 20 + 6 * 18, found[4].InkPixels);
    }

    /// <summary>Six rings 30×20 (strokes 3 px) with rows <paramref name="cutTop"/> to <paramref name="cutTop"/> + <paramref name="cut"/> erased: each falls into a top and a bottom half.</summary>
    private static BinaryImage BrokenRow(int cutTop, int cut)
    {
        var ink = Ink.Page(60, 200, [.. Ink.Row(10, 10, 6, 10)]);
        var pixels = ink.Pixels.ToArray();
        pixels.AsSpan(cutTop * 200, cut * 200).Clear();
        return new BinaryImage(60, 200, pixels);
    }

    [Fact]
    public void Letters_every_one_broken_by_a_pen_lift_are_read_whole()
    {
        // Pieces 14 and 14 px tall with 2 px between them: judged against the pieces' own median (14) the halves were too tall together
        // (30 > 1.6 × 14) and every letter came out as two characters; counted as stacks, the typical height is the letters' 30.
        var found = Find(BrokenRow(24, 2));
        Assert.Equal(6, found.Count);
        Assert.All(found, c => Assert.Equal((30, 20), (c.Box.Height, c.Box.Width)));
    }

    [Theory]
    [InlineData(2, 30)]  // halves 2 px apart (within a stroke width): one letter each
    [InlineData(8, 14)]  // 8 px apart: two pieces, each of the pieces' own height
    public void The_stacked_typical_height_joins_pieces_only_across_narrow_gaps(int gap, double expected)
    {
        var boxes = Enumerable.Range(0, 6).SelectMany(i => new[] { new PixelBox(10, 10 + (30 * i), 24, 30 + (30 * i)), new PixelBox(24 + gap, 10 + (30 * i), 38 + gap, 30 + (30 * i)) }).ToList();
        Assert.Equal(expected, CharacterFinder.TypicalStackedHeight(boxes, 3.0));
    }

    [Fact]
    public void Two_lines_of_whole_letters_close_together_stay_two_lines_of_letters()
    {
        // Letters 30 px tall in two lines 6 px apart (two stroke widths): no letter joins the one below it.
        var ink = Ink.Page(90, 200, [.. Ink.Row(10, 10, 6, 10), .. Ink.Row(46, 10, 6, 10)]);
        var found = Find(ink);
        Assert.Equal(12, found.Count);
        Assert.All(found, c => Assert.Equal(30, c.Box.Height));
        var boxes = Enumerable.Range(0, 6).SelectMany(i => new[] { new PixelBox(10, 10 + (30 * i), 40, 30 + (30 * i)), new PixelBox(46, 10 + (30 * i), 76, 30 + (30 * i)) }).ToList();
        Assert.Equal(30, CharacterFinder.TypicalStackedHeight(boxes, 3.0));
    }

    [Fact]
    public void A_broken_off_arm_beside_its_letter_joins_it_and_a_mark_apart_still_goes()
    {
        // Four rings; 2 px right of the last one an arm 8×8 (a mark: under 0.4 of the 30-px height), and 70 px further right a second
        // 8×8 mark, alone. Before, marks went before the side-by-side merge, and the arm with them.
        var ink = Ink.Page(60, 260, [.. Ink.Row(10, 10, 4, 10), new PixelBox(12, 122, 20, 130), new PixelBox(30, 200, 38, 208)]);
        var found = Find(ink).OrderBy(c => c.Box.Left).ToList();
        Assert.Equal(4, found.Count);
        Assert.Equal(new PixelBox(10, 100, 40, 130), found[3].WorkingBox);
        Assert.All(found.Take(3), c => Assert.Equal((30, 20), (c.Box.Height, c.Box.Width)));
    }

    [Fact]
    public void A_letter_cut_down_its_middle_joins_across_a_stroke_wide_gap_and_whole_letters_that_close_stay_apart()
    {
        // Five rings 30×20, 10 apart; a sixth cut by a 3-px upright band into halves 9 and 8 wide (3 px > 0.08 × 30 apart, within a
        // stroke width); then two whole rings only 3 px apart.
        var ink = Ink.Page(60, 320, [.. Ink.Row(10, 10, 5, 10), .. Ink.Ring(new PixelBox(10, 160, 40, 180)), .. Ink.Row(10, 200, 2, 3)]);
        var pixels = ink.Pixels.ToArray();
        for (int y = 10; y < 40; y++)
        {
            pixels.AsSpan((y * 320) + 169, 3).Clear();
        }

        var found = Find(new BinaryImage(60, 320, pixels)).OrderBy(c => c.Box.Left).ToList();
        Assert.Equal(8, found.Count);
        Assert.Equal(new PixelBox(10, 160, 40, 180), found[5].WorkingBox);
        Assert.Equal((20, 20), (found[6].Box.Width, found[7].Box.Width));
    }

    [Fact]
    public void Letters_each_cut_into_three_upright_pieces_come_out_whole()
    {
        // Four letters 30×34, 12 apart, each three rings 10 wide 2 px apart (a W or an M cut down its strokes). The pieces' median width is
        // 10, and two pieces together already reach 2.2 of it: before, every letter came out as two characters.
        var pieces = Enumerable.Range(0, 4).SelectMany(letter => Enumerable.Range(0, 3)
            .SelectMany(piece => Ink.Ring(new PixelBox(10, 10 + (46 * letter) + (12 * piece), 40, 20 + (46 * letter) + (12 * piece)))));
        var found = Find(Ink.Page(60, 220, [.. pieces])).OrderBy(c => c.Box.Left).ToList();
        Assert.Equal(4, found.Count);
        Assert.All(found, c => Assert.Equal((30, 34), (c.Box.Height, c.Box.Width)));
    }

    [Theory]
    [InlineData(2, 34)]  // pieces 2 px apart (within a stroke): letters 34 wide
    [InlineData(6, 10)]  // 6 px apart: the pieces' own width
    public void The_joined_typical_width_joins_pieces_only_across_a_stroke_and_within_a_letter(int gap, double expected)
    {
        var boxes = Enumerable.Range(0, 4).SelectMany(letter => Enumerable.Range(0, 3)
            .Select(piece => new PixelBox(10, 10 + (60 * letter) + ((10 + gap) * piece), 40, 20 + (60 * letter) + ((10 + gap) * piece)))).ToList();
        Assert.Equal(expected, CharacterFinder.TypicalJoinedWidth(boxes, 4.0, 30));
        // Bars a stroke wide (under two strokes) are no letters cut in two: their width stays.
        Assert.Equal(10, CharacterFinder.TypicalJoinedWidth(boxes, 6.0, 30));
    }

    [Fact]
    public void Dots_and_specks_far_below_the_character_size_are_dropped()
    {
        // "1." style: a dot 4×4 right after a ring, and a 1-pixel speck.
        var ink = Ink.Page(60, 200, [.. Ink.Row(10, 10, 4, 10), new PixelBox(36, 102, 40, 106), new PixelBox(50, 150, 51, 151)]);
        Assert.Equal(4, Find(ink).Count);
    }

    [Fact]
    public void A_blob_far_wider_than_a_character_is_split_at_the_profile_minima()
    {
        // Three rings touching through thin bridges (1 px high) form one component 3 characters wide.
        var rings = Ink.Row(10, 10, 3, 4).ToList();
        var ink = Ink.Page(60, 200, [.. rings, .. Ink.Row(10, 100, 3, 10), new PixelBox(20, 30, 21, 34), new PixelBox(20, 54, 21, 58)]);
        var found = Find(ink).OrderBy(c => c.Box.Left).ToList();
        Assert.Equal(6, found.Count);
        Assert.All(found.Take(3).Zip([10, 34, 58]), p => Assert.InRange(p.First.Box.Left, p.Second - 4, p.Second + 4));
        Assert.All(found, c => Assert.InRange(c.Box.Width, 20, 24));
    }

    [Fact]
    public void Boxes_are_scaled_back_to_photo_pixels()
    {
        var ink = Ink.Page(60, 100, [.. Ink.Row(10, 10, 2, 10)]);
        var found = CharacterFinder.FindInInk(ink, 2.0, 120, 200).OrderBy(c => c.Box.Left).ToList();
        Assert.Equal(new PixelBox(20, 20, 80, 60), found[0].Box);
        Assert.Equal(new PixelBox(10, 10, 40, 30), found[0].WorkingBox);
    }

    [Fact]
    public void Binarize_finds_dark_strokes_on_unevenly_lit_paper()
    {
        // Paper brightening from 0.5 (left) to 0.9 (right); strokes 0.25 darker than their paper.
        int h = 80, w = 300;
        var pixels = new float[h * w];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float paper = 0.5f + (0.4f * x / w);
                bool stroke = y is >= 20 and < 60 && x % 50 is >= 20 and < 25;
                pixels[(y * w) + x] = stroke ? paper - 0.25f : paper;
            }
        }

        var ink = CharacterFinder.Binarize(new FloatImage(pixels, h, w));
        var found = CharacterFinder.FindInInk(ink, 1, h, w);
        Assert.Equal(6, found.Count);
    }

    [Fact]
    public void Large_photos_are_downscaled_to_the_working_side()
    {
        var photo = new FloatImage(new float[300 * 4000], 300, 4000);
        var (working, scale) = CharacterFinder.ToWorkingSize(photo, 2000);
        Assert.Equal((150, 2000), (working.Height, working.Width));
        Assert.Equal(2.0, scale, 6);
        Assert.Same(photo, CharacterFinder.ToWorkingSize(photo, 4000).Working);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        var ink = Ink.Page(10, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => CharacterFinder.FindInInk(ink, 1, 10, 10, new CharacterFinderOptions { SplitWidth = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CharacterFinder.FindInInk(ink, 1, 10, 10, new CharacterFinderOptions { SauvolaWindow = 50 }));
        Assert.Empty(CharacterFinder.FindInInk(ink, 1, 10, 10));
    }

    [Fact]
    public void The_tallest_writing_is_the_ascenders_beside_lower_case_and_the_typical_height_among_capitals()
    {
        double[] mixed = [.. Enumerable.Repeat(20.0, 12), 36, 36, 38, 4];
        Assert.Equal(20, CharacterFinder.TypicalHeight(mixed));
        Assert.Equal(36, CharacterFinder.TallHeight(mixed));
        double[] capitals = [30, 31, 29, 30, 32, 30];
        Assert.Equal(31, CharacterFinder.TallHeight(capitals));
        Assert.Equal(30, CharacterFinder.TypicalHeight(capitals));
        Assert.Equal(12, CharacterFinder.TallHeight([12.0]));
    }
}
