using System.Globalization;

namespace Scrawl.Packaging.Tests;

/// <summary>
/// One <c>dotnet pack</c> of the library (Scrawl.Reading) and the tool (Scrawl.Tool) into a local folder feed, shared by every
/// packaging test (packing builds the CLI's projects once more, so it is done once). The build goes to its own artifacts folder,
/// so the checkout's bin/ and obj/ are not touched; packages restored by the tests go to a private packages folder, with the
/// machine's NuGet cache as a read-only fallback (third-party packages need no download), so no test package reaches that cache.
/// </summary>
public sealed class PackagedFeed : IDisposable
{
    /// <summary>The library package's id.</summary>
    public const string LibraryId = "Scrawl.Reading";

    /// <summary>The tool package's id.</summary>
    public const string ToolId = "Scrawl.Tool";

    public PackagedFeed()
    {
        RepositoryRoot = DotnetProcess.RepositoryRoot();
        Root = Directory.CreateTempSubdirectory("scrawl-pack-").FullName;
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        // A version of its own, so no copy of a package packed earlier (same id, same version) can stand in for this one.
        Version = "1.0.0-packtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        LibraryPack = Pack("src/Scrawl.Reading/Scrawl.Reading.csproj");
        ToolPack = LibraryPack.ExitCode == 0 ? Pack("src/Scrawl.Cli/Scrawl.Cli.csproj") : LibraryPack;
    }

    /// <summary>The checkout being packed.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The temporary folder holding everything below (deleted at the end).</summary>
    public string Root { get; }

    /// <summary>The local folder feed with both packages.</summary>
    public string Feed { get; }

    /// <summary>The private NuGet packages folder the tests restore into.</summary>
    public string Packages { get; }

    /// <summary>The packages' version (PackageVersion given to dotnet pack).</summary>
    public string Version { get; }

    /// <summary>The library's dotnet pack.</summary>
    public DotnetProcess.Result LibraryPack { get; }

    /// <summary>The tool's dotnet pack.</summary>
    public DotnetProcess.Result ToolPack { get; }

    /// <summary>The path of a package in the feed.</summary>
    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Environment for a restoring process: the private packages folder.</summary>
    public IReadOnlyDictionary<string, string> RestoreEnvironment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Packages };

    /// <summary>The machine's NuGet cache (NUGET_PACKAGES, else ~/.nuget/packages): a read-only fallback for third-party packages.</summary>
    public static string MachinePackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>A NuGet.config: the local feed, plus nuget.org when <paramref name="withNugetOrg"/>, the private packages folder and the machine's cache as fallback.</summary>
    public string WriteNugetConfig(string folder, bool withNugetOrg)
    {
        string path = Path.Combine(folder, "NuGet.config");
        string nugetOrg = withNugetOrg ? "\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />" : "";
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Packages}" />
              </config>
              <packageSources>
                <clear />
                <add key="scrawl-local" value="{Feed}" />{nugetOrg}
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine-cache" value="{MachinePackages()}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is no test failure.
        }
    }

    private DotnetProcess.Result Pack(string project) =>
        DotnetProcess.Dotnet(RepositoryRoot, null, "pack", project, "-c", "Release", "-o", Feed,
            "--artifacts-path", Path.Combine(Root, "artifacts"), "--disable-build-servers", "--nologo",
            $"-p:PackageVersion={Version}");
}
