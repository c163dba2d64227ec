using System.Globalization;
using System.Xml.Linq;
using Scrawl.Ocr;
using static Scrawl.Reading.Formats.FormatLayout;

namespace Scrawl.Reading.Formats;

/// <summary>
/// PAGE XML 2019-07-15 (namespace <see cref="Namespace"/>): <c>Metadata</c> (creator, creation time), then a <c>Page</c> (file name and size)
/// holding one <c>TextRegion</c> that encloses the lines → a <c>TextLine</c> per line (with its <c>Baseline</c>) → a <c>Word</c> per word →
/// a <c>Glyph</c> per character. Every element has <c>Coords</c> whose points are its box's corners <c>left,top right,top right,bottom
/// left,bottom</c> in the photo's pixels (right and bottom one past the last column and row) and a <c>TextEquiv</c> with the text and
/// <c>conf</c> in [0, 1]: the character's, the word's (its least confident character's), the line's and the region's (their characters'
/// mean). Validates against the official pagecontent-2019-07-15.xsd.
/// </summary>
public static class PageXmlFormat
{
    /// <summary>The PAGE 2019-07-15 namespace.</summary>
    public static readonly XNamespace Namespace = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15";

    /// <summary>Where the schema is published (the document's xsi:schemaLocation).</summary>
    public const string SchemaLocation = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15/pagecontent.xsd";

    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The PAGE document of one photo read; <paramref name="modelName"/> goes into the creator, <paramref name="createdUtc"/> is the document's creation time.</summary>
    public static string Write(PhotoReading reading, string modelName, DateTime createdUtc)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(modelName);
        var result = reading.Result;
        string created = createdUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var metadata = new XElement(Namespace + "Metadata",
            new XElement(Namespace + "Creator", $"Scrawl (model {Path.GetFileName(modelName)})"),
            new XElement(Namespace + "Created", created),
            new XElement(Namespace + "LastChange", created));
        var page = new XElement(Namespace + "Page", new XAttribute("imageFilename", reading.Name),
            new XAttribute("imageWidth", Int(result.Width)), new XAttribute("imageHeight", Int(result.Height)));
        if (Block(result) is { } block)
        {
            var characters = result.Characters.ToList();
            page.Add(new XElement(Namespace + "TextRegion", new XAttribute("id", "r1"), Coords(block),
                result.Lines.Select((line, l) => Line(line, $"r1_l{l + 1}")),
                TextEquiv(characters.Average(c => c.Confidence), result.Text)));
        }

        var root = new XElement(Namespace + "PcGts", new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
            new XAttribute(Xsi + "schemaLocation", $"{Namespace.NamespaceName} {SchemaLocation}"), metadata, page);
        return XmlText.Serialize(new XDocument(root));
    }

    /// <summary>The <c>points</c> of a box: its four corners, clockwise from the top left.</summary>
    public static string Points(PixelBox box) =>
        $"{Int(box.Left)},{Int(box.Top)} {Int(box.Right)},{Int(box.Top)} {Int(box.Right)},{Int(box.Bottom)} {Int(box.Left)},{Int(box.Bottom)}";

    private static XElement Line(ReadLine line, string id)
    {
        var (slope, offset) = Baseline(line);
        double y0 = line.Box.Bottom + offset, y1 = y0 + (slope * line.Box.Width);
        string baseline = $"{Int(line.Box.Left)},{Int(Clamp(y0))} {Int(line.Box.Right)},{Int(Clamp(y1))}";
        return new XElement(Namespace + "TextLine", new XAttribute("id", id), Coords(line.Box),
            new XElement(Namespace + "Baseline", new XAttribute("points", baseline)),
            line.Words.Select((word, w) => Word(word, $"{id}_w{w + 1}")),
            TextEquiv(line.Confidence, line.Text));
    }

    private static XElement Word(ReadWord word, string id) =>
        new(Namespace + "Word", new XAttribute("id", id), Coords(word.Box),
            word.Characters.Select((c, i) => new XElement(Namespace + "Glyph", new XAttribute("id", $"{id}_g{i + 1}"), Coords(c.Box), TextEquiv(c.Confidence, c.Label))),
            TextEquiv(word.Confidence, word.Text));

    private static XElement Coords(PixelBox box) => new(Namespace + "Coords", new XAttribute("points", Points(box)));

    private static XElement TextEquiv(double confidence, string text) =>
        new(Namespace + "TextEquiv", new XAttribute("conf", Number(confidence, 4)), new XElement(Namespace + "Unicode", text));

    private static int Clamp(double y) => Math.Max(0, (int)Math.Round(y));
}
