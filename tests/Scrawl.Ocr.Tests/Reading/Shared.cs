namespace Scrawl.Ocr.Tests;

/// <summary>Paths into ../shared beside the repository (CI has it); tests fail, not skip, when it is missing.</summary>
internal static class Shared
{
    /// <summary>The shared folder's sub-path <paramref name="relative"/>, found above the test assembly.</summary>
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"No shared/{relative} above {AppContext.BaseDirectory}: these tests need ../shared beside the repository.");
        return "";
    }

    /// <summary>../shared/models/nist36-mlp-reference.npz.</summary>
    public static string ReferenceModel() => Find(Path.Combine("models", "nist36-mlp-reference.npz"));

    /// <summary>../shared/images.</summary>
    public static string Images() => Find("images");
}
