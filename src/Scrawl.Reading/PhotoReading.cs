using Scrawl.Ocr;

namespace Scrawl.Reading;

/// <summary>One photo read: the result in the photo's own pixels, the same at the working size it was read at, and the time each stage took.</summary>
/// <param name="Name">The photo's path, or the name given for a stream or bytes.</param>
/// <param name="Result">Page → lines → words → characters, boxes in the photo's upright pixels.</param>
/// <param name="Working">The same result with boxes at the working size (for drawing on the decoded image).</param>
/// <param name="Timings">Seconds per stage.</param>
/// <param name="Geometry">How the photo was read: sheet, quarter turns, tilt, scale (coordinates of the decoded image, <see cref="Working"/>'s frame).</param>
public sealed record PhotoReading(string Name, OcrResult Result, OcrResult Working, ReadingTimings Timings, PageGeometry Geometry)
{
    /// <summary>The text: one line per text line, words separated by one space.</summary>
    public string Text => Result.Text;

    /// <summary>The least mean character confidence (in [0, 1]) of a page that is read without a warning.</summary>
    public const double ConfidentPage = 0.75;

    /// <summary>The mean confidence of the page's characters, in [0, 1]; 0 when nothing was read.</summary>
    public double Confidence => Result.Characters.Select(c => c.Confidence).DefaultIfEmpty(0).Average();

    /// <summary>True when a person should look at this page: nothing was read, or the characters' mean confidence is below <see cref="ConfidentPage"/>.</summary>
    public bool Unsure => Confidence < ConfidentPage;

    /// <summary>Clockwise degrees (0, 90, 180 or 270) the photo was turned to read it upright.</summary>
    public int RotationDegrees => (360 - (90 * Geometry.QuarterTurns)) % 360;

    /// <summary>The sheet's corners (x, y) in the photo's pixels, top left first, clockwise; null when the whole photo was read.</summary>
    public IReadOnlyList<(double X, double Y)>? PageCorners => Geometry.Page?.Corners
        .Select(c => (c.X * Result.Width / Working.Width, c.Y * Result.Height / Working.Height)).ToList();
}

/// <summary>Seconds (≥ 0) spent in each stage of reading one photo.</summary>
/// <param name="DecodeSeconds">File or stream → grey image at the working size.</param>
/// <param name="SegmentSeconds">Grey image → characters, lines, words.</param>
/// <param name="ClassifySeconds">Crops, classification and context decoding.</param>
public sealed record ReadingTimings(double DecodeSeconds, double SegmentSeconds, double ClassifySeconds)
{
    /// <summary>The sum of the stages.</summary>
    public double TotalSeconds => DecodeSeconds + SegmentSeconds + ClassifySeconds;
}
