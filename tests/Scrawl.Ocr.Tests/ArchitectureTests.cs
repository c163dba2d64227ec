namespace Scrawl.Ocr.Tests;

/// <summary>Ocr is pure: no console, no SkiaSharp or TorchSharp.</summary>
public class ArchitectureTests
{
    [Fact]
    public void Ocr_references_no_console_skia_or_torch()
    {
        var references = typeof(PageSegmenter).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();
        Assert.DoesNotContain(references, n => n.StartsWith("SkiaSharp", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("TorchSharp", StringComparison.Ordinal));
        Assert.DoesNotContain("System.Console", references);
    }
}
