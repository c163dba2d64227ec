using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>
/// <c>scrawl report --quick --deep</c>: the main CLI runs the TorchSharp studies through scrawl-deep (a child process) and
/// adds their sections; a second run collects the finished runs instead of training again.
/// </summary>
public sealed class DeepReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-deep-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Error) Report()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::Scrawl.Cli.Program.Run(
            ["report", "--quick", "--deep", "--data", TestData.Nist36Folder(), "--runs", Path.Combine(_dir, "runs"), "--out", Path.Combine(_dir, "report.html")], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_deep_sections_come_from_scrawl_deep_runs_and_a_second_report_collects_them()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        var (code, output, error) = Report();
        Assert.True(code == 0, error + output);
        Assert.Equal(13, Regex.Count(output, @"^report \[\d+/13\] [\w -]+: done in", RegexOptions.Multiline));
        Assert.Contains("deep finetune pretrained: 100 % (3.0/3.0 epochs)", output, StringComparison.Ordinal);
        Assert.Contains("deep cnn mnist-10k: 100 % (1.0/1.0 epochs)", output, StringComparison.Ordinal);

        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        foreach (string heading in new[] { "Deep learning on TorchSharp (seed §7)", "Transfer learning on flowers-17 (seed Figure 13)", "TorchSharp vs PyTorch: CNN training throughput" })
        {
            Assert.Contains(WebUtility.HtmlEncode(heading), html, StringComparison.Ordinal);
        }

        // 12 figures of the seed's studies + curves of 2 deep runs (2 each) + pretrained vs scratch (2).
        Assert.Equal(18, Regex.Count(html, "<img src=\"data:image/png;base64,"));
        var deepBlocks = Regex.Matches(html, "<figure class=\"(figure|table)\">((?:(?!</figure>).)*?\\./scrawl deep (?:(?!</figure>).)*?)</figure>", RegexOptions.Singleline);
        Assert.Equal(6 + 5, deepBlocks.Count); // figures above; tables: runs, FC net in both engines, transfer, the train+val ensemble, benchmark
        foreach (Match block in deepBlocks)
        {
            Assert.Matches("<p class=\"caption\">[^<]{10,}</p>\\s*<p class=\"command\">Reproduce: <code>\\./scrawl [^<]+</code></p>", block.Groups[2].Value);
        }

        // The transfer table's test accuracies are the ones the runs recorded.
        string pretrained = File.ReadAllText(Path.Combine(_dir, "runs", "deep", "flowers17", "pretrained-history.json"));
        double test = double.Parse(Regex.Matches(pretrained, "\"TestAccuracy\": ([0-9.eE-]+)").Last().Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"{100 * test:F1} %", html, StringComparison.Ordinal);
        Assert.Matches(@"TorchSharp 0\.107</td>\s*<td class=""num"">\d+", html);
        AssertTrainValRows(output, html);

        // Again: the deep runs are collected (the benchmark measures anew), and the page is the same apart from its timings.
        var (again, output2, error2) = Report();
        Assert.True(again == 0, error2 + output2);
        Assert.Equal(7, Regex.Count(output2, @"^report \[\d+/13\] deep [\w -]+: collected from", RegexOptions.Multiline));
        Assert.Contains("report [12/13] deep ensemble train-val: done in", output2, StringComparison.Ordinal);
        Assert.Contains("report [13/13] deep bench: done in", output2, StringComparison.Ordinal);
        Assert.Equal(Ensemble(html), Ensemble(File.ReadAllText(Path.Combine(_dir, "report.html"))));
    }

    /// <summary>The rows of the train+val table (the two members and their ensemble), as text.</summary>
    private static string Ensemble(string html) =>
        Regex.Match(html, "<tr><td>member 1: .*?</table>", RegexOptions.Singleline).Value;

    /// <summary>The flowers-17 recipe of #20: a row per train+val member and one for their ensemble, each with its command, figures as deep ensemble gives them.</summary>
    private void AssertTrainValRows(string output, string html)
    {
        Assert.Contains("deep finetune train-val s1: 100 % (3.0/3.0 epochs)", output, StringComparison.Ordinal);
        string deep = Path.Combine(_dir, "runs", "deep");
        string[] members = [Path.Combine(deep, "flowers17-train-val-s0"), Path.Combine(deep, "flowers17-train-val-s1")];
        string cache = Path.Combine(deep, "feature-cache");

        // Each row names the command that reproduces it; the old recipe rows stay.
        for (int seed = 0; seed < 2; seed++)
        {
            Assert.Contains(WebUtility.HtmlEncode($"./scrawl deep finetune --data flowers17 --size 32 --head-epochs 2 --epochs 1 --tta flip --train-on train+val --seed {seed} --threads 1 --feature-cache {cache} --out {members[seed]}"),
                html, StringComparison.Ordinal);
        }

        string errorsFile = Path.Combine(deep, "ensemble-train-val.json");
        string ensembleCommand = WebUtility.HtmlEncode($"./scrawl deep ensemble --runs {members[0]},{members[1]} --out {errorsFile}");
        Assert.Contains(ensembleCommand, html, StringComparison.Ordinal);
        Assert.True(File.Exists(errorsFile), "the ensemble stage leaves the errors file the table is read from");
        Assert.Contains("crops recipe of #20", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("Flowers-17: the recipe of issue #20 (two train+val runs and their ensemble)"), html, StringComparison.Ordinal);

        // The two members share one feature cache: the second reads what the first wrote.
        Assert.NotEmpty(Directory.GetFiles(cache));
        string secondLog = Directory.GetFiles(Path.Combine(_dir, "runs", "logs"), "*deep-finetune-train-val-s1.log").Single();
        Assert.Contains("feature cache: read", File.ReadAllText(secondLog), StringComparison.Ordinal);

        // The figures are those deep ensemble gives on the same runs, each row beside its command.
        var stdout = new StringWriter();
        Assert.Equal(0, Cli.DeepCli.Run(["ensemble", "--runs", string.Join(',', members)], stdout, new StringWriter()));
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var all = Regex.Match(lines[^1], @"^ensemble of 2: test (\d+) errors of (\d+) \(first views only: (\d+)\)");
        Assert.True(all.Success, stdout.ToString());
        Assert.Matches(Row("ensemble of the two (mean softmax)", all, ensembleCommand), html);
        for (int m = 0; m < 2; m++)
        {
            var run = Regex.Match(lines[m], @"test (\d+) errors of (\d+) \(2 views; first view (\d+)\)");
            Assert.True(run.Success, lines[m]);
            Assert.Matches(Row($"member {m + 1}: seed {m}", run, "./scrawl deep finetune "), html);
        }
    }

    /// <summary>A table row that starts with <paramref name="model"/>, shows the errors, accuracy and first-view errors of <paramref name="printed"/> and ends with the command.</summary>
    private static Regex Row(string model, Match printed, string command)
    {
        int errors = int.Parse(printed.Groups[1].Value, CultureInfo.InvariantCulture), count = int.Parse(printed.Groups[2].Value, CultureInfo.InvariantCulture);
        string accuracy = (100 * (1 - ((double)errors / count))).ToString("F1", CultureInfo.InvariantCulture) + " %"; // as the report rounds it
        string cells = string.Join(@"</td>\s*<td[^>]*>", [Regex.Escape(WebUtility.HtmlEncode(model)), "[^<]*", $"{errors} of {count}", Regex.Escape(accuracy), printed.Groups[3].Value, "[^<]*", Regex.Escape(command)]);
        return new Regex("<tr>\\s*<td[^>]*>" + cells);
    }
}
