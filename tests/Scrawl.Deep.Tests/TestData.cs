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

    public static DatasetSplits Nist36() => DataResolver.Resolve(Nist36Folder(), new DataContext(DataLocator.FromEnvironment()));
}
