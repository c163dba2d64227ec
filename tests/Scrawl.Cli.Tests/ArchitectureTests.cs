using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Scrawl.Cli.Tests;

/// <summary>
/// The layering rule: the engine assemblies know nothing of the console, TorchSharp, SkiaSharp, ASP.NET Core or
/// command-line/UI libraries. Checked on the compiled metadata: every type and assembly they reference.
/// </summary>
public class ArchitectureTests
{
    private static readonly string[] ForbiddenPrefixes =
        ["TorchSharp", "SkiaSharp", "Spectre", "System.CommandLine", "ScottPlot", "Microsoft.AspNetCore"];

    public static TheoryData<string> EngineAssemblies => ["Scrawl.Numerics", "Scrawl.NeuralNet", "Scrawl.Data", "Scrawl.Compression"];

    [Theory]
    [MemberData(nameof(EngineAssemblies))]
    public void Engine_assemblies_reference_no_console_torch_or_skia(string assemblyName)
    {
        var violations = Forbidden(References(assemblyName));
        Assert.True(violations.Count == 0, $"{assemblyName} must not use: {string.Join(", ", violations)}");
    }

    [Fact]
    public void The_scan_finds_console_use_in_the_cli()
    {
        // The CLI prints, so the same scan must flag it: proves the scan sees what it should.
        var violations = Forbidden(References("scrawl"));
        Assert.Contains("System.Console", violations);
        Assert.Contains(violations, v => v.StartsWith("System.CommandLine", StringComparison.Ordinal));
    }

    [Fact]
    public void Engine_projects_depend_one_way()
    {
        static IEnumerable<string> Ours(string name) =>
            References(name).Assemblies.Where(n => n.StartsWith("Scrawl.", StringComparison.Ordinal));
        Assert.Empty(Ours("Scrawl.Numerics"));
        Assert.Equal(["Scrawl.Numerics"], Ours("Scrawl.NeuralNet"));
        Assert.DoesNotContain(Ours("Scrawl.Data"), n => n == "scrawl");
        Assert.DoesNotContain(Ours("Scrawl.Data"), n => n == "Scrawl.Media"); // Skia stays at the edge
    }

    [Fact]
    public void The_main_cli_never_loads_libtorch()
    {
        // The deep commands live in scrawl-deep (src/Scrawl.Deep.Cli): the OCR main job must run without libtorch.
        var refs = References("scrawl");
        Assert.DoesNotContain(refs.Assemblies, a => a.StartsWith("TorchSharp", StringComparison.Ordinal) || a.StartsWith("Scrawl.Deep", StringComparison.Ordinal) || a == "TorchVision");
        Assert.DoesNotContain(refs.Types, t => t.StartsWith("TorchSharp", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "TorchSharp.dll")), "TorchSharp.dll must not be copied with the main CLI");
    }

    [Fact]
    public void The_server_lives_in_its_library_and_the_cli_only_calls_it()
    {
        // scrawl serve parses options and calls ScrawlServer.Run: Kestrel, routing and HTTP types stay in Scrawl.Server.
        var cli = References("scrawl");
        Assert.Contains("Scrawl.Server", cli.Assemblies);
        Assert.DoesNotContain(cli.Assemblies, a => a.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(cli.Types, t => t.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var server = References("Scrawl.Server");
        Assert.Contains(server.Assemblies, a => a.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain("System.Console", server.Types);
        Assert.DoesNotContain(server.Assemblies, a => a.StartsWith("SkiaSharp", StringComparison.Ordinal) || a.StartsWith("TorchSharp", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cli_references_no_layer_or_optimizer_types()
    {
        // Networks, layers and optimizers are built inside the libraries; the CLI parses, calls and prints.
        var types = References("scrawl").Types;
        Assert.DoesNotContain(types, t => t.StartsWith("Scrawl.NeuralNet.Layers.", StringComparison.Ordinal) || t.StartsWith("Scrawl.NeuralNet.Optimizers.", StringComparison.Ordinal));
    }

    public static TheoryData<string> LibraryProjects => [.. LibraryNames()];

    [Theory]
    [MemberData(nameof(LibraryProjects))]
    public void No_library_uses_the_console(string project)
    {
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, project + ".dll")))
        {
            Assert.DoesNotContain("System.Console", References(project).Types);
            return;
        }

        // Not built next to the tests (Scrawl.Deep: the main CLI never loads libtorch): its sources, comments aside.
        var uses = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line: line.Trim())))
            .Where(x => !x.line.StartsWith("//", StringComparison.Ordinal) && x.line.Contains("Console.", StringComparison.Ordinal))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}").ToList();
        Assert.True(uses.Count == 0, $"{project} uses the console: {string.Join(", ", uses)}");
    }

    [Fact]
    public void The_library_scan_sees_every_library()
    {
        var projects = LibraryNames();
        Assert.Contains("Scrawl.Experiments", projects);
        Assert.Contains("Scrawl.Ocr", projects);
        Assert.Contains("Scrawl.Server", projects);
        Assert.Contains("Scrawl.Deep", projects);
        Assert.DoesNotContain("Scrawl.Cli", projects);
        Assert.DoesNotContain("Scrawl.Deep.Cli", projects);
    }

    /// <summary>Every project under src/ but the two programs and the native-patch build tool (all OutputType Exe): libraries never print.</summary>
    private static List<string> LibraryNames() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !File.ReadAllText(p).Contains("<OutputType>Exe</OutputType>", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Scrawl.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"Scrawl.slnx not found above {AppContext.BaseDirectory}");
    }

    private static List<string> Forbidden((List<string> Types, List<string> Assemblies) refs) =>
        [.. refs.Types.Where(t => t == "System.Console" || ForbiddenPrefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal)))
            .Concat(refs.Assemblies.Where(a => ForbiddenPrefixes.Any(p => a.StartsWith(p, StringComparison.Ordinal))))
            .Distinct()];

    private static (List<string> Types, List<string> Assemblies) References(string assemblyName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        Assert.True(File.Exists(path), $"{path} not found next to the tests");
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var types = md.TypeReferences.Select(h => md.GetTypeReference(h))
            .Select(t => md.GetString(t.Namespace) is { Length: > 0 } ns ? $"{ns}.{md.GetString(t.Name)}" : md.GetString(t.Name))
            .ToList();
        var assemblies = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
        return (types, assemblies);
    }
}
