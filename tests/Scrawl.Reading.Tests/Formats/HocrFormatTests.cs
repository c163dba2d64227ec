using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Scrawl.Reading.Formats;

namespace Scrawl.Reading.Tests.Formats;

[Collection(FormatCollection.Name)]
public partial class HocrFormatTests(FormatFixture fixture)
{
    private static readonly XNamespace H = "http://www.w3.org/1999/xhtml";

    private static IEnumerable<XElement> OfClass(XContainer root, string name) => root.Descendants().Where(e => (string?)e.Attribute("class") == name);

    /// <summary>The value of property <paramref name="name"/> in an hOCR title.</summary>
    private static string Property(XElement e, string name) =>
        ((string)e.Attribute("title")!).Split(';').Select(p => p.Trim()).Single(p => p.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..];

    private static int[] Corners(string value)
    {
        var v = value.Split(' ').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return RoundTrip.FromCorners(v[0], v[1], v[2], v[3]);
    }

    [Fact]
    public void It_is_xhtml_with_the_page_and_the_meta_hocr_readers_need()
    {
        var doc = FormatFixture.Parse(HocrFormat.Write([fixture.Reading], fixture.ModelName));
        Assert.Equal(H + "html", doc.Root!.Name);
        var metas = doc.Descendants(H + "meta").ToDictionary(m => (string?)m.Attribute("name") ?? "", m => (string)m.Attribute("content")!);
        Assert.StartsWith("scrawl", metas["ocr-system"], StringComparison.Ordinal);
        Assert.Equal(["ocr_page", "ocr_carea", "ocr_par", "ocr_line", "ocrx_word", "ocrp_wconf", "ocrx_cinfo"], metas["ocr-capabilities"].Split(' '));
        var page = Assert.Single(OfClass(doc, "ocr_page"));
        Assert.Equal("div", page.Name.LocalName);
        Assert.Equal($"image '{FormatFixture.Sample}'; bbox 0 0 1088 554; ppageno 0", (string)page.Attribute("title")!);
        Assert.Single(OfClass(page, "ocr_carea"));
        Assert.Equal("p", Assert.Single(OfClass(page, "ocr_par")).Name.LocalName);
        Assert.All(doc.Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id is not null).GroupBy(id => id), g => Assert.Single(g));
    }

    [Fact]
    public void Lines_words_and_characters_read_back_as_the_json()
    {
        var doc = FormatFixture.Parse(HocrFormat.Write([fixture.Reading], fixture.ModelName));
        var back = OfClass(doc, "ocr_line").Select(line =>
        {
            var words = OfClass(line, "ocrx_word").Select(w => new BackWord(Corners(Property(w, "bbox")), w.Value,
                int.Parse(Property(w, "x_wconf"), CultureInfo.InvariantCulture) / 100.0,
                [.. OfClass(w, "ocrx_cinfo").Select(c => new BackCharacter(Corners(Property(c, "x_bboxes")), c.Value,
                    double.Parse(Property(c, "x_conf"), CultureInfo.InvariantCulture) / 100))])).ToList();
            return new BackLine(Corners(Property(line, "bbox")), string.Join(" ", words.Select(w => w.Text)), words);
        }).ToList();
        // x_wconf is a whole percent (half a percent of rounding) of the word's confidence, which the JSON gives to four decimals (half of 0.0001 more).
        RoundTrip.AssertSame(fixture.Lines, back, wordTolerance: 0.00505, characterTolerance: 0.00005);
    }

    [Fact]
    public void A_lines_baseline_lies_at_its_characters_feet_and_x_size_is_their_height()
    {
        var doc = FormatFixture.Parse(HocrFormat.Write([FormatFixture.Handmade()], "m"));
        var first = OfClass(doc, "ocr_line").First();
        Assert.Matches(BaselineValue(), Property(first, "baseline"));
        // Character feet at rows 30, 30, 31, 31 (x centres 10, 20, 30, 55 from the line's left 5): the fit passes at 30.0… above the box bottom 31.
        var parts = Property(first, "baseline").Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(parts[0], 0.01, 0.03);
        Assert.Equal(-1, parts[1]);
        Assert.Equal("20", Property(first, "x_size"));
    }

    [Fact]
    public void Names_and_labels_are_escaped_and_several_photos_are_pages_of_one_document()
    {
        var page = FormatFixture.Handmade();
        string hocr = HocrFormat.Write([page, page with { Name = "two.png" }], "m");
        var doc = FormatFixture.Parse(hocr);
        var pages = OfClass(doc, "ocr_page").ToList();
        Assert.Equal(2, pages.Count);
        Assert.Equal("image 'a <b> & 'c'.jpg'; bbox 0 0 80 100; ppageno 0", (string)pages[0].Attribute("title")!);
        Assert.EndsWith("ppageno 1", (string)pages[1].Attribute("title")!, StringComparison.Ordinal);
        Assert.Equal(["HI&", "2", "<", "HI&", "2", "<"], OfClass(doc, "ocrx_word").Select(w => w.Value));
        Assert.Equal(["50", "99", "30"], OfClass(pages[0], "ocrx_word").Select(w => Property(w, "x_wconf")));
    }

    [GeneratedRegex(@"^-?\d+(\.\d+)? -?\d+$")]
    private static partial Regex BaselineValue();
}
