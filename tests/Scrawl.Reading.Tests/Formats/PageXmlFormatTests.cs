using System.Globalization;
using System.Xml.Linq;
using Scrawl.Reading.Formats;

namespace Scrawl.Reading.Tests.Formats;

[Collection(FormatCollection.Name)]
public class PageXmlFormatTests(FormatFixture fixture)
{
    private static readonly XNamespace P = PageXmlFormat.Namespace;

    private static readonly DateTime Created = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static List<string> Errors(string xml) => FormatFixture.SchemaErrors(xml, "pagecontent-2019-07-15.xsd");

    /// <summary>[top, left, bottom, right] of an element's Coords (its four corners).</summary>
    private static int[] Box(XElement e)
    {
        var points = ((string)e.Element(P + "Coords")!.Attribute("points")!).Split(' ')
            .Select(p => p.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(4, points.Length);
        return [points.Min(p => p[1]), points.Min(p => p[0]), points.Max(p => p[1]), points.Max(p => p[0])];
    }

    private static (string Text, double Confidence) Equiv(XElement e)
    {
        var equiv = e.Element(P + "TextEquiv")!;
        return (equiv.Element(P + "Unicode")!.Value, double.Parse((string)equiv.Attribute("conf")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_sample_and_a_handmade_page_validate_against_the_official_schema()
    {
        Assert.Empty(Errors(PageXmlFormat.Write(fixture.Reading, fixture.ModelName, Created)));
        Assert.Empty(Errors(PageXmlFormat.Write(FormatFixture.Handmade(), "m", Created)));
    }

    [Fact]
    public void The_validation_catches_a_broken_document()
    {
        var doc = XDocument.Parse(PageXmlFormat.Write(FormatFixture.Handmade(), "m", Created));
        doc.Descendants(P + "Word").First().Element(P + "Coords")!.Remove();
        Assert.NotEmpty(Errors(doc.ToString()));
    }

    [Fact]
    public void Lines_words_and_glyphs_read_back_as_the_json()
    {
        var doc = XDocument.Parse(PageXmlFormat.Write(fixture.Reading, fixture.ModelName, Created));
        var page = doc.Descendants(P + "Page").Single();
        Assert.Equal((FormatFixture.Sample, "1088", "554"), ((string)page.Attribute("imageFilename")!, (string)page.Attribute("imageWidth")!, (string)page.Attribute("imageHeight")!));
        Assert.Equal("2026-01-02T03:04:05Z", doc.Descendants(P + "Created").Single().Value);
        var back = doc.Descendants(P + "TextLine").Select(line => new BackLine(Box(line), Equiv(line).Text,
            [.. line.Elements(P + "Word").Select(w => new BackWord(Box(w), Equiv(w).Text, Equiv(w).Confidence,
                [.. w.Elements(P + "Glyph").Select(g => new BackCharacter(Box(g), Equiv(g).Text, Equiv(g).Confidence))]))])).ToList();
        RoundTrip.AssertSame(fixture.Lines, back, wordTolerance: 0.00005, characterTolerance: 0.00005);
        Assert.Equal(fixture.Reading.Text, Equiv(doc.Descendants(P + "TextRegion").Single()).Text);
    }

    [Fact]
    public void A_page_with_nothing_read_has_no_region_and_still_validates()
    {
        var empty = FormatFixture.Handmade() with { Result = new Scrawl.Ocr.OcrResult(100, 80, []) };
        string xml = PageXmlFormat.Write(empty, "m", Created);
        Assert.Empty(Errors(xml));
        Assert.Empty(XDocument.Parse(xml).Descendants(P + "TextRegion"));
        Assert.Empty(FormatFixture.SchemaErrors(AltoFormat.Write(empty, "m"), "xlink.xsd", "alto-4-4.xsd"));
    }
}
