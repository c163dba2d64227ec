using Scrawl.Imaging;

namespace Scrawl.Tests.Shared;

/// <summary>Small hand-made images for tests (linked into the test projects that need them).</summary>
internal static class SampleImages
{
    /// <summary>An upright "L", 10 wide × 14 high, ink = 1: stem columns 2–3 rows 2–11, foot rows 10–11 columns 2–7.</summary>
    public static FloatImage L()
    {
        var image = new FloatImage(14, 10);
        for (int y = 0; y < 14; y++)
        {
            for (int x = 0; x < 10; x++)
            {
                image[y, x] = (x is >= 2 and <= 3 && y is >= 2 and <= 11) || (y is >= 10 and <= 11 && x is >= 2 and <= 7) ? 1f : 0f;
            }
        }

        return image;
    }

    /// <summary>An h×w×channels image filled with <paramref name="value"/>.</summary>
    public static FloatImage Constant(int h, int w, float value, int channels = 1)
    {
        var image = new FloatImage(h, w, channels);
        Array.Fill(image.Pixels, value);
        return image;
    }
}
