using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Scrawl.Cli.Tests;

/// <summary>
/// The layering rule: the engine assemblies know nothing of the console, TorchSharp, SkiaSharp or
/// command-line/UI libraries. Checked on the compiled metadata: every type and assembly they reference.
/// </summary>
public class ArchitectureTests
{
    private static readonly string[] ForbiddenPrefixes =
        ["TorchSharp", "SkiaSharp", "Spectre", "System.CommandLine", "ScottPlot"];

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
