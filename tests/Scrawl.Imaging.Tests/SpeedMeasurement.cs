using System.Diagnostics;
using Xunit.Abstractions;

namespace Scrawl.Imaging.Tests;

/// <summary>A fact that runs only when SCRAWL_IMAGING_TIMING=1 (it takes seconds of CPU and asserts nothing about time).</summary>
public sealed class TimingFactAttribute : FactAttribute
{
    public TimingFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SCRAWL_IMAGING_TIMING") != "1")
        {
            Skip = "set SCRAWL_IMAGING_TIMING=1 to measure (Release build recommended)";
        }
    }
}

/// <summary>
/// Measures each primitive once on a 12-megapixel (3000×4000) synthetic page, after a warm-up on a
/// small image, and prints the times. Reports only; timings are not asserted.
/// Run: SCRAWL_IMAGING_TIMING=1 dotnet test tests/Scrawl.Imaging.Tests -c Release --filter SpeedMeasurement --logger "console;verbosity=detailed"
/// </summary>
public class SpeedMeasurement(ITestOutputHelper output)
{
    [TimingFact]
    public void Twelve_megapixel_page()
    {
        Run(Page(64, 80), report: false);
        Run(Page(3000, 4000), report: true);
    }

    private void Run(GrayImage page, bool report)
    {
        var blurred = Time("GaussianBlur sigma=2", () => Filters.GaussianBlur(page, 2f), report);
        float otsu = Time("Otsu", () => Thresholds.Otsu(blurred), report);
        var sauvola = Time("Sauvola window=51", () => Thresholds.Sauvola(page, 51, 0.2f), report);
        var ink = page.AtOrBelow(sauvola);
        Time("Erode square(3)", () => Morphology.Erode(ink, Footprint.Square(3)), report);
        Time("Dilate square(15)", () => Morphology.Dilate(ink, Footprint.Square(15)), report);
        Time("Erode disk(2)", () => Morphology.Erode(ink, Footprint.Disk(2)), report);
        var (labels, count) = Time("Label connectivity=8", () => Labeling.Label(ink, 8), report);
        var regions = Time("Regions.Measure", () => Regions.Measure(labels), report);
        var speckled = Speckle(page.Height, page.Width);
        var (_, specks) = Time("Label speckle, 8-conn", () => Labeling.Label(speckled, 8), report);
        if (report)
        {
            output.WriteLine($"otsu {otsu:F4}, ink pixels {ink.Count():N0}, components {count:N0}, regions {regions.Count:N0}; speckle components {specks:N0}");
        }
    }

    private T Time<T>(string what, Func<T> action, bool report)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        if (report)
        {
            output.WriteLine($"{what,-24} {clock.Elapsed.TotalMilliseconds,8:F0} ms");
        }

        return result;
    }

    /// <summary>A random mask with 30 % of pixels set: hundreds of thousands of components, many merges.</summary>
    private static BinaryImage Speckle(int height, int width)
    {
        var pixels = new byte[height * width];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((((uint)i * 2654435761u) >> 16) % 10 < 3 ? 1 : 0);
        }

        return new BinaryImage(height, width, pixels);
    }

    /// <summary>Uneven paper with a grid of dark strokes and a little hash noise (deterministic).</summary>
    private static GrayImage Page(int height, int width)
    {
        var pixels = new float[height * width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float paper = 0.6f + (0.3f * x / width) - (0.1f * y / height);
                bool stroke = (y % 40) is >= 10 and < 13 || ((x + (y / 2)) % 57) is >= 20 and < 23;
                uint hash = (uint)((y * 73856093) ^ (x * 19349663)) * 2654435761u;
                float noise = ((hash >> 24) / 255f - 0.5f) * 0.06f;
                pixels[(y * width) + x] = Math.Clamp((stroke ? paper * 0.3f : paper) + noise, 0f, 1f);
            }
        }

        return new GrayImage(height, width, pixels);
    }
}
