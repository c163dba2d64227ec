using BenchmarkDotNet.Attributes;
using Scrawl.Imaging;

namespace Scrawl.Benchmarks;

/// <summary>
/// The OCR pipeline's imaging primitives on a 12-megapixel (3000×4000) synthetic page: uneven paper,
/// a grid of dark strokes and a little hash noise. Run:
/// dotnet run -c Release --project bench/Scrawl.Benchmarks -- --filter '*ImagingBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class ImagingBenchmarks
{
    private FloatImage _page = null!;
    private BinaryImage _ink = null!;
    private BinaryImage _speckle = null!;
    private LabelImage _labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        _page = Page(3000, 4000);
        _ink = _page.AtOrBelow(Thresholds.Sauvola(_page, 51, 0.2f));
        _speckle = Speckle(3000, 4000);
        _labels = Labeling.Label(_ink, 8).Labels;
    }

    [Benchmark]
    public FloatImage GaussianBlurSigma2() => Filters.GaussianBlur(_page, 2f);

    [Benchmark]
    public float Otsu() => Thresholds.Otsu(_page);

    [Benchmark]
    public FloatImage SauvolaWindow51() => Thresholds.Sauvola(_page, 51, 0.2f);

    [Benchmark]
    public BinaryImage ErodeSquare3() => Morphology.Erode(_ink, Footprint.Square(3));

    [Benchmark]
    public BinaryImage DilateSquare15() => Morphology.Dilate(_ink, Footprint.Square(15));

    [Benchmark]
    public BinaryImage ErodeDisk2() => Morphology.Erode(_ink, Footprint.Disk(2));

    [Benchmark]
    public int LabelPage() => Labeling.Label(_ink, 8).Count;

    [Benchmark]
    public int LabelSpeckle() => Labeling.Label(_speckle, 8).Count;

    [Benchmark]
    public int MeasureRegions() => Regions.Measure(_labels).Count;

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

    private static FloatImage Page(int height, int width)
    {
        var pixels = new float[height * width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float paper = 0.6f + (0.3f * x / width) - (0.1f * y / height);
                bool stroke = (y % 40) is >= 10 and < 13 || ((x + (y / 2)) % 57) is >= 20 and < 23;
                uint hash = (uint)((y * 73856093) ^ (x * 19349663)) * 2654435761u;
                float noise = (((hash >> 24) / 255f) - 0.5f) * 0.06f;
                pixels[(y * width) + x] = Math.Clamp((stroke ? paper * 0.3f : paper) + noise, 0f, 1f);
            }
        }

        return new FloatImage(pixels, height, width);
    }
}
