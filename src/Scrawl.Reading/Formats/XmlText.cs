using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Scrawl.Reading.Formats;

/// <summary>Serialises the XML formats the same way: UTF-8 without a byte-order mark, indented, a newline at the end.</summary>
internal static class XmlText
{
    /// <summary>The document as indented UTF-8 text with its XML declaration.</summary>
    public static string Serialize(XDocument document)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>An empty text node: as an element's first child it keeps the writer from indenting that element's children (no whitespace inside a word).</summary>
    public static XText Inline() => new("");
}
