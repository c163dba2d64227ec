namespace Scrawl.NeuralNet.Tests.Serialization;

/// <summary>Locating fixtures and shared data, and temporary directories, for the serialization tests.</summary>
internal static class TestFiles
{
    /// <summary>A file from tests/Scrawl.NeuralNet.Tests/Fixtures (copied next to the test assembly).</summary>
    public static string Fixture(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        Assert.True(File.Exists(path), $"Fixture {name} is missing from {Path.GetDirectoryName(path)}; is the <None Include=\"Fixtures/**\"> item in the test project?");
        return path;
    }

    /// <summary>
    /// A file under the shared data folder (the repository root's ../shared), found by walking up from
    /// the test assembly. Fails the test when it is absent: CI always has it.
    /// </summary>
    public static string Shared(string relativePath)
    {
        var searched = new List<string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            searched.Add(dir.FullName);
        }

        Assert.Fail($"Shared file shared/{relativePath} not found in any parent of the test assembly (searched: {string.Join(", ", searched)}). " +
                    "It should be at the repository root's ../shared; CI has it.");
        return "";
    }

    /// <summary>A fresh empty directory deleted on dispose.</summary>
    public static TempDirectory TempDirectory() => new();
}

/// <summary>A unique temporary directory, removed with its contents on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scrawl-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless.
        }
    }
}
