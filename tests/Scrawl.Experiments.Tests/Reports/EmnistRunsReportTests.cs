using System.Text.RegularExpressions;
using Scrawl.Experiments.CharModel;
using Scrawl.Experiments.Reports;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Tests.Reports;

/// <summary>The report's EMNIST part: finished run folders collected into rows and figures, each with the command that made it.</summary>
public class EmnistRunsReportTests : IDisposable
{
    private const string TrainCommand = "./scrawl deep train --model cnn --data emnist-mixedcase --epochs 3 --optimizer adam --schedule cosine --lr 0.002 --batch 128 --hidden 64 --augment none --coarse-data emnist-more36 --fit-bias --seed 2 --threads 1";
    private const string ScoreCommand = "./scrawl deep score --model runs/a/model.pt --model runs/b/model.pt --data emnist-mixedcase";
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-emnist-report-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A tiny run folder as deep train (full) or deep score (heldout.json and the confusion only) leaves it.</summary>
    internal static string FakeRun(string folder, string command, double accuracy, bool full)
    {
        Directory.CreateDirectory(folder);
        var all = new HeldOutSourceRow("all", 11634, accuracy, 0.8996, 0.9055, 0.9428);
        var pairs = new[] { new PairConfusion("O", "0", 195, 86, 416, 578), new PairConfusion("l", "1", 204, 8, 254, 633) };
        new HeldOutSummary("model.pt", "ab12", 62, command, [all with { Source = "emnist-mixedcase test" }, all], pairs, pairs).Save(Path.Combine(folder, "heldout.json"));
        byte[] png = ConfusionFigure.Render(ConfusionMatrix.Compute([0, 1, 1], [0, 1, 0], ["0", "O"]), "fake");
        File.WriteAllBytes(Path.Combine(folder, "confusion-heldout.png"), png);
        if (full)
        {
            File.WriteAllBytes(Path.Combine(folder, "curves-accuracy.png"), png);
            File.WriteAllText(Path.Combine(folder, "settings.json"), """{ "Model": "cnn", "Data": "emnist-mixedcase", "Epochs": 3, "Seed": 2, "Hidden": 64, "Augment": "none", "CoarseData": "emnist-more36", "LearningRate": 0.002 }""");
            File.WriteAllText(Path.Combine(folder, "history.json"), """[{ "Epoch": 1, "Seconds": 900.5, "TestLoss": "NaN" }, { "Epoch": 2 }, { "Epoch": 3 }]""");
            File.WriteAllText(Path.Combine(folder, EmnistRunsReport.LogFile),
                "epoch   3/3  lr 0  train_loss 0.4\nfit-bias (on the validation split): valid 85.95 % → 86.40 %; test 85.80 % → 86.36 %; bias range -0.50 … 0.70\nheld-out (11,634 test images): 62 classes 86.36 %\nwall-seconds: 3036\n");
        }

        return folder;
    }

    private static string Html(IReadOnlyList<string> folders, string runs)
    {
        var document = new ReportDocument("t");
        EmnistRunsReport.AddSection(document, folders, Path.Combine(runs, EmnistRunsReport.RunsSubfolder), "./scrawl report --emnist");
        return ReportHtml.Render(document);
    }

    [Fact]
    public void Each_collected_run_is_a_row_with_its_exact_command_accuracies_pairs_and_figures()
    {
        string runs = Path.Combine(_dir, "runs");
        string train = FakeRun(Path.Combine(_dir, "given", "cnn-s2e3"), TrainCommand, 0.8636, full: true);
        FakeRun(Path.Combine(runs, EmnistRunsReport.RunsSubfolder, "ensemble"), ScoreCommand, 0.8638, full: false);
        var folders = EmnistRunsReport.Find([train], runs);
        Assert.Equal(2, folders.Count);
        string html = Html(folders, runs);

        var summary = Regex.Match(html, "<table>.*?</table>", RegexOptions.Singleline).Value;
        var rows = Regex.Matches(summary, "<tr>(.*?)</tr>", RegexOptions.Singleline).Skip(1).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("cnn-s2e3", rows[0], StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"{TrainCommand} --out {train}"), rows[0], StringComparison.Ordinal); // the folder completes the command
        Assert.Contains("86.36 %", rows[0], StringComparison.Ordinal);
        Assert.Contains("89.96 %", rows[0], StringComparison.Ordinal);
        Assert.Contains("85.80 % → 86.36 %", rows[0], StringComparison.Ordinal);
        Assert.Contains("3036 s", rows[0], StringComparison.Ordinal);
        Assert.Matches("<td[^>]*>3</td>", rows[0]); // epochs from history.json
        Assert.Contains("ensemble", rows[1], StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(ScoreCommand), rows[1], StringComparison.Ordinal);
        Assert.Contains("86.38 %", rows[1], StringComparison.Ordinal);

