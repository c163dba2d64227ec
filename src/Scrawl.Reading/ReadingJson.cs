using System.Text.Json;
using Scrawl.Ocr;

namespace Scrawl.Reading;

/// <summary>
/// The JSON form of OCR results: page → lines → words → characters, boxes as [top, left, bottom, right] in photo pixels, confidences in [0, 1]
/// (a word's is its least confident character's, a line's and the page's their characters' mean), and per character its
/// <see cref="Alternatives"/> most probable classes.
/// </summary>
public static class ReadingJson
{
    /// <summary>How many of a character's most probable classes the JSON lists under <c>alternatives</c>.</summary>
    public const int Alternatives = 3;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>One object for one photo, an array of objects for several (<paramref name="modelPath"/> names the model in each).</summary>
    public static string Serialize(IReadOnlyList<PhotoReading> readings, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(readings);
        return readings.Count == 1
            ? JsonSerializer.Serialize(Page(readings[0], modelPath), Indented)
            : JsonSerializer.Serialize(readings.Select(r => Page(r, modelPath)).ToArray(), Indented);
    }

    private static Dictionary<string, object> Page(PhotoReading reading, string modelPath)
    {
        var r = reading.Result;
        return new()
        {
            ["file"] = reading.Name,
            ["model"] = modelPath,
            ["height"] = r.Height,
            ["width"] = r.Width,
            ["text"] = r.Text,
            ["confidence"] = Round(reading.Confidence),
            ["unsure"] = reading.Unsure,
            ["characterHeight"] = reading.CharacterHeight is { } height ? Math.Round(height, 1) : null!,
            ["rotation"] = reading.RotationDegrees,
            ["skew"] = Math.Round(reading.Geometry.SkewDegrees, 2),
            ["page"] = reading.PageCorners is { } corners ? corners.Select(c => new[] { Math.Round(c.X, 1), Math.Round(c.Y, 1) }).ToArray() : null!,
            ["lines"] = r.Lines.Select(l => new Dictionary<string, object>
            {
                ["text"] = l.Text,
                ["box"] = Box(l.Box),
                ["confidence"] = Round(l.Confidence),
                ["words"] = l.Words.Select(w => new Dictionary<string, object>
                {
                    ["text"] = w.Text,
                    ["box"] = Box(w.Box),
                    ["confidence"] = Round(w.Confidence),
                    ["characters"] = w.Characters.Select(c => new Dictionary<string, object>
                    {
                        ["label"] = c.Label,
                        ["box"] = Box(c.Box),
                        ["confidence"] = Round(c.Confidence),
                        ["top_label"] = c.TopLabel,
                        ["top_confidence"] = Round(c.TopConfidence),
                        ["alternatives"] = c.Probabilities.Take(Alternatives).Select(g => new Dictionary<string, object>
                        {
                            ["label"] = g.Label,
                            ["confidence"] = Round(g.Probability),
                        }).ToArray(),
                    }).ToArray(),
                }).ToArray(),
            }).ToArray(),
        };
    }

    private static int[] Box(PixelBox b) => [b.Top, b.Left, b.Bottom, b.Right];

    private static double Round(double v) => Math.Round(v, 4);
}
