using Scrawl.Imaging;
using Scrawl.Ocr.Case;
using Scrawl.Ocr.Training;

namespace Scrawl.Ocr.Tests.Case;

/// <summary>Mixed-case decisions on synthetic boxes and probability vectors: line geometry decides size twins, word case decides l/I.</summary>
public class CaseDecoderTests
{
    private static readonly IReadOnlyList<string> Names = MixedCaseData.ClassNames;

    /// <summary>A probability vector split evenly between <paramref name="classes"/> (sure of one).</summary>
    private static float[] P(params string[] classes)
    {
        var p = new float[Names.Count];
        foreach (string c in classes)
        {
            p[Names.ToList().IndexOf(c)] = 1f / classes.Length;
        }

        return p;
    }

    /// <summary>A one-line page: each character a box standing on baseline 100 (or hanging <paramref name="feet"/> below it), <paramref name="tops"/> pixels tall above it, 30 px apart.</summary>
    private static OcrPage Line(int[] tops, int[]? feet = null, int[]? words = null)
    {
        words ??= [tops.Length];
        var chars = new List<OcrCharacter>();
        for (int i = 0; i < tops.Length; i++)
        {
            var box = new PixelBox(100 - tops[i], 30 * i, 100 + (feet?[i] ?? 0), (30 * i) + 20);
            chars.Add(new OcrCharacter(box, new InkCharacter(box, box, new BinaryImage(box.Height, box.Width, new byte[box.Height * box.Width]))));
        }

        var wordList = new List<OcrWord>();
        int at = 0;
        foreach (int count in words)
        {
            var members = chars.Skip(at).Take(count).ToList();
            wordList.Add(new OcrWord(PixelBox.Enclosing(members.Select(c => c.Box)), members));
            at += count;
        }

        return new OcrPage(300, 1000, [new OcrLine(PixelBox.Enclosing(chars.Select(c => c.Box)), wordList)]);
    }

    private static string Read(OcrPage page, float[][] p)
    {
        var adjusted = CaseDecoder.Adjust(page, p, Names);
        var words = new List<string>();
        int next = 0;
        foreach (var word in page.Lines[0].Words)
        {
            var chosen = CaseDecoder.DecodeWord(adjusted[next..(next + word.Characters.Count)], Names);
            words.Add(string.Concat(chosen.Select(c => Names[c])));
            next += word.Characters.Count;
        }

        return string.Join(' ', words);
    }

    [Theory]
    [InlineData(30, "hec")] // as tall as the e: lower case
    [InlineData(50, "heC")] // as tall as the h: a capital (the word model's cost is paid: the geometry is clear)
    public void Size_twins_are_decided_by_height_against_the_line(int twinHeight, string expected)
    {
        // h (ascender, 50 px), e (x-height, 30 px), then a glyph the classifier cannot place: c or C.
        var page = Line([50, 30, twinHeight]);
        Assert.Equal(expected, Read(page, [P("h"), P("e"), P("c", "C")]));
    }

    [Fact]
    public void Descenders_decide_q_against_9_and_p_against_P()
    {
        // "ape" with its p hanging below the baseline, and "9" on it in a digit word.
        var page = Line([30, 30, 30, 50, 50], feet: [0, 18, 0, 0, 0], words: [3, 2]);
        Assert.Equal("ape 19", Read(page, [P("a"), P("p", "P"), P("e"), P("1", "l", "I"), P("9", "q", "g")]));
    }

    [Fact]
    public void Word_case_decides_l_against_I()
    {
        // "lazy" in lower case and "LIST" in capitals, all ascenders/capitals equally tall, the l/I/1 glyph split three ways.
        var page = Line([50, 30, 30, 30, 50, 50, 50, 50], feet: [0, 0, 0, 18, 0, 0, 0, 0], words: [4, 4]);
        float[][] p = [P("l", "I", "1"), P("a"), P("z", "Z"), P("y", "Y"), P("L"), P("l", "I", "1"), P("S", "s"), P("T")];
        Assert.Equal("lazy LIST", Read(page, p));
    }

    [Fact]
    public void A_line_of_capitals_stays_in_capitals()
    {
        // "COW": every glyph a size twin, all as tall as each other; no line shows lower case, so the page's cap height is the height.
        var page = Line([50, 50, 50, 50], words: [1, 3]);
        Assert.Equal("A COW", Read(page, [P("A"), P("C", "c"), P("O", "o", "0"), P("W", "w")]));
    }

    [Fact]
    public void Geometry_comes_from_unambiguous_glyphs_only()
    {
        // Baseline 100 with a slight slope; tall h and l at 50 px, short a, e, n at 30; the size twins o and s are ignored.
        var boxes = new[] { (50, 0), (30, 0), (30, 0), (50, 0), (30, 0), (30, 0) }
            .Select((t, i) => new PixelBox(100 + i - t.Item1, 30 * i, 100 + i, (30 * i) + 20)).ToList();
        float[][] p = [P("h"), P("a"), P("o", "O"), P("l"), P("e"), P("s", "S")];
        var kinds = HeightKinds.Of(Names);
        bool[] evidence = [.. Names.Select(n => !HeightKinds.SizeAmbiguous.Contains(n, StringComparison.Ordinal))];
        var line = LineGeometryEstimator.Estimate(boxes, p, kinds, evidence);
        Assert.InRange(line.Slope, 1 / 30.0 - 0.001, 1 / 30.0 + 0.001);
        Assert.InRange(line.CapHeight!.Value, 49, 51);
        Assert.InRange(line.XHeight!.Value, 29, 31);
        Assert.Null(line.Descender);
        var full = Assert.Single(LineGeometryEstimator.Complete([line]));
        Assert.InRange(full.Descender!.Value, 0.39 * 50, 0.41 * 50); // the default ratio when no descender is seen
        Assert.True(full.Fit(boxes[2], HeightKind.Short) > 0.9 && full.Fit(boxes[2], HeightKind.Tall) < 0.01);
    }
}
