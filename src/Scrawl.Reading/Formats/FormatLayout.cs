using System.Globalization;
using Scrawl.Ocr;

namespace Scrawl.Reading.Formats;

/// <summary>
/// What the layout formats share: Scrawl finds no columns or paragraphs, so a page holds one text block (and one paragraph) that
/// encloses all its lines; invariant number formatting; the baseline and character size of a line.
/// </summary>
internal static class FormatLayout
{
    /// <summary>The box of the page's one text block: the union of its line boxes; null when nothing was read.</summary>
    public static PixelBox? Block(OcrResult result) =>
        result.Lines.Count == 0 ? null : result.Lines.Skip(1).Aggregate(result.Lines[0].Box, (box, line) => box.Union(line.Box));

    /// <summary>An integer in invariant digits.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number with at most <paramref name="decimals"/> decimals in invariant digits (no exponent, no trailing zeros).</summary>
    public static string Number(double value, int decimals)
    {
        double rounded = Math.Round(value, decimals);
        return (rounded == 0 ? 0 : rounded).ToString(decimals > 0 ? "0." + new string('#', decimals) : "0", CultureInfo.InvariantCulture); // never "-0"
    }

    /// <summary>
    /// The line's baseline as <c>y = Slope · (x − Left) + Offset + Bottom</c> in the photo's pixels (y down): a least-squares fit through the
    /// bottom centres of its characters (block letters stand on the baseline), so <c>Offset</c> ≤ 0 is the baseline's height above the line box's
    /// bottom at its left edge, as hOCR's <c>baseline</c> property gives it. One character: a level line through its bottom.
    /// </summary>
    public static (double Slope, double Offset) Baseline(ReadLine line)
    {
        var points = line.Words.SelectMany(w => w.Characters).Select(c => (X: c.Box.CentreX - line.Box.Left, Y: (double)c.Box.Bottom)).ToList();
        double meanX = points.Average(p => p.X), meanY = points.Average(p => p.Y);
        double sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX)), sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        double slope = sxx > 0 ? sxy / sxx : 0;
        return (slope, meanY - (slope * meanX) - line.Box.Bottom);
    }

    /// <summary>The line's character size in pixels: the median height of its character boxes (hOCR's <c>x_size</c>).</summary>
    public static double CharacterSize(ReadLine line)
    {
        var heights = line.Words.SelectMany(w => w.Characters).Select(c => c.Box.Height).Order().ToArray();
        return heights.Length % 2 == 1 ? heights[heights.Length / 2] : (heights[(heights.Length / 2) - 1] + heights[heights.Length / 2]) / 2.0;
    }

    /// <summary>Text safe for one TSV field: tabs and line breaks become spaces.</summary>
    public static string Field(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
