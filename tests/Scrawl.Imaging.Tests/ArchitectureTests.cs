namespace Scrawl.Imaging.Tests;

/// <summary>Imaging is an engine layer: pure C#, no console, no SkiaSharp or TorchSharp, no other Scrawl project but Numerics (Data references Imaging, never the reverse).</summary>
public class ArchitectureTests
{
    [Fact]
    public void Imaging_references_only_the_runtime_and_numerics()
    {
        var references = typeof(FloatImage).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();
        Assert.DoesNotContain(references, n => n.StartsWith("SkiaSharp", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("TorchSharp", StringComparison.Ordinal));
        Assert.DoesNotContain("System.Console", references);
        Assert.All(references.Where(n => n.StartsWith("Scrawl.", StringComparison.Ordinal)), n => Assert.Equal("Scrawl.Numerics", n));
    }

    [Fact]
    public void Public_api_is_the_documented_set()
    {
        var exported = typeof(FloatImage).Assembly.GetExportedTypes().Select(t => t.Name).Order().ToArray();
        Assert.Equal(["BinaryImage", "CharacterNormalizeOptions", "CharacterNormalizer", "DistanceTransform", "Filters", "FloatImage", "Footprint", "Homography", "LabelImage", "Labeling", "LineMorphology", "Morphology", "PixelGrid", "PooledArray`1", "RegionProperties", "Regions", "Resampler", "Thresholds", "Warp"], exported);
    }
}
