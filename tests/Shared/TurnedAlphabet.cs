using Scrawl.Imaging;
using Scrawl.Media;
using Scrawl.Ocr;

namespace Scrawl.Tests.Shared;

/// <summary>
/// A synthetic page of the capitals and digits in order (the layout of the shared 02_letters photo), turned by quarter turns, as PNG
/// bytes (linked into the test projects that need it). Turned by a half turn many capitals read as lower case (U as n, P as d, M as W),
/// which fooled the mixed-case model's orientation check (issue #23): seed 3 is a page it kept upside down.
/// </summary>
internal static class TurnedAlphabet
{
    /// <summary>The page's text, one line per written line.</summary>
    public static string Truth { get; } = "A B C D E F G\nH I J K L M N\nO P Q R S T U\nV W X Y Z\n1 2 3 4 5 6 7 8 9 0";

    /// <summary>The page rendered with <paramref name="seed"/> and turned clockwise by <paramref name="quarters"/> (0–3) quarter turns, as a grey PNG.</summary>
    public static byte[] Png(long seed, int quarters)
    {
        var page = SyntheticPage.Render(Truth.Split('\n'), seed);
        for (int q = 0; q < quarters; q++)
        {
            page = Clockwise(page);
        }

        return PngImage.Encode(page);
    }

    /// <summary>A grey image turned a quarter turn clockwise: pixel (y, x) moves to (x, height − 1 − y).</summary>
    private static FloatImage Clockwise(FloatImage image)
    {
        int h = image.Height, w = image.Width;
        var turned = new FloatImage(w, h);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                turned.Pixels[(x * h) + (h - 1 - y)] = image.Pixels[(y * w) + x];
            }
        }

        return turned;
    }
}
