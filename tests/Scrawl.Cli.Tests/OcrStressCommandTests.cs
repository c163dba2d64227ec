using System.Globalization;
using System.Text.RegularExpressions;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl ocr-stress end to end: the --quick set through the CLI with the shipped model, and bad input.</summary>
public class OcrStressCommandTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), "scrawl-stress-cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_quick_run_scores_every_category_and_reads_the_clean_control_well()
    {
        string output = TempDir();
        var (code, stdout, stderr) = CliRunner.Run("ocr-stress", "--quick", "--seed", "3", "--out", output);
        Assert.True(code == 0, stderr);
        var lines = stdout.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var line = new Regex(@"^([a-z]+): CER (\d+\.\d\d)% WER (\d+\.\d\d)% lines (\d+)/(\d+) variants (\d+) garbage (\d+)$");
        var categories = lines.Select(l => line.Match(l)).Where(m => m.Success).ToDictionary(m => m.Groups[1].Value);
        Assert.Equal(21, categories.Count); // 20 categories + overall
        Assert.Equal("20", categories["overall"].Groups[6].Value);
        Assert.All(categories.Where(c => c.Key != "overall"), c => Assert.Equal("1", c.Value.Groups[6].Value));
        Assert.Equal("overall", line.Match(lines[^2]).Groups[1].Value);
        var garbage = Regex.Match(lines[^1], @"^variants-with-garbage: (\d+)$");
        Assert.True(garbage.Success, stdout);
        Assert.Equal(categories["overall"].Groups[7].Value, garbage.Groups[1].Value);
        Assert.True(double.Parse(categories["clean"].Groups[2].Value, CultureInfo.InvariantCulture) <= 5, stdout); // the unmodified control reads (0 % when written)
        Assert.Equal("0", categories["clean"].Groups[7].Value);
        Assert.Contains("rotate: read 1 variant", stderr, StringComparison.Ordinal);
        Assert.Equal(20, Directory.GetFiles(output, "*.txt", SearchOption.AllDirectories).Length);
        Assert.Single(Directory.GetFiles(Path.Combine(output, "alpha"), "*.png"));
    }

    [Fact]
    public void Bad_input_exits_2_naming_the_path_and_writes_nothing()
    {
        string missing = TempDir(), output = TempDir();
        var (code, _, err) = CliRunner.Run("ocr-stress", "--from", missing, "--out", output, "--quick");
        Assert.Equal(2, code);
        Assert.Contains(missing, err, StringComparison.Ordinal);
        Directory.CreateDirectory(missing);
        File.WriteAllText(Path.Combine(missing, "notes.txt"), "NO PHOTO");
        (code, _, err) = CliRunner.Run("ocr-stress", "--from", missing, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains(missing, err, StringComparison.Ordinal);
        (code, _, err) = CliRunner.Run("ocr-stress", "--categories", "rotate,wobble", "--out", output, "--quick");
        Assert.Equal(2, code);
        Assert.Contains("wobble", err, StringComparison.Ordinal);
        (code, _, err) = CliRunner.Run("ocr-stress", "--case", "lower", "--out", output, "--quick");
        Assert.Equal(2, code);
        Assert.Contains("--case: 'lower' is not a letter case", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
