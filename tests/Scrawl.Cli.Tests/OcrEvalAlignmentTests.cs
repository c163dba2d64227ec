namespace Scrawl.Cli.Tests;

/// <summary>ocr-eval aligns read lines to truth lines: a spurious or missing line costs only its own characters and is counted.</summary>
public class OcrEvalAlignmentTests
{
    private static string Sample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "sample-page.jpg");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail("samples/sample-page.jpg not found.");
        return "";
    }

    /// <summary>ocr-eval (shipped model, which reads the sample exactly) of the sample page against <paramref name="truth"/>.</summary>
    private static string[] Evaluate(string truth)
    {
        string dir = Path.Combine(Path.GetTempPath(), "scrawl-align-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.Copy(Sample(), Path.Combine(dir, "page.jpg"));
        File.WriteAllText(Path.Combine(dir, "page.txt"), truth);
        var (code, output, err) = CliRunner.Run("ocr-eval", dir);
        Assert.True(code == 0, err);
        return output.TrimEnd().Split('\n');
    }

    [Fact]
    public void A_line_read_but_not_in_the_truth_is_spurious_and_costs_only_its_characters()
    {
        var lines = Evaluate("1 BUY 12 EGGS\n2 CALL BOB AT 5\n3 ROOM 404 ON FLOOR 2\nPAY 30 BY FRIDAY\n");
        Assert.Equal("overall: CER 24.00% WER 10.53% lines 4/5 spurious 1 missing 0", lines[^1]); // SHOPPINGLIST: 12 of 50 characters, 2 of 19 words
        Assert.Contains(lines, l => l.Contains("spurious line (read line 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_truth_line_not_read_is_missing_and_costs_only_its_characters()
    {
        var lines = Evaluate("SHOPPING LIST\n1 BUY 12 EGGS\n2 CALL BOB AT 5\nMISSING LINE\n3 ROOM 404 ON FLOOR 2\nPAY 30 BY FRIDAY\n");
        Assert.Equal("overall: CER 15.07% WER 8.70% lines 5/6 spurious 0 missing 1", lines[^1]); // MISSINGLINE: 11 of 73 characters, 2 of 23 words
        Assert.Contains(lines, l => l.Contains("line 4: expected \"MISSING LINE\" read \"\" (missing)", StringComparison.Ordinal));
    }
}
