using System.Xml.Linq;
using Scrawl.Ocr;
using static Scrawl.Reading.Formats.FormatLayout;

namespace Scrawl.Reading.Formats;

/// <summary>
/// hOCR 1.2 (kba.github.io/hocr-spec/1.2) as XHTML: per photo a <c>div.ocr_page</c> (<c>title="image 'NAME'; bbox 0 0 W H; ppageno N"</c>),
/// one <c>div.ocr_carea</c> and one <c>p.ocr_par</c> enclosing the lines, a <c>span.ocr_line</c> per line (<c>bbox; baseline slope offset;
/// x_size</c>, see <see cref="FormatLayout.Baseline"/>), a <c>span.ocrx_word</c> per word (<c>bbox; x_wconf</c> 0–100, the word's confidence
/// rounded) and a <c>span.ocrx_cinfo</c> per character (<c>x_bboxes; x_conf</c> 0–100, two decimals) holding its label, with no whitespace
/// inside a word. Boxes are <c>x0 y0 x1 y1</c> in the photo's pixels (x1, y1 one past the last column and row). The head names the
/// system and its capabilities in <c>ocr-system</c> and <c>ocr-capabilities</c> meta elements.
/// </summary>
public static class HocrFormat
{
    /// <summary>The XHTML namespace every hOCR element is in.</summary>
    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    /// <summary>The capabilities this writer uses, as listed in the <c>ocr-capabilities</c> meta element.</summary>
    public const string Capabilities = "ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf ocrx_cinfo";

    /// <summary>One hOCR document for <paramref name="readings"/> (one <c>ocr_page</c> each, <c>ppageno</c> 0, 1, …); <paramref name="modelName"/> goes into the <c>ocr-system</c> meta.</summary>
    public static string Write(IReadOnlyList<PhotoReading> readings, string modelName)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(modelName);
        var head = new XElement(Xhtml + "head",
            new XElement(Xhtml + "title", readings.Count == 1 ? readings[0].Name : ""),
            new XElement(Xhtml + "meta", new XAttribute("http-equiv", "Content-Type"), new XAttribute("content", "text/html;charset=utf-8")),
            new XElement(Xhtml + "meta", new XAttribute("name", "ocr-system"), new XAttribute("content", $"scrawl (model {Path.GetFileName(modelName)})")),
            new XElement(Xhtml + "meta", new XAttribute("name", "ocr-capabilities"), new XAttribute("content", Capabilities)),
            new XElement(Xhtml + "meta", new XAttribute("name", "ocr-number-of-pages"), new XAttribute("content", Int(readings.Count))));
        var body = new XElement(Xhtml + "body", readings.Select((r, i) => Page(r, i + 1)));
        var html = new XElement(Xhtml + "html", new XAttribute(XNamespace.Xml + "lang", "en"), new XAttribute("lang", "en"), head, body);
        var document = new XDocument(
            new XDocumentType("html", "-//W3C//DTD XHTML 1.0 Transitional//EN", "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd", null), html);
        return XmlText.Serialize(document);
    }

    /// <summary>The <c>x0 y0 x1 y1</c> of a box.</summary>
    public static string BoundingBox(PixelBox box) => $"{Int(box.Left)} {Int(box.Top)} {Int(box.Right)} {Int(box.Bottom)}";

    private static XElement Page(PhotoReading reading, int page)
    {
        var result = reading.Result;
        var div = new XElement(Xhtml + "div", Class("ocr_page"), Id($"page_{page}"),
            Title($"image '{reading.Name}'; bbox 0 0 {Int(result.Width)} {Int(result.Height)}; ppageno {Int(page - 1)}"));
        if (Block(result) is not { } block)
        {
            return div;
        }

        var paragraph = new XElement(Xhtml + "p", Class("ocr_par"), Id($"par_{page}_1"), Title($"bbox {BoundingBox(block)}"));
        int wordNumber = 0;
        for (int l = 0; l < result.Lines.Count; l++)
        {
            var line = result.Lines[l];
            var (slope, offset) = Baseline(line);
            var span = new XElement(Xhtml + "span", Class("ocr_line"), Id($"line_{page}_{l + 1}"),
                Title($"bbox {BoundingBox(line.Box)}; baseline {Number(slope, 4)} {Number(offset, 0)}; x_size {Number(CharacterSize(line), 1)}"));
            foreach (var word in line.Words)
            {
                wordNumber++;
                span.Add(new XElement(Xhtml + "span", Class("ocrx_word"), Id($"word_{page}_{wordNumber}"),
                    Title($"bbox {BoundingBox(word.Box)}; x_wconf {Int((int)Math.Round(word.Confidence * 100))}"),
                    XmlText.Inline(),
                    word.Characters.Select(c => new XElement(Xhtml + "span", Class("ocrx_cinfo"),
                        Title($"x_bboxes {BoundingBox(c.Box)}; x_conf {Number(c.Confidence * 100, 2)}"), c.Label))));
            }

            paragraph.Add(span);
        }

        div.Add(new XElement(Xhtml + "div", Class("ocr_carea"), Id($"block_{page}_1"), Title($"bbox {BoundingBox(block)}"), paragraph));
        return div;
    }

    private static XAttribute Class(string name) => new("class", name);

    private static XAttribute Id(string id) => new("id", id);

    private static XAttribute Title(string properties) => new("title", properties);
}
