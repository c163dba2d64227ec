namespace Scrawl.Reading.Formats;

/// <summary>The forms a reading can be written in (<see cref="OutputFormats"/> parses their names and writes them).</summary>
public enum OutputFormat
{
    /// <summary><c>txt</c>: one line per text line, words separated by one space.</summary>
    Text,

    /// <summary><c>json</c>: the hierarchy page → lines → words → characters (<see cref="ReadingJson"/>).</summary>
    Json,

    /// <summary><c>tsv</c>: Tesseract's TSV, one row per page, block, paragraph, line and word (<see cref="TsvFormat"/>).</summary>
    Tsv,

    /// <summary><c>hocr</c>: hOCR 1.2 in XHTML, down to characters (<see cref="HocrFormat"/>).</summary>
    Hocr,

    /// <summary><c>alto</c>: ALTO XML 4.4 in pixel units, down to glyphs (<see cref="AltoFormat"/>).</summary>
    Alto,

    /// <summary><c>page</c>: PAGE XML 2019-07-15, down to glyphs (<see cref="PageXmlFormat"/>).</summary>
    Page,
}

/// <summary>Names, file extensions and writers of the <see cref="OutputFormat"/>s.</summary>
public static class OutputFormats
{
    /// <summary>The names <see cref="Parse"/> accepts, in the order of <see cref="OutputFormat"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["txt", "json", "tsv", "hocr", "alto", "page"];

    /// <summary>The format called <paramref name="name"/> (one of <see cref="Names"/>, case-insensitive); <see cref="ArgumentException"/> naming the valid ones otherwise.</summary>
    public static OutputFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return (OutputFormat)i;
            }
        }

        throw new ArgumentException($"--format '{name}': expected one of {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>The name of <paramref name="format"/> (txt, json, tsv, hocr, alto, page).</summary>
    public static string Name(OutputFormat format) => Names[(int)Checked(format)];

    /// <summary>The file extension, without the dot, of one image's result in <paramref name="format"/>: txt, json, tsv, hocr, alto.xml, page.xml.</summary>
    public static string Extension(OutputFormat format) => Checked(format) switch
    {
        OutputFormat.Alto => "alto.xml",
        OutputFormat.Page => "page.xml",
        _ => Name(format),
    };

    /// <summary>True when one document of <paramref name="format"/> can hold several photos (txt, json, tsv, hocr); ALTO and PAGE files here hold one photo each.</summary>
    public static bool HoldsSeveralPhotos(OutputFormat format) => Checked(format) is not (OutputFormat.Alto or OutputFormat.Page);

    /// <summary>
    /// The document of <paramref name="readings"/> (at least one; exactly one for ALTO and PAGE) in <paramref name="format"/>, ending with a newline;
    /// <paramref name="modelName"/> names the model, <paramref name="createdUtc"/> is the PAGE document's creation time (default: now).
    /// </summary>
    public static string Write(OutputFormat format, IReadOnlyList<PhotoReading> readings, string modelName, DateTime? createdUtc = null)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        if (readings.Count == 0 || (readings.Count > 1 && !HoldsSeveralPhotos(format)))
        {
            throw new ArgumentException($"A {Name(format)} document holds {(HoldsSeveralPhotos(format) ? "at least one photo" : "exactly one photo")}; got {readings.Count}.", nameof(readings));
        }

        return Checked(format) switch
        {
            OutputFormat.Text => string.Concat(readings.Select(r => TextFormat.Write(r, header: readings.Count > 1))),
            OutputFormat.Json => ReadingJson.Serialize(readings, modelName) + "\n",
            OutputFormat.Tsv => TsvFormat.Write(readings),
            OutputFormat.Hocr => HocrFormat.Write(readings, modelName),
            OutputFormat.Alto => AltoFormat.Write(readings[0], modelName),
            _ => PageXmlFormat.Write(readings[0], modelName, createdUtc ?? DateTime.UtcNow),
        };
    }

    /// <summary>Writes one photo's document in <paramref name="format"/> to <paramref name="path"/> atomically (a temporary file, then a rename): readers never see half a file.</summary>
    public static void Save(OutputFormat format, PhotoReading reading, string modelName, string path)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Scrawl.Numerics.AtomicFile.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(Write(format, [reading], modelName)));
    }

    private static OutputFormat Checked(OutputFormat format) =>
        Enum.IsDefined(format) ? format : throw new ArgumentOutOfRangeException(nameof(format), format, "Not an output format.");
}
