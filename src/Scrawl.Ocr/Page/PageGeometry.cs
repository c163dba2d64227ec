using Scrawl.Imaging.Geometry;

namespace Scrawl.Ocr;

/// <summary>
/// How the working image is made from the photo: one <see cref="Homography"/> from working pixels to photo pixels that chains the
/// sheet's perspective (when a sheet was found), the quarter turns, the tilt and the scale, so the photo is resampled once.
/// </summary>
/// <param name="ToPhoto">Working coordinates → photo coordinates.</param>
/// <param name="Height">Working image rows (≥ 1).</param>
/// <param name="Width">Working image columns (≥ 1).</param>
/// <param name="Page">The sheet found, or null when the whole photo is read.</param>
/// <param name="QuarterTurns">Quarter turns (0–3) of the photo's content counter-clockwise that bring the text upright.</param>
/// <param name="SkewDegrees">The lines' measured tilt that was straightened (degrees; positive runs down to the right), 0 when none.</param>
/// <param name="Scale">Working pixels per photo pixel (&gt; 0; above 1 for small photos read enlarged).</param>
/// <param name="CharacterHeight">The measured typical character height in photo pixels, or null when none was measured.</param>
/// <param name="Paper">The paper's grey level in [0, 1], used for the working image's area outside the photo or sheet.</param>
public sealed record PageGeometry(Homography ToPhoto, int Height, int Width, PageQuad? Page, int QuarterTurns, double SkewDegrees, double Scale, double? CharacterHeight, float Paper)
{
    /// <summary>True when the working image is the photo itself (nothing to resample).</summary>
    public bool IsIdentity => ToPhoto.IsIdentity;

    /// <summary>The whole photo, as it is.</summary>
    public static PageGeometry Identity(int height, int width, double? characterHeight = null, float paper = 1f) =>
        new(Homography.Identity, height, width, null, 0, 0, 1, characterHeight, paper);

    /// <summary>The box in photo pixels that encloses working box <paramref name="box"/> mapped through <see cref="ToPhoto"/>, clamped to a <paramref name="photoHeight"/>×<paramref name="photoWidth"/> photo.</summary>
    public PixelBox ToPhotoBox(PixelBox box, int photoHeight, int photoWidth)
    {
        if (IsIdentity)
        {
            return box;
        }

        (double X, double Y)[] corners =
        [
            ToPhoto.Map(box.Left, box.Top), ToPhoto.Map(box.Right, box.Top), ToPhoto.Map(box.Right, box.Bottom), ToPhoto.Map(box.Left, box.Bottom),
        ];
        int top = Math.Clamp((int)Math.Floor(corners.Min(c => c.Y)), 0, photoHeight - 1);
        int left = Math.Clamp((int)Math.Floor(corners.Min(c => c.X)), 0, photoWidth - 1);
        int bottom = Math.Clamp((int)Math.Ceiling(corners.Max(c => c.Y)), top + 1, photoHeight);
        int right = Math.Clamp((int)Math.Ceiling(corners.Max(c => c.X)), left + 1, photoWidth);
        return new PixelBox(top, left, bottom, right);
    }

    /// <summary>A result read in the working image with every box in the photo's pixels (<paramref name="photoHeight"/>×<paramref name="photoWidth"/>).</summary>
    public OcrResult ToPhotoResult(OcrResult working, int photoHeight, int photoWidth)
    {
        ArgumentNullException.ThrowIfNull(working);
        if (IsIdentity)
        {
            return working;
        }

        return working.MapBoxes(photoHeight, photoWidth, b => ToPhotoBox(b, photoHeight, photoWidth));
    }
}
