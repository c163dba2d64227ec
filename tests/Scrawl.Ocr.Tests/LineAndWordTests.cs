namespace Scrawl.Ocr.Tests;

public class LineAndWordTests
{
    [Fact]
    public void Three_slanted_rows_of_boxes_are_three_lines_in_reading_order()
    {
        // Each row climbs 0.1 px per px (≈ 6°) — over 12 boxes the drift (≈ 40 px) exceeds a box's height.
        var boxes = new List<PixelBox>();
        for (int row = 0; row < 3; row++)
        {
            for (int i = 0; i < 12; i++)
            {
                int left = 10 + (i * 35), top = 300 + (row * 60) - (left / 10) + (i % 2 * 4), height = i % 3 == 0 ? 30 : 24;
                boxes.Add(new PixelBox(top, left, top + height, left + 20));
            }
        }

        var shuffled = boxes.OrderBy(b => (b.Left * 7919) % 101).ToList();
        var lines = LineGrouper.Group(shuffled);
        Assert.Equal(3, lines.Count);
        for (int row = 0; row < 3; row++)
        {
            var expected = boxes.Skip(row * 12).Take(12).ToList();
            Assert.Equal(expected, lines[row].Select(i => shuffled[i]));
        }
    }

    [Fact]
    public void No_boxes_no_lines_and_one_box_one_line()
    {
        Assert.Empty(LineGrouper.Group([]));
        Assert.Single(LineGrouper.Group([new PixelBox(0, 0, 10, 10)]));
    }

    [Theory]
    [InlineData(new[] { 5, 6, 4, 40, 5, 7, 45, 6 }, "xxxx xxx xx")] // letter gaps ≈ 0.2 h, word gaps ≈ 1.5 h
    [InlineData(new[] { 20, 28, 22, 25 }, "x x x x x")] // isolated letters: one cluster of large gaps
    [InlineData(new[] { 5, 8, 4, 6 }, "xxxxx")] // one word: one cluster of small gaps
    [InlineData(new int[0], "x")]
    public void Gaps_much_larger_than_the_letter_gaps_separate_words(int[] gaps, string expected)
    {
        var boxes = new List<PixelBox> { new(0, 0, 30, 20) };
        foreach (int gap in gaps)
        {
            int left = boxes[^1].Right + gap;
            boxes.Add(new PixelBox(0, left, 30, left + 20));
        }

        var words = WordSplitter.Split(boxes);
        Assert.Equal(expected, string.Join(" ", words.Select(w => new string('x', w.Count))));
        Assert.Equal(Enumerable.Range(0, boxes.Count), words.SelectMany(w => w));
    }

    [Fact]
    public void Page_assembles_lines_words_and_characters()
    {
        var ink = Ink.Page(200, 400, [.. Ink.Row(20, 10, 3, 6), .. Ink.Row(20, 130, 2, 6), .. Ink.Row(100, 10, 4, 40)]);
        var characters = CharacterFinder.FindInInk(ink, 1, 200, 400);
        var page = PageSegmenter.Assemble(200, 400, characters);
        Assert.Equal([[3, 2], [1, 1, 1, 1]], page.Lines.Select(l => l.Words.Select(w => w.Characters.Count).ToArray()).ToArray());
        Assert.Equal(new PixelBox(20, 10, 50, 176), page.Lines[0].Box);
        Assert.Equal(9, page.Characters.Count());
    }
}