        // Pairs per run, confusion per run, curves where the run has them; every block names its command.
        Assert.Equal(2, Regex.Count(html, "<td>O/0</td>"));
        Assert.Equal(3, Regex.Count(html, "<img src=\"data:image/png;base64,"));
        var blocks = Regex.Matches(html, "<figure class=\"(figure|table)\">(.*?)</figure>", RegexOptions.Singleline);
        Assert.Equal(1 + 2 + 3, blocks.Count);
        Assert.All(blocks, b => Assert.Matches("Reproduce: <code>\\./scrawl [^<]+</code>", b.Groups[2].Value));
        Assert.Equal(3, blocks.Count(b => b.Groups[2].Value.Contains("Reproduce: <code>./scrawl deep train --model cnn --data emnist-mixedcase", StringComparison.Ordinal)));
        Assert.Equal(2, blocks.Count(b => b.Groups[2].Value.Contains("Reproduce: <code>./scrawl deep score --model", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_given_folder_of_runs_gives_its_run_subfolders_once_and_a_folder_without_runs_is_an_error()
    {
        string parent = Path.Combine(_dir, "many");
        FakeRun(Path.Combine(parent, "b"), TrainCommand, 0.86, full: false);
        FakeRun(Path.Combine(parent, "a"), TrainCommand, 0.85, full: false);
        Directory.CreateDirectory(Path.Combine(parent, "no-run"));
        var found = EmnistRunsReport.Find([parent, Path.Combine(parent, "a")], Path.Combine(_dir, "runs"));
        Assert.Equal(["a", "b"], found.Select(Path.GetFileName));

        var e = Assert.Throws<InvalidDataException>(() => EmnistRunsReport.Find([Path.Combine(parent, "no-run")], _dir));
        Assert.Contains("no-run", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => EmnistRunsReport.Find([Path.Combine(_dir, "missing")], _dir));
    }

    [Fact]
    public void Without_runs_the_section_says_how_to_make_one_and_a_broken_score_names_its_file()
    {
        string html = Html([], _dir);
        Assert.Contains("No EMNIST run found", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(EmnistRunsReport.ExampleCommand), html, StringComparison.Ordinal);

        string broken = Path.Combine(_dir, "broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "heldout.json"), "{ not json");
        var e = Assert.Throws<InvalidDataException>(() => Html([broken], _dir));
        Assert.Contains("heldout.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_gives_the_wall_time_and_the_test_accuracy_before_and_after_the_bias_fit()
    {
        var log = EmnistRunsReport.ParseLog("x\nfit-bias (on the validation split): valid 85.19 % → 85.60 %; test 85.19 % → 85.78 %; bias range -1.00 … 1.00\nwall-seconds: 3022\n");
        Assert.Equal(new EmnistRunsReport.RunLog("3022", "85.19 %", "85.78 %"), log);
        Assert.Equal(new EmnistRunsReport.RunLog(null, null, null), EmnistRunsReport.ParseLog("epoch 1/3\n"));
    }

    [Fact]
    public void The_report_command_repeats_the_emnist_options()
    {
        var s = new ReportSettings("glyphs36", 0, 1, 1, 1, "small", "runs/report", false) { EmnistRuns = ["runs/x", "runs/y"] };
        Assert.Equal(["--emnist-run", "runs/x", "--emnist-run", "runs/y"], s.CommandArgs()[^4..]);
        Assert.Equal("--emnist", (s with { EmnistRuns = [] }).CommandArgs()[^1]);
        Assert.DoesNotContain("--emnist", (s with { EmnistRuns = null }).CommandArgs());
    }
}
