
using Scrawl.Numerics.Formats;

namespace Scrawl.Imaging.Tests;

/// <summary>Loads the scikit-image goldens written once by Fixtures/make_goldens.py.</summary>
internal static class Goldens
{
    public static NpyArray Read(string name) => NpyReader.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static FloatImage Gray(string name)
    {
        var a = Read(name);
        return new FloatImage(a.Data, a.Shape[0], a.Shape[1]);
    }

    public static BinaryImage Binary(string name)
    {
        var a = Read(name);
        return new BinaryImage(a.Shape[0], a.Shape[1], [.. a.ToLabels().Select(v => (byte)v)]);
    }

    public static LabelImage Labels(string name)
    {
        var a = Read(name);
        return new LabelImage(a.Shape[0], a.Shape[1], a.ToLabels());
    }

    /// <summary>The largest |actual − expected| over all pixels.</summary>
    public static double MaxError(FloatImage actual, NpyArray expected)
    {
        Assert.Equal([actual.Height, actual.Width], expected.Shape);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual.Pixels[i] - (double)expected.Data[i]));
        }

        return worst;
    }

    /// <summary>Asserts two masks are identical, naming the first differing pixel.</summary>
    public static void Equal(BinaryImage expected, BinaryImage actual)
    {
        Assert.Equal((expected.Height, expected.Width), (actual.Height, actual.Width));
        int i = expected.Pixels.CommonPrefixLength(actual.Pixels);
        Assert.True(i == expected.Pixels.Length, $"first difference at ({i / expected.Width}, {i % expected.Width})");
    }
}
