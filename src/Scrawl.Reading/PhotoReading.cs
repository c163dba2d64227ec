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

    /// <summary>
    /// The smallest median character height (photo pixels) read without a warning: on the robustness benchmark, pages whose
    /// characters are about 10 pixels tall read at 20–30 % CER (one-pixel strokes break apart) while those of 20 pixels and more
    /// read like the clean pages.
    /// </summary>
    public const double ReadableCharacterHeight = 16;

    /// <summary>The median height of the characters read, in the photo's pixels; null when nothing was read.</summary>
    public double? CharacterHeight => Result.Characters.Count() is var n and > 0
        ? Result.Characters.Select(c => (double)c.Box.Height).Order().ElementAt(n / 2)
        : null;

    /// <summary>True when the characters read are smaller than <see cref="ReadableCharacterHeight"/>: too small to read reliably.</summary>
    public bool SmallCharacters => CharacterHeight < ReadableCharacterHeight;

    /// <summary>
    /// True when a person should look at this page: nothing was read, the characters' mean confidence is below
    /// <see cref="ConfidentPage"/>, or they are too small to read reliably (<see cref="SmallCharacters"/>).
    /// </summary>
    public bool Unsure => Confidence < ConfidentPage || SmallCharacters;

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
