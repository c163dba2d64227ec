using System.Text.RegularExpressions;
using Scrawl.Experiments.CharModel;

namespace Scrawl.Cli.Tests;

/// <summary><c>scrawl report --emnist-run DIR</c>: finished EMNIST runs collected into the page with their commands; nothing is trained.</summary>
public class ReportEmnistTests : IDisposable
{
    private const string Command = "./scrawl deep train --model cnn --data emnist-mixedcase --epochs 5 --optimizer adam --schedule cosine --lr 0.002 --batch 128 --hidden 64 --augment none --seed 3 --threads 1";
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-report-emnist-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private (int Code, string Out, string Err) Report(params string[] extra) =>
        CliRunner.Run(["report", "--quick", "--data", Nist36FixtureTests.Fixture(), "--out", Path.Combine(_dir, "report.html"), "--runs", Path.Combine(_dir, "runs"), .. extra]);

    [Fact]
    public void A_named_run_folder_is_collected_into_a_row_with_its_command_and_a_wrong_one_fails_before_any_stage()
    {
        string run = Path.Combine(_dir, "emnist-cnn");
        Directory.CreateDirectory(run);
        var all = new HeldOutSourceRow("all", 11634, 0.8712, 0.9101, 0.9155, 0.9501);
        var pair = new PairConfusion("O", "0", 190, 80, 416, 578);
        new HeldOutSummary("model.pt", "ab", 62, Command, [all], [pair], [pair]).Save(Path.Combine(run, "heldout.json"));

        var (code, output, err) = Report("--emnist-run", run);
        Assert.True(code == 0, err);
        Assert.Equal(4, Regex.Count(output, @"^report \[\d/4\] [\w -]+: done in", RegexOptions.Multiline)); // the seed's stages only: no training
        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.Contains("EMNIST classifiers on the held-out 10 % of byclass-test", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{Command} --out {run}</td>", html, StringComparison.Ordinal);
        Assert.Contains("87.12 %", html, StringComparison.Ordinal);
        Assert.Contains("<td>O/0</td>", html, StringComparison.Ordinal);
        Assert.Contains($"--emnist-run {run}", html, StringComparison.Ordinal); // the page's own command repeats the option

        (code, output, err) = Report("--emnist-run", Path.Combine(_dir, "nothing-here"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("nothing-here", err, StringComparison.Ordinal);
        Assert.DoesNotContain("report [1/", output, StringComparison.Ordinal);
    }
}
