using System.Globalization;
using Scrawl.Reading.Formats;

namespace Scrawl.Reading.Tests.Formats;

[Collection(FormatCollection.Name)]
public class TsvFormatTests(FormatFixture fixture)
{
    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void The_header_and_levels_are_tesseracts()
    {
        string[] rows = TsvFormat.Write([fixture.Reading]).Split('\n');
        Assert.Equal("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext", rows[0]);
        Assert.Equal("", rows[^1]); // every row ends with a newline
        var cells = rows[1..^1].Select(r => r.Split('\t')).ToList();
        Assert.All(cells, c => Assert.Equal(12, c.Length));
        Assert.Equal(["1", "1", "0", "0", "0", "0", "0", "0", "1088", "554", "-1", ""], cells[0]);
        Assert.Equal("2", cells[1][0]);
        Assert.Equal("3", cells[2][0]);
        int lines = fixture.Lines.Count, words = fixture.Lines.Sum(l => l.Words.Count);
        Assert.Equal(3 + lines + words, cells.Count);
        Assert.Equal(lines, cells.Count(c => c[0] == "4"));
        Assert.All(cells.Where(c => c[0] != "5"), c => Assert.Equal(("-1", ""), (c[10], c[11])));
        Assert.All(cells.Where(c => c[0] == "5"), c => Assert.InRange(Parse(c[10]), 0, 100));
    }

    [Fact]
    public void Lines_and_words_read_back_as_the_json()
    {
        var cells = TsvFormat.Write([fixture.Reading]).Split('\n')[1..^1].Select(r => r.Split('\t')).ToList();
        int[] Box(string[] c) => RoundTrip.FromLtwh(int.Parse(c[6], CultureInfo.InvariantCulture), int.Parse(c[7], CultureInfo.InvariantCulture),
            int.Parse(c[8], CultureInfo.InvariantCulture), int.Parse(c[9], CultureInfo.InvariantCulture));
        var back = cells.Where(c => c[0] == "4").Select(line =>
        {
            var words = cells.Where(c => c[0] == "5" && c[4] == line[4]).Select(w => new BackWord(Box(w), w[11], Parse(w[10]) / 100, [])).ToList();
            return new BackLine(Box(line), string.Join(" ", words.Select(w => w.Text)), words);
        }).ToList();
        RoundTrip.AssertSame(fixture.Lines, back, wordTolerance: 0.00005, characterTolerance: 0, characters: false);
    }

    [Fact]
    public void Several_photos_share_one_header_and_count_pages_from_one()
    {
        var page = FormatFixture.Handmade();
        string[] rows = TsvFormat.Write([page, page with { Name = "second.jpg" }]).TrimEnd('\n').Split('\n');
        Assert.Single(rows, r => r.StartsWith("level", StringComparison.Ordinal));
        Assert.Equal(["1", "2"], rows.Skip(1).Where(r => r.StartsWith("1\t", StringComparison.Ordinal)).Select(r => r.Split('\t')[1]));
        // The hand-made words: "HI&" with least character confidence 0.5, "2" at 0.99, "<" at 0.3; the second line's word is number 1 of line 2.
        Assert.Contains("5\t1\t1\t1\t1\t1\t5\t10\t30\t20\t50\tHI&", rows);
        Assert.Contains("5\t2\t1\t1\t2\t1\t5\t50\t10\t20\t30\t<", rows);
    }
}
