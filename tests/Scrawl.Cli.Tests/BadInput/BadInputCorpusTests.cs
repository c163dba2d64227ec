namespace Scrawl.Cli.Tests.BadInput;

/// <summary>
/// Every hostile input of <see cref="BadInputCases"/> through the CLI: the expected exit code, exactly one line on
/// stderr naming the file and the problem, no stack trace (unless --verbose), and no output files left behind.
/// </summary>
public class BadInputCorpusTests(BadInputSeeds seeds) : IClassFixture<BadInputSeeds>
{
    public static TheoryData<string> Names => [.. BadInputCases.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Hostile_input_fails_cleanly(string name)
    {
        var c = BadInputCases.All[name];
        string dir = Directory.CreateDirectory(Path.Combine(seeds.Root, name)).FullName;
        File.Copy(seeds.DatasetPath, Path.Combine(dir, "seed.npz"));
        var (args, named) = c.Make(seeds, dir);
        var before = Files(dir);
        var (code, _, err) = CliRunner.Run(args);

        Assert.True(c.Codes.Contains(code), $"{name}: exit {code}, expected {string.Join(" or ", c.Codes)}; stderr: {err}");
        if (code == ExitCodes.Ok)
        {
            return;
        }

        AssertOneLine(err, named, c.Problem);
        var made = Files(dir).Except(before).ToList();
        Assert.True(made.Count == 0, $"{name}: left output files behind: {string.Join(", ", made)}");
    }

    [Fact]
    public void Verbose_adds_the_stack_trace_to_the_same_first_line()
    {
        string path = Path.Combine(seeds.Root, "verbose.scrawl");
        File.WriteAllBytes(path, "SCRAWLNN"u8.ToArray());
        var (code, _, quiet) = CliRunner.Run("evaluate", path);
        var (verboseCode, _, loud) = CliRunner.Run("evaluate", path, "--verbose");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(code, verboseCode);
        Assert.Equal(quiet.Split('\n')[0], loud.Split('\n')[0]);
        Assert.Contains("   at Scrawl.", loud, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", quiet, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_show_leaves_no_partial_montage()
    {
        string dir = Directory.CreateDirectory(Path.Combine(seeds.Root, "show")).FullName;
        string bad = Path.Combine(dir, "bad.npz");
        File.WriteAllBytes(bad, HostileFiles.Truncate(seeds.Dataset, seeds.Dataset.Length / 2));
        string grid = Path.Combine(dir, "grid.png");
        var (code, _, err) = CliRunner.Run("data", "show", bad, "--out", grid);
        Assert.Equal(ExitCodes.BadInput, code);
        AssertOneLine(err, "bad.npz", null);
        Assert.Equal(["bad.npz"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    internal static void AssertOneLine(string err, string named, string? problem)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}: {err}");
        Assert.StartsWith("scrawl: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", lines[0], StringComparison.Ordinal);
        if (problem is not null)
        {
            Assert.Contains(problem, lines[0], StringComparison.OrdinalIgnoreCase);
        }
    }

    private static HashSet<string> Files(string dir) => [.. Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)];
}
