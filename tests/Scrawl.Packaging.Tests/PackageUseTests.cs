using System.Text.RegularExpressions;

namespace Scrawl.Packaging.Tests;

/// <summary>The packages used as a user would: the tool installed from the local feed, the library referenced by a new console project.</summary>
[Collection(PackagesCollection.Name)]
public class PackageUseTests(PackagedFeed feed)
{
    private static string Sample => Path.Combine("samples", "sample-page.jpg");

    private string SampleText => File.ReadAllText(Path.Combine(feed.RepositoryRoot, "samples", "sample-page.txt")).Replace("\r", "", StringComparison.Ordinal);

    [Fact]
    public void The_tool_installs_from_the_local_feed_and_reads_the_sample()
    {
        Assert.True(feed.ToolPack.ExitCode == 0, feed.ToolPack.Log);
        string work = Directory.CreateDirectory(Path.Combine(feed.Root, "tool")).FullName;
        string config = feed.WriteNugetConfig(work, withNugetOrg: false);
        string toolPath = Path.Combine(work, "bin");
        var install = DotnetProcess.Dotnet(work, feed.RestoreEnvironment, "tool", "install", PackagedFeed.ToolId, "--version", feed.Version,
            "--tool-path", toolPath, "--configfile", config);
        Assert.True(install.ExitCode == 0, install.Log);

        string scrawl = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "scrawl.exe" : "scrawl");
        var ocr = DotnetProcess.Run(scrawl, ["ocr", Sample], feed.RepositoryRoot, TimeSpan.FromMinutes(5));
        Assert.True(ocr.ExitCode == 0, ocr.Log);
        Assert.Equal(SampleText, ocr.Out.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal("", ocr.Err);
    }

    [Fact]
    public void A_console_project_runs_the_readme_library_example_from_the_package()
    {
        Assert.True(feed.LibraryPack.ExitCode == 0, feed.LibraryPack.Log);
        string work = Directory.CreateDirectory(Path.Combine(feed.Root, "consumer")).FullName;
        feed.WriteNugetConfig(work, withNugetOrg: true);
        File.WriteAllText(Path.Combine(work, "consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackagedFeed.LibraryId}" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(work, "Program.cs"), ReadmeLibraryExample());
        string output = Path.Combine(work, "out");
        var build = DotnetProcess.Dotnet(work, feed.RestoreEnvironment, "build", "-c", "Release", "-o", output, "--disable-build-servers", "--nologo");
        Assert.True(build.ExitCode == 0, build.Log);
        Assert.True(File.Exists(Path.Combine(output, "models", "charmodel.scrawl")), "the package copies the shipped model to models/ in the output");

        // Run from the checkout, where the example's relative path samples/sample-page.jpg is.
        var run = DotnetProcess.Dotnet(feed.RepositoryRoot, null, Path.Combine(output, "consumer.dll"));
        Assert.True(run.ExitCode == 0, run.Log);
        string printed = run.Out.Replace("\r", "", StringComparison.Ordinal);
        Assert.StartsWith(SampleText, printed, StringComparison.Ordinal);
        int letters = SampleText.Count(char.IsLetterOrDigit);
        Assert.Equal(letters, Regex.Count(printed, @"^[A-Z0-9] [01]\.\d\d \[\d+, \d+, \d+, \d+\]$", RegexOptions.Multiline));
    }

    /// <summary>The C# code block of README.md's Library section, as a user would copy it.</summary>
    private string ReadmeLibraryExample()
    {
        string readme = File.ReadAllText(Path.Combine(feed.RepositoryRoot, "README.md")).Replace("\r", "", StringComparison.Ordinal);
        int section = readme.IndexOf("\n## Library\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has a '## Library' section");
        int start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        int end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        string code = readme[start..end];
        Assert.Contains("PhotoReader.Open()", code, StringComparison.Ordinal);
        return code + "\n";
    }
}
