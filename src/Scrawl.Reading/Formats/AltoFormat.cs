using System.Xml.Linq;
using Scrawl.Ocr;
using static Scrawl.Reading.Formats.FormatLayout;

namespace Scrawl.Reading.Formats;

/// <summary>
/// ALTO XML 4.4 (namespace <see cref="Namespace"/>) in pixel units: <c>Description</c> (MeasurementUnit <c>pixel</c>, the photo's file name,
/// the software), then <c>Layout/Page</c> (the photo's size) → <c>PrintSpace</c> (the whole photo) → one <c>TextBlock</c> enclosing the lines →
/// a <c>TextLine</c> per line → a <c>String</c> per word (<c>CONTENT</c>, <c>WC</c> the word's confidence in [0, 1]) with an <c>SP</c> between
/// words and a <c>Glyph</c> per character (<c>CONTENT</c>, <c>GC</c> its confidence in [0, 1]). Every element has <c>HPOS VPOS WIDTH HEIGHT</c>:
/// left, top, width and height in the photo's pixels. Validates against the official alto-4-4.xsd.
/// </summary>
public static class AltoFormat
{
    /// <summary>The ALTO 4 namespace.</summary>
    public static readonly XNamespace Namespace = "http://www.loc.gov/standards/alto/ns-v4#";

    /// <summary>Where the ALTO 4.4 schema is published (the document's xsi:schemaLocation).</summary>
    public const string SchemaLocation = "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd";

    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The ALTO document of one photo read; <paramref name="modelName"/> goes into the processing step's settings.</summary>
    public static string Write(PhotoReading reading, string modelName)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(modelName);
        var result = reading.Result;
        var description = new XElement(Namespace + "Description",
            new XElement(Namespace + "MeasurementUnit", "pixel"),
            new XElement(Namespace + "sourceImageInformation", new XElement(Namespace + "fileName", reading.Name)),
            new XElement(Namespace + "Processing", new XAttribute("ID", "processing_1"),
                new XElement(Namespace + "processingCategory", "contentGeneration"),
                new XElement(Namespace + "processingStepSettings", $"model: {Path.GetFileName(modelName)}"),
                new XElement(Namespace + "processingSoftware", new XElement(Namespace + "softwareName", "Scrawl"))));
        var printSpace = new XElement(Namespace + "PrintSpace", Position(new PixelBox(0, 0, result.Height, result.Width)));
        if (Block(result) is { } block)
        {
            printSpace.Add(new XElement(Namespace + "TextBlock", new XAttribute("ID", "block_1"), Position(block),
                result.Lines.Select((line, l) => Line(line, l + 1))));
        }

        var page = new XElement(Namespace + "Page", new XAttribute("ID", "page_1"), new XAttribute("PHYSICAL_IMG_NR", "1"),
            new XAttribute("HEIGHT", Int(result.Height)), new XAttribute("WIDTH", Int(result.Width)), printSpace);
        // xlink is declared because the schema gives TextBlock a default xlink:type attribute.
        var alto = new XElement(Namespace + "alto", new XAttribute(XNamespace.Xmlns + "xlink", "http://www.w3.org/1999/xlink"), new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
            new XAttribute(Xsi + "schemaLocation", $"{Namespace.NamespaceName} {SchemaLocation}"), new XAttribute("SCHEMAVERSION", "4.4"),
            description, new XElement(Namespace + "Layout", page));
        return XmlText.Serialize(new XDocument(alto));
    }

    private static XElement Line(ReadLine line, int number)
    {
        var element = new XElement(Namespace + "TextLine", new XAttribute("ID", $"line_{number}"), Position(line.Box));
        for (int w = 0; w < line.Words.Count; w++)
        {
            var word = line.Words[w];
            if (w > 0)
            {
                // The gap between the previous word and this one.
                var before = line.Words[w - 1].Box;
                element.Add(new XElement(Namespace + "SP", new XAttribute("HPOS", Int(before.Right)), new XAttribute("VPOS", Int(line.Box.Top)),
                    new XAttribute("WIDTH", Int(Math.Max(0, word.Box.Left - before.Right))), new XAttribute("HEIGHT", Int(line.Box.Height))));
            }

            element.Add(new XElement(Namespace + "String", new XAttribute("ID", $"string_{number}_{w + 1}"), Position(word.Box),
                new XAttribute("CONTENT", word.Text), new XAttribute("WC", Number(word.Confidence, 4)),
                word.Characters.Where(c => c.Label.Length == 1).Select(c => new XElement(Namespace + "Glyph", Position(c.Box),
                    new XAttribute("CONTENT", c.Label), new XAttribute("GC", Number(c.Confidence, 4))))));
        }

        return element;
    }

    private static XAttribute[] Position(PixelBox box) =>
    [
        new("HPOS", Int(box.Left)), new("VPOS", Int(box.Top)), new("WIDTH", Int(box.Width)), new("HEIGHT", Int(box.Height)),
    ];
}
