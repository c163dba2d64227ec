using Scrawl.Data;
using Scrawl.Data.Catalog;

namespace Scrawl.Deep.Tests;

/// <summary>The committed NIST36-layout fixture (108/36/72 samples, 32×32, 36 classes) of the data tests.</summary>
internal static class TestData
{
    public static string Nist36Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "Scrawl.Data.Tests", "Fixtures", "formats", "nist36");
            if (File.Exists(Path.Combine(candidate, "nist36_train.mat")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Scrawl.Data.Tests/Fixtures/formats/nist36 not found above the test binaries");
    }

    /// <summary>ResNet18.onnx (copied next to the tests from ML.NET's featurizer package), parsed once.</summary>
    public static readonly Lazy<Onnx.OnnxModel> ResNet18 = new(() => Onnx.OnnxModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx")));

    public static DatasetSplits Nist36() => DataResolver.Resolve(Nist36Folder(), new DataContext(DataLocator.FromEnvironment()));
}
