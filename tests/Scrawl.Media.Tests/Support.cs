
using Scrawl.Imaging;

namespace Scrawl.Media.Tests;

/// <summary>Paths and small helpers shared by the tests.</summary>
internal static class Support
{
    /// <summary>Path of a committed fixture (copied next to the test assembly).</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>
    /// The shared data sets: the first folder above the test assembly that holds <c>shared/datasets</c>.
    /// Fails (does not skip) when it is missing: CI always has it.
    /// </summary>
    public static string SharedDatasets(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                string path = Path.Combine(candidate, relative);
                Assert.True(Directory.Exists(path), $"{path} is missing from the shared data sets.");
                return path;
            }
        }

        Assert.Fail($"No shared/datasets folder above {AppContext.BaseDirectory}: these tests need the shared data sets beside the repository (../shared).");
        return "";
    }

    /// <summary>True where the upright "L" fixture glyph (14 high × 10 wide) has ink.</summary>
    public static bool LInk(int y, int x) => (x is >= 2 and <= 3 && y is >= 2 and <= 11) || (y is >= 10 and <= 11 && x is >= 2 and <= 7);

    /// <summary>Checks an ink = 1 image is the L at <paramref name="scale"/>× by sampling each block's centre.</summary>
    public static void AssertIsL(FloatImage image, int scale, float tolerance = 0.25f)
    {
        Assert.Equal((14 * scale, 10 * scale, 1), (image.Height, image.Width, image.Channels));
        for (int y = 0; y < 14; y++)
        {
            for (int x = 0; x < 10; x++)
            {
                float v = image[(y * scale) + (scale / 2), (x * scale) + (scale / 2)];
                float expected = LInk(y, x) ? 1f : 0f;
                Assert.True(Math.Abs(v - expected) <= tolerance, $"pixel block ({y}, {x}) is {v}, expected {expected}");
            }
        }
    }

    /// <summary>Sum of the values in rows [from, to) of a grey image.</summary>
    public static double RowInk(ReadOnlySpan<float> image, int width, int from, int to)
    {
        double sum = 0;
        foreach (float v in image[(from * width)..(to * width)])
        {
            sum += v;
        }

        return sum;
    }
}
