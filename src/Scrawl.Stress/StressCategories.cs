namespace Scrawl.Stress;

/// <summary>The categories of the robustness benchmark, in report order: the clean control, the photo troubles of issue #15, the paper troubles of issue #22.</summary>
public static class StressCategories
{
    /// <summary>Every category, in report order (names unique, lower-case).</summary>
    public static IReadOnlyList<StressCategory> All { get; } =
    [
        new("clean", "the page as it is (control)", PhotoCategories.Clean),
        new("rotate", "turned 90°, 180° or 270° (no EXIF tag)", PhotoCategories.Rotate),
        new("tilt", "tilted ±3…±15° on a canvas of the page's own border tone", PhotoCategories.Tilt),
        new("perspective", "phone held at an angle: 8–25 % keystone on one side, corners jittered, desk around", PhotoCategories.Perspective),
        new("background", "page shrunk to 40–80 % of the frame with a soft shadow on wood, fabric, a keyboard edge or another sheet", PhotoCategories.Background),
        new("pen", "a pen or pencil lying across the page, with its shadow", PhotoCategories.Pen),
        new("fingers", "the page edge and 1–3 fingers in view", PhotoCategories.Fingers),
        new("small", "downscaled to 300–800 px on the longer side", PhotoCategories.Small),
        new("jpeg", "JPEG quality 20–50", PhotoCategories.Jpeg),
        new("light", "uneven light: a gradient and a soft shadow", PhotoCategories.Light),
        new("ghost", "faint ghost strokes of other handwriting (an erased whiteboard)", PhotoCategories.Ghost),
        new("alpha", "PNG with alpha: transparent outside the page", PhotoCategories.Alpha),
        new("ruled", "ruled lines 1.1–1.9 character heights apart (a whole number per measured text line; half the variants along the baselines), blue or grey, with or without a red margin", PaperCategories.Ruled),
        new("grid", "grid paper", PaperCategories.Grid),
        new("dotgrid", "dot-grid paper", PaperCategories.DotGrid),
        new("holes", "hole punches or a spiral binding at the edge", PaperCategories.Holes),
        new("hardshadow", "a hard-edged shadow across part of the page", PaperCategories.HardShadow),
        new("colorcast", "blue/purple screen light or warm tungsten, with a gradient", PaperCategories.ColorCast),
        new("showthrough", "faint mirrored writing from the other side", PaperCategories.ShowThrough),
        new("exif", "pixels stored turned, EXIF Orientation 3, 6 or 8", PaperCategories.Exif),
    ];

    /// <summary>The categories named in <paramref name="names"/> (comma-separated, case-insensitive; null or empty = all), in report order; unknown names raise <see cref="ArgumentException"/> listing the valid ones.</summary>
    public static IReadOnlyList<StressCategory> Select(string? names)
    {
        if (string.IsNullOrWhiteSpace(names))
        {
            return All;
        }

        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToHashSet();
        var unknown = wanted.Where(n => All.All(c => c.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown categor{(unknown.Count == 1 ? "y" : "ies")} {string.Join(", ", unknown)}; valid: {string.Join(",", All.Select(c => c.Name))}.", nameof(names));
        }

        return [.. All.Where(c => wanted.Contains(c.Name))];
    }
}
