using System.Globalization;
using System.Xml.Linq;
using Scrawl.Reading.Formats;

namespace Scrawl.Reading.Tests.Formats;

[Collection(FormatCollection.Name)]
public class AltoFormatTests(FormatFixture fixture)
{
    private static readonly XNamespace A = AltoFormat.Namespace;

    private static List<string> Errors(string xml) => FormatFixture.SchemaErrors(xml, "xlink.xsd", "alto-4-4.xsd");

    private static int I(XElement e, string name) => int.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    private static int[] Box(XElement e) => RoundTrip.FromLtwh(I(e, "HPOS"), I(e, "VPOS"), I(e, "WIDTH"), I(e, "HEIGHT"));

    [Fact]
    public void The_sample_and_a_handmade_page_validate_against_the_official_schema()
    {
        Assert.Empty(Errors(AltoFormat.Write(fixture.Reading, fixture.ModelName)));
        Assert.Empty(Errors(AltoFormat.Write(FormatFixture.Handmade(), "m")));
    }

    [Fact]
    public void The_validation_catches_a_broken_document()
    {
        // Without MeasurementUnit (required) and with a word confidence above 1, the schema must object: the check above can fail.
        var doc = XDocument.Parse(AltoFormat.Write(FormatFixture.Handmade(), "m"));
        doc.Descendants(A + "MeasurementUnit").Single().Remove();
        doc.Descendants(A + "String").First().SetAttributeValue("WC", "1.5");
        var errors = Errors(doc.ToString());
        Assert.Contains(errors, e => e.Contains("MeasurementUnit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("WC", StringComparison.Ordinal));
    }

    [Fact]
    public void Lines_strings_and_glyphs_read_back_as_the_json()
    {
        var doc = XDocument.Parse(AltoFormat.Write(fixture.Reading, fixture.ModelName));
        Assert.Equal("pixel", doc.Descendants(A + "MeasurementUnit").Single().Value);
        Assert.Equal(FormatFixture.Sample, doc.Descendants(A + "fileName").Single().Value);
        var page = doc.Descendants(A + "Page").Single();
        Assert.Equal((1088, 554), (I(page, "WIDTH"), I(page, "HEIGHT")));
        var back = doc.Descendants(A + "TextLine").Select(line =>
        {
            var words = line.Elements(A + "String").Select(s => new BackWord(Box(s), (string)s.Attribute("CONTENT")!,
                double.Parse((string)s.Attribute("WC")!, CultureInfo.InvariantCulture),
                [.. s.Elements(A + "Glyph").Select(g => new BackCharacter(Box(g), (string)g.Attribute("CONTENT")!,
                    double.Parse((string)g.Attribute("GC")!, CultureInfo.InvariantCulture)))])).ToList();
            Assert.Equal(words.Count - 1, line.Elements(A + "SP").Count());
            return new BackLine(Box(line), string.Join(" ", words.Select(w => w.Text)), words);
        }).ToList();
        RoundTrip.AssertSame(fixture.Lines, back, wordTolerance: 0.00005, characterTolerance: 0.00005);
    }

    [Fact]
    public void A_space_spans_the_gap_between_two_words()
    {
        var doc = XDocument.Parse(AltoFormat.Write(FormatFixture.Handmade(), "m"));
        var sp = doc.Descendants(A + "SP").Single(); // "HI&" ends at column 35, "2" starts at 50
        Assert.Equal((35, 15), (I(sp, "HPOS"), I(sp, "WIDTH")));
        Assert.Equal(["HI&", "2", "<"], doc.Descendants(A + "String").Select(s => (string)s.Attribute("CONTENT")!));
        Assert.Equal("0.5", (string)doc.Descendants(A + "String").First().Attribute("WC")!);
    }
}
