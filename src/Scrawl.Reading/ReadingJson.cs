using System.Text.Json;
using System.Text.Json.Serialization;
using Scrawl.Ocr;

namespace Scrawl.Reading;

/// <summary>
/// The JSON form of OCR results: page → lines → words → characters, boxes as [top, left, bottom, right] in photo pixels, confidences in [0, 1]
/// (a word's is its least confident character's, a line's and the page's their characters' mean), and per character its
/// <see cref="Alternatives"/> most probable classes. Written through compile-time generated serializers (<see cref="ReadingJsonContext"/>):
/// no reflection, so it works trimmed and compiled ahead of time.
/// </summary>
public static class ReadingJson
{
    /// <summary>How many of a character's most probable classes the JSON lists under <c>alternatives</c>.</summary>
    public const int Alternatives = 3;

    /// <summary>One object for one photo, an array of objects for several (<paramref name="modelPath"/> names the model in each).</summary>
    public static string Serialize(IReadOnlyList<PhotoReading> readings, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(readings);
        return readings.Count == 1
            ? JsonSerializer.Serialize(Page(readings[0], modelPath), ReadingJsonContext.Default.PageJson)
            : JsonSerializer.Serialize([.. readings.Select(r => Page(r, modelPath))], ReadingJsonContext.Default.PageJsonArray);
    }

    private static PageJson Page(PhotoReading reading, string modelPath)
    {
        var r = reading.Result;
        return new(reading.Name, modelPath, r.Height, r.Width, r.Text, Round(reading.Confidence), reading.Unsure,
            reading.CharacterHeight is { } height ? Math.Round(height, 1) : null, reading.RotationDegrees, Math.Round(reading.Geometry.SkewDegrees, 2),
            reading.PageCorners is { } corners ? [.. corners.Select(c => new[] { Math.Round(c.X, 1), Math.Round(c.Y, 1) })] : null,
            [.. r.Lines.Select(l => new LineJson(l.Text, Box(l.Box), Round(l.Confidence),
                [.. l.Words.Select(w => new WordJson(w.Text, Box(w.Box), Round(w.Confidence),
                    [.. w.Characters.Select(c => new CharacterJson(c.Label, Box(c.Box), Round(c.Confidence), c.TopLabel, Round(c.TopConfidence),
                        [.. c.Probabilities.Take(Alternatives).Select(g => new AlternativeJson(g.Label, Round(g.Probability)))]))]))]))]);
    }

    private static int[] Box(PixelBox b) => [b.Top, b.Left, b.Bottom, b.Right];

    private static double Round(double v) => Math.Round(v, 4);
}

/// <summary>One photo's reading as JSON (properties in the order written).</summary>
internal sealed record PageJson(
    string File, string Model, int Height, int Width, string Text, double Confidence, bool Unsure, double? CharacterHeight,
    int Rotation, double Skew, double[][]? Page, LineJson[] Lines);

/// <summary>One text line as JSON.</summary>
internal sealed record LineJson(string Text, int[] Box, double Confidence, WordJson[] Words);

/// <summary>One word as JSON.</summary>
internal sealed record WordJson(string Text, int[] Box, double Confidence, CharacterJson[] Characters);

/// <summary>One character as JSON: its label, box and confidence, the classifier's own top class, and the most probable classes.</summary>
internal sealed record CharacterJson(
    string Label, int[] Box, double Confidence,
    [property: JsonPropertyName("top_label")] string TopLabel,
    [property: JsonPropertyName("top_confidence")] double TopConfidence,
    AlternativeJson[] Alternatives);

/// <summary>One of a character's most probable classes as JSON.</summary>
internal sealed record AlternativeJson(string Label, double Confidence);

/// <summary>The serializers of the reading JSON, generated at compile time: indented, camelCase names (two snake_case ones are named explicitly).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PageJson))]
[JsonSerializable(typeof(PageJson[]))]
internal sealed partial class ReadingJsonContext : JsonSerializerContext;
