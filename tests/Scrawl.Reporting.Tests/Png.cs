using SkiaSharp;

namespace Scrawl.Reporting.Tests;

/// <summary>Decodes figure PNGs and measures where ink was drawn.</summary>
internal static class Png
{
    public static SKBitmap Decode(byte[] png)
    {
        Assert.True(png.Length > 8 && png[0] == 0x89 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "not a PNG signature");
        return SKBitmap.Decode(png) ?? throw new InvalidDataException("SkiaSharp could not decode the PNG.");
    }

    /// <summary>Pixels darker than mid-grey inside the rectangle (x0, y0)–(x1, y1), exclusive ends.</summary>
    public static int DarkPixels(SKBitmap bitmap, int x0, int y0, int x1, int y1)
    {
        int dark = 0;
        for (int y = Math.Max(0, y0); y < Math.Min(bitmap.Height, y1); y++)
        {
            for (int x = Math.Max(0, x0); x < Math.Min(bitmap.Width, x1); x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < 3 * 128)
                {
                    dark++;
                }
            }
        }

        return dark;
    }
}
