namespace Scrawl.Numerics.Tests.Formats;

/// <summary>The committed .npy/.npz fixtures (tests/Scrawl.Numerics.Tests/Fixtures, made by make_npy_fixtures.py).</summary>
internal static class NpyFixtures
{
    /// <summary>A fixture file copied next to the test assembly.</summary>
    public static string Path(string name)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        Assert.True(File.Exists(path), $"Fixture {name} is missing from {System.IO.Path.GetDirectoryName(path)}; is the <None Include=\"Fixtures/**\"> item in the test project?");
        return path;
    }
}
