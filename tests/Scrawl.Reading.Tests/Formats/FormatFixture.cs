using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Scrawl.Ocr;

namespace Scrawl.Reading.Tests.Formats;

/// <summary>A word as every format is read back: box [top, left, bottom, right], text, confidence in [0, 1], and its characters.</summary>
public sealed record BackWord(int[] Box, string Text, double Confidence, IReadOnlyList<BackCharacter> Characters);

/// <summary>A character read back: box, label, confidence in [0, 1].</summary>
public sealed record BackCharacter(int[] Box, string Label, double Confidence);

/// <summary>A line read back: box, text, words.</summary>
public sealed record BackLine(int[] Box, string Text, IReadOnlyList<BackWord> Words);

/// <summary>The shipped sample read once by the shipped model, its JSON as the reference every format is checked against, and the official schemas.</summary>
public sealed class FormatFixture : IDisposable
{
    public FormatFixture()
    {
        using var reader = PhotoReader.Open();
        Reading = reader.Read(Sample);
        ModelName = reader.ModelName;
        Json = JsonDocument.Parse(ReadingJson.Serialize([Reading], ModelName));
        Lines = [.. Json.RootElement.GetProperty("lines").EnumerateArray().Select(l => new BackLine(Box(l), l.GetProperty("text").GetString()!,
            [.. l.GetProperty("words").EnumerateArray().Select(w => new BackWord(Box(w), w.GetProperty("text").GetString()!, w.GetProperty("confidence").GetDouble(),
                [.. w.GetProperty("characters").EnumerateArray().Select(c => new BackCharacter(Box(c), c.GetProperty("label").GetString()!, c.GetProperty("confidence").GetDouble()))]))]))];
    }

    public static string Sample => ModelLocator.FindRepositoryFile(Path.Combine("samples", "sample-page.jpg"))
        ?? throw new FileNotFoundException("samples/sample-page.jpg not found above the test folder");

    public PhotoReading Reading { get; }

    public string ModelName { get; }

    public JsonDocument Json { get; }

    /// <summary>The reference: lines, words and characters as the JSON gives them.</summary>
    public IReadOnlyList<BackLine> Lines { get; }

    /// <summary>The folder of the official schemas (../shared/schemas beside the repository).</summary>
    public static string SchemaFolder => ModelLocator.FindRepositoryFile(Path.Combine("shared", "schemas", "README.md")) is { } readme
        ? Path.GetDirectoryName(readme)!
        : throw new FileNotFoundException("shared/schemas/README.md not found above the test folder");

    /// <summary>The schema errors of <paramref name="xml"/> against the given official schema files (xlink.xsd added first so that ALTO's import resolves offline).</summary>
    public static List<string> SchemaErrors(string xml, params string[] schemaFiles)
    {
        var schemas = new XmlSchemaSet { XmlResolver = null };
        foreach (string file in schemaFiles)
        {
            using var stream = XmlReader.Create(Path.Combine(SchemaFolder, file), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            schemas.Add(XmlSchema.Read(stream, null)!);
        }

        schemas.Compile();
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, XmlResolver = null };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    /// <summary>Parses an XML or XHTML document without fetching its DTD.</summary>
    public static XDocument Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        return XDocument.Load(reader);
    }

    /// <summary>A small reading built by hand: two lines, a name that needs escaping, known confidences and probabilities.</summary>
    public static PhotoReading Handmade(string name = "a <b> & 'c'.jpg")
    {
        static ReadCharacter C(int top, int left, string label, double p) =>
            new(new PixelBox(top, left, top + 20, left + 10), label, p, label, p) { Probabilities = [new(label, p), new("Z", 1 - p)] };
        var hello = new ReadWord(new PixelBox(10, 5, 30, 35), [C(10, 5, "H", 0.9), C(10, 15, "I", 0.5), C(11, 25, "&", 0.75)]);
        var two = new ReadWord(new PixelBox(10, 50, 31, 60), [C(11, 50, "2", 0.99)]);
        var last = new ReadWord(new PixelBox(50, 5, 70, 15), [C(50, 5, "<", 0.3)]);
        var result = new OcrResult(100, 80, [new ReadLine(new PixelBox(10, 5, 31, 60), [hello, two]), new ReadLine(new PixelBox(50, 5, 70, 15), [last])]);
        return new PhotoReading(name, result, result, new ReadingTimings(0, 0, 0), PageGeometry.Identity(100, 80));
    }

    public void Dispose() => Json.Dispose();

    private static int[] Box(JsonElement e) => [.. e.GetProperty("box").EnumerateArray().Select(v => v.GetInt32())];
}

/// <summary>The sample's readings shared by the format tests.</summary>
[CollectionDefinition(Name)]
public sealed class FormatCollection : ICollectionFixture<FormatFixture>
{
    public const string Name = "formats";
}
