using Scrawl.Imaging;
using SkiaSharp;

namespace Scrawl.Media;

/// <summary>Turns an image as encoded into the upright picture its EXIF orientation describes: an exact permutation of its pixels.</summary>
internal static class ExifOrientation
{
    /// <summary>
    /// Writes the upright picture of <paramref name="encoded"/> (one channel, as stored in the file) into <paramref name="upright"/>, which must be
    /// its size after the orientation (width and height swapped for the four orientations that turn by 90°), and returns it.
    /// </summary>
    public static FloatImage Upright(FloatImage encoded, SKEncodedOrigin origin, FloatImage upright)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(upright);
        int h = encoded.Height, w = encoded.Width;
        bool swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        if (encoded.Channels != 1 || upright.Channels != 1 || (upright.Height, upright.Width) != (swaps ? (w, h) : (h, w)))
        {
            throw new ArgumentException($"A {encoded.Height}×{encoded.Width} one-channel image turns into {(swaps ? w : h)}×{(swaps ? h : w)}, not {upright.Height}×{upright.Width}×{upright.Channels}.");
        }

        // Where the encoded pixel (x, y) lands upright, ux = ax·x + bx·y + cx and uy = ay·x + by·y + cy (the matrices of
        // SkiaImageDecoder, on pixel centres), as one index step per x, one per y and an offset.
        var (ax, bx, cx, ay, by, cy) = origin switch
        {
            SKEncodedOrigin.TopRight => (-1, 0, w - 1, 0, 1, 0),
            SKEncodedOrigin.BottomRight => (-1, 0, w - 1, 0, -1, h - 1),
            SKEncodedOrigin.BottomLeft => (1, 0, 0, 0, -1, h - 1),
            SKEncodedOrigin.LeftTop => (0, 1, 0, 1, 0, 0),
            SKEncodedOrigin.RightTop => (0, -1, h - 1, 1, 0, 0),
            SKEncodedOrigin.RightBottom => (0, -1, h - 1, -1, 0, w - 1),
            SKEncodedOrigin.LeftBottom => (0, 1, 0, -1, 0, w - 1),
            _ => (1, 0, 0, 0, 1, 0),
        };
        int uw = upright.Width;
        int perX = (ay * uw) + ax, perY = (by * uw) + bx, offset = (cy * uw) + cx;
        var from = encoded.Pixels;
        var to = upright.Pixels;
        for (int y = 0; y < h; y++)
        {
            int target = offset + (perY * y);
            var row = from.AsSpan(y * w, w);
            for (int x = 0; x < row.Length; x++, target += perX)
            {
                to[target] = row[x];
            }
        }

        return upright;
    }
}
