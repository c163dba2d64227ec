using System.Numerics;

namespace Scrawl.Data.Synthesis;

/// <summary>
/// One glyph of a Hershey stroke font: pen strokes (polylines) in font units, x to the right and
/// y <b>down</b> (the cap height of the Roman fonts spans y = −12…9), plus the advance bounds.
/// </summary>
/// <param name="Number">The glyph number from the file (0–99999; 12345 in files that do not number glyphs).</param>
/// <param name="Left">Left bound (advance start) in font units, relative to the glyph's centre line.</param>
/// <param name="Right">Right bound (advance end) in font units.</param>
/// <param name="VertexCount">The vertex count as written in the file: bounds pair + points + pen-ups (≥ 1).</param>
/// <param name="Strokes">The pen strokes, each a polyline of ≥ 1 point; empty for a blank glyph.</param>
public sealed record HersheyGlyph(int Number, int Left, int Right, int VertexCount, IReadOnlyList<Vector2[]> Strokes)
{
    /// <summary>The smallest box around all stroke points as (minX, minY, maxX, maxY); all zero for a blank glyph.</summary>
    public (float MinX, float MinY, float MaxX, float MaxY) Bounds()
    {
        if (Strokes.Count == 0)
        {
            return (0, 0, 0, 0);
        }

        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var stroke in Strokes)
        {
            foreach (var p in stroke)
            {
                minX = MathF.Min(minX, p.X);
                minY = MathF.Min(minY, p.Y);
                maxX = MathF.Max(maxX, p.X);
                maxY = MathF.Max(maxY, p.Y);
            }
        }

        return (minX, minY, maxX, maxY);
    }
}

/// <summary>
/// A Hershey font in James Hurt's ".jhf" text format: per glyph a 5-character number, a 3-character
/// vertex count, then that many coordinate pairs, each character's code minus 'R' giving a
/// coordinate; the first pair is the left/right bound, the pair " R" lifts the pen. A glyph may wrap
/// over several lines. The fonts shipped with Scrawl hold the 96 printable ASCII characters from
/// space (32) in order, so glyph i is character 32 + i.
/// </summary>
public sealed class HersheyFont
{
    private const int FirstCharacter = 32;

    private HersheyFont(string name, IReadOnlyList<HersheyGlyph> glyphs)
    {
        Name = name;
        Glyphs = glyphs;
    }

    /// <summary>The font's name, e.g. "futural".</summary>
    public string Name { get; }

    /// <summary>The glyphs in file order.</summary>
    public IReadOnlyList<HersheyGlyph> Glyphs { get; }

    /// <summary>The glyph of a printable ASCII character (' '…'~' when the font has all 96 glyphs).</summary>
    public HersheyGlyph this[char character]
    {
        get
        {
            int index = character - FirstCharacter;
            if ((uint)index >= (uint)Glyphs.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(character), $"Font {Name} has no glyph for '{character}'.");
            }

            return Glyphs[index];
        }
    }

    /// <summary>Parses .jhf text (any line endings); throws <see cref="FormatException"/> naming the glyph on bad data.</summary>
    public static HersheyFont Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var glyphs = new List<HersheyGlyph>();
        int line = 0;
        while (line < lines.Length)
        {
            if (lines[line].Trim().Length == 0)
            {
                line++;
                continue;
            }

            int firstLine = line;
            string header = lines[line];
            if (header.Length < 8)
            {
                throw new FormatException($"{name}, line {firstLine + 1}: a glyph header needs 8 characters (number and vertex count).");
            }

            int number = ParseField(header.AsSpan(0, 5), name, firstLine, "glyph number");
            int count = ParseField(header.AsSpan(5, 3), name, firstLine, "vertex count");
            if (count < 1)
            {
                throw new FormatException($"{name}, line {firstLine + 1}: glyph {number} has vertex count {count}; at least the bounds pair is needed.");
            }

            // Gather 2·count data characters, continuing over wrapped lines.
            var data = new System.Text.StringBuilder(header.Length > 8 ? header[8..] : string.Empty);
            line++;
            while (data.Length < 2 * count && line < lines.Length)
            {
                data.Append(lines[line]);
                line++;
            }

            if (data.Length < 2 * count)
            {
                throw new FormatException($"{name}, line {firstLine + 1}: glyph {number} declares {count} vertices but the file ends after {data.Length / 2}.");
            }

            glyphs.Add(ParseGlyph(data.ToString(0, 2 * count), number, count));
        }

        return new HersheyFont(name, glyphs);
    }

    /// <summary>Loads a font shipped inside Scrawl.Data by name (see <see cref="BuiltInNames"/>), e.g. "futural".</summary>
    public static HersheyFont LoadBuiltIn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var assembly = typeof(HersheyFont).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name + ".jhf")
            ?? throw new ArgumentException($"No built-in Hershey font '{name}'; available: {string.Join(", ", BuiltInNames)}.", nameof(name));
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        return Parse(reader.ReadToEnd(), name);
    }

    /// <summary>Names of the fonts embedded in Scrawl.Data (vendored from Debian's hershey-fonts-data).</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        [.. typeof(HersheyFont).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".jhf", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^4])
            .Order(StringComparer.Ordinal)];

    private const string ResourcePrefix = "Scrawl.Data.Synthesis.Hershey.";

    private static int ParseField(ReadOnlySpan<char> field, string name, int line, string what)
    {
        var trimmed = field.Trim();
        if (trimmed.Length == 0)
        {
            return 0;
        }

        if (!int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value))
        {
            throw new FormatException($"{name}, line {line + 1}: the {what} '{field.ToString()}' is not a number.");
        }

        return value;
    }

    private static HersheyGlyph ParseGlyph(string data, int number, int count)
    {
        int left = data[0] - 'R';
        int right = data[1] - 'R';
        var strokes = new List<Vector2[]>();
        var current = new List<Vector2>();
        for (int i = 1; i < count; i++)
        {
            char cx = data[2 * i], cy = data[(2 * i) + 1];
            if (cx == ' ' && cy == 'R')
            {
                Flush();
                continue;
            }

            current.Add(new Vector2(cx - 'R', cy - 'R'));
        }

        Flush();
        return new HersheyGlyph(number, left, right, count, strokes);

        void Flush()
        {
            if (current.Count > 0)
            {
                strokes.Add([.. current]);
                current.Clear();
            }
        }
    }
}
