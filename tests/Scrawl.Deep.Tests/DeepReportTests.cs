using System.Net;
using System.Text.RegularExpressions;

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
        var (code, output, error) = Report();
        Assert.True(code == 0, error + output);
        Assert.Equal(10, Regex.Count(output, @"^report \[\d+/10\] [\w -]+: done in", RegexOptions.Multiline));
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
        Assert.Equal(6 + 4, deepBlocks.Count); // figures above; tables: runs, FC net in both engines, transfer, benchmark
        foreach (Match block in deepBlocks)
        {
            Assert.Matches("<p class=\"caption\">[^<]{10,}</p>\\s*<p class=\"command\">Reproduce: <code>\\./scrawl [^<]+</code></p>", block.Groups[2].Value);
        }

        // The transfer table's test accuracies are the ones the runs recorded.
        string pretrained = File.ReadAllText(Path.Combine(_dir, "runs", "deep", "flowers17", "pretrained-history.json"));
        double test = double.Parse(Regex.Matches(pretrained, "\"TestAccuracy\": ([0-9.eE-]+)").Last().Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"{100 * test:F1} %", html, StringComparison.Ordinal);
        Assert.Matches(@"TorchSharp 0\.107</td>\s*<td class=""num"">\d+", html);

        // Again: the deep runs are collected (the benchmark measures anew), and the page is the same apart from its timings.
        var (again, output2, error2) = Report();
        Assert.True(again == 0, error2 + output2);
        Assert.Equal(5, Regex.Count(output2, @"^report \[\d+/10\] deep [\w -]+: collected from", RegexOptions.Multiline));
        Assert.Contains("report [10/10] deep bench: done in", output2, StringComparison.Ordinal);
    }
}
