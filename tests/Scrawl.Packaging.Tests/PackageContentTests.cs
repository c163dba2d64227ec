using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace Scrawl.Packaging.Tests;

/// <summary>What <c>dotnet pack</c> puts in the library and tool packages: metadata, the bundled assemblies, the shipped model, the tool's command.</summary>
[Collection(PackagesCollection.Name)]
public class PackageContentTests(PackagedFeed feed)
{
    private static readonly string[] BundledAssemblies =
        ["Scrawl.Reading", "Scrawl.Ocr", "Scrawl.Media", "Scrawl.Imaging", "Scrawl.Data", "Scrawl.NeuralNet", "Scrawl.Numerics"];

    [Fact]
    public void The_library_package_carries_its_metadata_and_depends_on_no_scrawl_package()
    {
        var nuspec = Nuspec(PackagedFeed.LibraryId);
        AssertCommonMetadata(nuspec, PackagedFeed.LibraryId);
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        Assert.Contains("SkiaSharp", dependencies);
        Assert.Contains("System.Numerics.Tensors", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Scrawl", StringComparison.Ordinal));
    }

    [Fact]
    public void The_library_package_bundles_the_assemblies_it_builds_on_with_their_docs()
    {
        using var zip = Open(PackagedFeed.LibraryId);
        var lib = zip.Entries.Where(e => e.FullName.StartsWith("lib/net10.0/", StringComparison.Ordinal)).Select(e => e.Name).ToHashSet();
        foreach (string assembly in BundledAssemblies)
        {
            Assert.Contains(assembly + ".dll", lib);
            Assert.Contains(assembly + ".xml", lib);
        }

        Assert.DoesNotContain(lib, n => n.StartsWith("Scrawl.Cli", StringComparison.Ordinal) || n.StartsWith("scrawl", StringComparison.Ordinal) || n.StartsWith("Scrawl.CommandLine", StringComparison.Ordinal));
    }

    [Fact]
    public void The_library_package_carries_the_shipped_model_and_font_copied_to_the_output()
    {
        using var zip = Open(PackagedFeed.LibraryId);
        Assert.Equal(Sha256(File.ReadAllBytes(Path.Combine(feed.RepositoryRoot, "models", "charmodel.scrawl"))),
            Sha256(Entry(zip, "contentFiles/any/any/models/charmodel.scrawl")));
        Assert.NotEmpty(Entry(zip, "contentFiles/any/any/models/charmodel.json"));
        Assert.NotEmpty(Entry(zip, "contentFiles/any/any/fonts/DejaVuSans.ttf"));
        var copied = Nuspec(PackagedFeed.LibraryId).Descendants().Where(e => e.Name.LocalName == "files")
            .Where(e => (string?)e.Attribute("copyToOutput") == "true" && (string?)e.Attribute("buildAction") == "None")
            .Select(e => (string)e.Attribute("include")!).ToList();
        Assert.Contains("any/any/models/charmodel.scrawl", copied);
        Assert.Contains("any/any/fonts/DejaVuSans.ttf", copied);
    }

    [Fact]
    public void The_tool_package_is_a_dotnet_tool_named_scrawl_with_the_model_inside()
    {
        var nuspec = Nuspec(PackagedFeed.ToolId);
        AssertCommonMetadata(nuspec, PackagedFeed.ToolId);
        Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "packageType" && (string?)e.Attribute("name") == "DotnetTool");
        using var zip = Open(PackagedFeed.ToolId);
        var settings = Xml(Entry(zip, "tools/net10.0/any/DotnetToolSettings.xml"));
        var command = Assert.Single(settings.Descendants("Command"));
        Assert.Equal("scrawl", (string?)command.Attribute("Name"));
        Assert.Equal("scrawl.dll", (string?)command.Attribute("EntryPoint"));
        Assert.NotEmpty(Entry(zip, "tools/net10.0/any/models/charmodel.scrawl"));
        Assert.DoesNotContain(zip.Entries, e => e.Name.StartsWith("TorchSharp", StringComparison.Ordinal) || e.Name.StartsWith("scrawl-deep", StringComparison.Ordinal));
    }

    [Fact]
    public void Packing_the_same_build_again_gives_the_same_bytes()
    {
        Assert.True(feed.LibraryPack.ExitCode == 0, feed.LibraryPack.Log);
        string again = Path.Combine(feed.Root, "feed-again");
        var pack = DotnetProcess.Dotnet(feed.RepositoryRoot, null, "pack", "src/Scrawl.Reading/Scrawl.Reading.csproj", "-c", "Release", "-o", again,
            "--artifacts-path", Path.Combine(feed.Root, "artifacts"), "--no-build", "--no-restore", "--disable-build-servers", "--nologo",
            $"-p:PackageVersion={feed.Version}");
        Assert.True(pack.ExitCode == 0, pack.Log);
        Assert.Equal(Sha256(File.ReadAllBytes(feed.PackagePath(PackagedFeed.LibraryId))),
            Sha256(File.ReadAllBytes(Path.Combine(again, Path.GetFileName(feed.PackagePath(PackagedFeed.LibraryId))))));
    }

    private void AssertCommonMetadata(XDocument nuspec, string id)
    {
        string Field(string name) => nuspec.Descendants().First(e => e.Name.LocalName == name).Value;
        Assert.Equal(id, Field("id"));
        Assert.Equal(feed.Version, Field("version"));
        var license = nuspec.Descendants().First(e => e.Name.LocalName == "license");
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);
        Assert.True(Field("description").Length > 40, "a description of at least a sentence");
        string readme = Field("readme");
        using var zip = Open(id);
        Assert.StartsWith("# ", System.Text.Encoding.UTF8.GetString(Entry(zip, readme)), StringComparison.Ordinal);
    }

    private XDocument Nuspec(string id)
    {
        using var zip = Open(id);
        return Xml(Entry(zip, id + ".nuspec"));
    }

    private ZipArchive Open(string id)
    {
        var pack = id == PackagedFeed.LibraryId ? feed.LibraryPack : feed.ToolPack;
        Assert.True(pack.ExitCode == 0, pack.Log);
        return ZipFile.OpenRead(feed.PackagePath(id));
    }

    private static byte[] Entry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"the package lacks {name}; it holds: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static XDocument Xml(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return XDocument.Load(stream);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
