using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl report --quick on the NIST36-layout fixture: one self-contained page whose figures name their commands.</summary>
public class ReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-report-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private (int Code, string Out, string Err) Report(params string[] extra) =>
        CliRunner.Run([
            "report", "--quick", "--data", Nist36FixtureTests.Fixture(), "--out", Path.Combine(_dir, "report.html"), "--runs", Path.Combine(_dir, "runs"), .. extra]);

    [Fact]
    public void The_report_embeds_every_figure_with_a_caption_and_the_command_that_reproduces_it()
    {
        var (code, output, err) = Report();
        Assert.True(code == 0, err);
        Assert.Equal(4, Regex.Count(output, @"^report \[\d/4\] [\w -]+: done in", RegexOptions.Multiline));
        Assert.Contains("classifier: 100 % (3.0/3.0 epochs)", output, StringComparison.Ordinal);
        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.Equal(["report.html"], Directory.GetFiles(_dir).Select(Path.GetFileName)); // no temporary file left

        // Self-contained: no file, http or relative source; every image a PNG data URI.
        Assert.DoesNotMatch("(src|href)=\"(?!data:|#)", html);
        var images = Regex.Matches(html, "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        Assert.Equal(Regex.Count(html, "<img "), images.Count);
        Assert.Equal(12, images.Count); // 2 curves, 2 sweep, 2 weight grids, 3 confusion, 2 autoencoder, 1 PCA
        foreach (Match image in images)
        {
            byte[] png = Convert.FromBase64String(image.Groups[1].Value);
            Assert.Equal("\x89PNG\r\n\x1a\n", string.Concat(png.Take(8).Select(b => (char)b)));
            Assert.Equal("IHDR", string.Concat(png.Skip(12).Take(4).Select(b => (char)b)));
            Assert.InRange(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), 64, 8192);
        }

        var blocks = Regex.Matches(html, "<figure class=\"(figure|table)\">(.*?)</figure>", RegexOptions.Singleline);
        Assert.Equal(12 + 5, blocks.Count); // tables: classifier, sweep, confused pairs, PCA, AE vs PCA
        foreach (Match block in blocks)
        {
            Assert.Matches("<p class=\"caption\">[^<]{10,}</p>\\s*<p class=\"command\">Reproduce: <code>\\./scrawl [^<]+</code></p>", block.Groups[2].Value);
        }

        Assert.Contains("32,768", html, StringComparison.Ordinal);
        Assert.Contains("68,704", html, StringComparison.Ordinal);
        Assert.Matches("most confused pairs", html);

        // The PCA figure's command, run as written, gives the PSNR the report's PCA table shows.
        var pca = blocks.Select(b => b.Groups[2].Value).First(b => b.Contains("PCA fitted on the training images", StringComparison.Ordinal));
        string command = WebUtility.HtmlDecode(Regex.Match(pca, "<code>\\./scrawl ([^<]+)</code>").Groups[1].Value);
        string tablePsnr = Regex.Matches(pca, "<td class=\"num\">([^<]*)</td>").Last().Groups[1].Value;
        var (pcaCode, pcaOut, pcaErr) = CliRunner.Run(command.Split(' '));
        Assert.True(pcaCode == 0, pcaErr);
        Assert.EndsWith($"psnr-db: {tablePsnr}", pcaOut.TrimEnd(), StringComparison.Ordinal);
        Assert.True(double.Parse(tablePsnr, CultureInfo.InvariantCulture) > 5);
    }

    [Fact]
    public void A_second_report_collects_the_runs_with_the_same_settings()
    {
        Assert.Equal(0, Report().Code);
        string model = Path.Combine(_dir, "runs", "train", "model.scrawl");
        var written = File.GetLastWriteTimeUtc(model);
        var (code, output, err) = Report();
        Assert.True(code == 0, err);
        Assert.Equal(3, Regex.Count(output, "collected from"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(model));

        // Other settings run again rather than reuse a run that does not match.
        (code, output, err) = Report("--epochs", "2");
        Assert.True(code == 0, err);
        Assert.Equal(2, Regex.Count(output, "collected from"));
        Assert.Contains("./scrawl train --data", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_fails_clearly_without_writing_a_report()
    {
        string missing = Path.Combine(_dir, "no-such-data");
        var (code, _, err) = CliRunner.Run("report", "--quick", "--data", missing, "--out", Path.Combine(_dir, "r.html"), "--runs", Path.Combine(_dir, "runs"));
        Assert.Equal(2, code);
        Assert.Contains("no-such-data", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "r.html")));

        (code, _, err) = CliRunner.Run("report", "--quick", "--epochs", "0", "--out", Path.Combine(_dir, "r.html"));
        Assert.Equal(2, code);
        Assert.Contains("--epochs", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "r.html")));
    }
}
