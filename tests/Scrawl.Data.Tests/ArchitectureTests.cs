using Scrawl.Data.Images;

namespace Scrawl.Data.Tests;

/// <summary>Data is a layer below the engine: it reads data sets with Numerics (tensors, npy) and Imaging (images), never NeuralNet.</summary>
public class ArchitectureTests
{
    [Fact]
    public void Data_does_not_reference_NeuralNet()
    {
        var references = typeof(ImageSet).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();
        Assert.DoesNotContain("Scrawl.NeuralNet", references);
        Assert.All(references.Where(n => n.StartsWith("Scrawl.", StringComparison.Ordinal)), n => Assert.Contains(n, new[] { "Scrawl.Numerics", "Scrawl.Imaging" }));
        Assert.Contains("Scrawl.Imaging", typeof(ImageFolder).Assembly.GetReferencedAssemblies().Select(a => a.Name));
    }
}
