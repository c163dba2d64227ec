using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// One character found on a page: its box in the photo's own pixels, and its ink as a mask at the
/// finder's working scale (the photo may have been downscaled for speed).
/// </summary>
/// <param name="Box">The character's box in the original photo's pixels.</param>
/// <param name="WorkingBox">The same box at working scale; <paramref name="Mask"/> covers exactly this box.</param>
/// <param name="Mask">The character's ink (1) inside <paramref name="WorkingBox"/>, other characters' ink left out.</param>
public sealed record InkCharacter(PixelBox Box, PixelBox WorkingBox, BinaryImage Mask)
{
    /// <summary>Number of ink pixels in the mask (≥ 0).</summary>
    public int InkPixels => Mask.Count();
}
