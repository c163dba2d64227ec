namespace Scrawl.Packaging.Tests;

/// <summary>A fact that needs NativeAOT's linker, clang or gcc; skipped, saying so, only where neither is installed (.ci/run installs clang then).</summary>
public sealed class NativeToolchainFactAttribute : FactAttribute
{
    public NativeToolchainFactAttribute()
    {
        if (!LauncherBuilds.NativeToolchain)
        {
            Skip = "needs clang or gcc to link the NativeAOT build: apt-get install -y clang (.ci/run installs it)";
        }
    }
}

/// <summary>
/// The README's quick start, <c>./scrawl ocr samples/sample-page.jpg</c>, run through the launcher with each kind of build it makes, each
/// into a temporary folder of its own (SCRAWL_OUT): NativeAOT where clang or gcc is installed, ReadyToRun with SCRAWL_AOT=0 (as on a
/// machine without them). Built once for the tests of <see cref="LauncherTests"/>.
/// </summary>
public sealed class LauncherBuilds : IDisposable
{
    public LauncherBuilds()
    {
        Native = NativeToolchain ? Launch(Path.Combine(Root, "native"), aot: true, "ocr", Sample) : null;
        ReadyToRun = Launch(Path.Combine(Root, "r2r"), aot: false, "ocr", Sample);
    }

    /// <summary>True when clang or gcc is on the PATH, as the launcher checks.</summary>
    public static bool NativeToolchain { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, "clang")) || File.Exists(Path.Combine(dir, "gcc")));

    /// <summary>The checkout.</summary>
    public static string Repository { get; } = DotnetProcess.RepositoryRoot();

    /// <summary>The sample page, relative to the checkout.</summary>
    public static string Sample => Path.Combine("samples", "sample-page.jpg");

    /// <summary>The temporary folder holding both builds (deleted at the end).</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("scrawl-launcher-").FullName;

    /// <summary>The first run with a toolchain: building natively, then reading the sample; null without one.</summary>
    public DotnetProcess.Result? Native { get; }

    /// <summary>The first run with SCRAWL_AOT=0: building ReadyToRun, then reading the sample.</summary>
    public DotnetProcess.Result ReadyToRun { get; }

    /// <summary>Runs <c>./scrawl</c> with <paramref name="arguments"/>, building into <paramref name="folder"/> (natively when <paramref name="aot"/> and a toolchain is there).</summary>
    public static DotnetProcess.Result Launch(string folder, bool aot, params string[] arguments) =>
        DotnetProcess.Run("bash", [Path.Combine(Repository, "scrawl"), .. arguments], Repository, TimeSpan.FromMinutes(20),
            new Dictionary<string, string> { ["SCRAWL_OUT"] = folder, ["SCRAWL_AOT"] = aot ? "" : "0" });

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
}

public sealed class LauncherTests(LauncherBuilds builds) : IClassFixture<LauncherBuilds>
{
    private static string SampleText => File.ReadAllText(Path.Combine(LauncherBuilds.Repository, "samples", "sample-page.txt")).Replace("\r", "", StringComparison.Ordinal);

    private string NativeFolder => Path.Combine(builds.Root, "native");

    private string ReadyToRunFolder => Path.Combine(builds.Root, "r2r");

    [NativeToolchainFact]
    public void Where_a_C_toolchain_is_installed_scrawl_is_one_native_executable_that_reads_the_sample_page()
    {
        var first = builds.Native!;
        Assert.True(first.ExitCode == 0, first.Log);
        Assert.Contains("(NativeAOT", first.Err, StringComparison.Ordinal);
        Assert.Equal(SampleText, first.Out);
        Assert.Equal("aot\naot\n", File.ReadAllText(Path.Combine(NativeFolder, ".built")));
        Assert.True(File.Exists(Path.Combine(NativeFolder, "scrawl")), "the executable");
        Assert.False(File.Exists(Path.Combine(NativeFolder, "scrawl.dll")), "no assembly for the .NET runtime beside it");
        Assert.True(File.Exists(Path.Combine(NativeFolder, "libSkiaSharp.so")), "SkiaSharp's native library beside it");
        Assert.True(File.Exists(Path.Combine(NativeFolder, "models", "charmodel.scrawl")), "the shipped model beside it");

        // Built once: the next run only reads.
        var again = LauncherBuilds.Launch(NativeFolder, aot: true, "ocr", LauncherBuilds.Sample);
        Assert.True(again.ExitCode == 0, again.Log);
        Assert.Equal("", again.Err);
        Assert.Equal(SampleText, again.Out);
    }

    [Fact]
    public void With_SCRAWL_AOT_0_scrawl_is_built_ReadyToRun_and_reads_the_sample_page()
    {
        var first = builds.ReadyToRun;
        Assert.True(first.ExitCode == 0, first.Log);
        Assert.Contains("(ReadyToRun", first.Err, StringComparison.Ordinal);
        Assert.Equal(SampleText, first.Out);
        Assert.Equal("r2r\nr2r\n", File.ReadAllText(Path.Combine(ReadyToRunFolder, ".built")));
        Assert.True(File.Exists(Path.Combine(ReadyToRunFolder, "scrawl.dll")), "the assembly the .NET runtime runs");
    }

    /// <summary>The formats that hold every figure of the reading (boxes, confidences, alternatives): the same bytes from both builds, the model's folder aside.</summary>
    [NativeToolchainFact]
    public void The_native_and_ReadyToRun_builds_write_the_same_bytes()
    {
        Assert.True(builds.Native!.ExitCode == 0, builds.Native.Log);
        Assert.True(builds.ReadyToRun.ExitCode == 0, builds.ReadyToRun.Log);
        foreach (string format in new[] { "json", "tsv" })
        {
            var native = DotnetProcess.Run(Path.Combine(NativeFolder, "scrawl"), ["ocr", LauncherBuilds.Sample, "--format", format], LauncherBuilds.Repository, TimeSpan.FromMinutes(2));
            var r2r = LauncherBuilds.Launch(ReadyToRunFolder, aot: false, "ocr", LauncherBuilds.Sample, "--format", format);
            Assert.True(native.ExitCode == 0, native.Log);
            Assert.True(r2r.ExitCode == 0, r2r.Log);
            Assert.Contains("SHOPPING", native.Out, StringComparison.Ordinal);
            Assert.Equal(r2r.Out.Replace(ReadyToRunFolder, "BUILD", StringComparison.Ordinal), native.Out.Replace(NativeFolder, "BUILD", StringComparison.Ordinal));
        }
    }
}
