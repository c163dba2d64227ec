using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scrawl.Experiments.CharModel;

namespace Scrawl.Cli.Tests;

/// <summary><c>scrawl score-charmodel</c>: a saved model scored on the held-out real data, as its manifest states; bad models refused.</summary>
public class ScoreCharModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-score-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void The_shipped_model_scores_what_its_manifest_states_and_the_summary_adds_up()
    {
        string folder = ShippedCharModelTests.ModelsFolder(), model = Path.Combine(folder, "charmodel.scrawl");
        var (code, stdout, stderr) = CliRunner.Run("score-charmodel", model, "--out", _dir);
        Assert.True(code == 0, stderr);
        var summary = HeldOutSummary.Read(Path.Combine(_dir, "heldout.json"));
        Assert.True(File.Exists(Path.Combine(_dir, "confusion-heldout.png")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "charmodel.json")));
        var stated = manifest.RootElement.GetProperty("HeldOutAccuracy");
        Assert.Equal(["photo-chars", "emnist-sample", "all"], summary.Sources.Select(s => s.Source));
        Assert.Equal(stated.GetProperty("overall").GetDouble(), summary.Sources[^1].Accuracy, 3);
        Assert.Equal(stated.GetProperty("photo-chars").GetDouble(), summary.Sources[0].Accuracy, 3);
        Assert.Equal(summary.Sources[0].Count + summary.Sources[1].Count, summary.Sources[^1].Count);
        Assert.Equal(HeldOutSummary.HashFile(model), summary.Sha256);
        Assert.Equal(manifest.RootElement.GetProperty("Command").GetString(), summary.Command);

        // Merging I/1 and O/0 turns exactly their confusions into right answers.
        var all = summary.Sources[^1];
        int pairErrors = summary.Ambiguous.Sum(p => p.AsB + p.BAsA);
        Assert.Equal((Math.Round(all.Accuracy * all.Count) + pairErrors) / all.Count, all.AccuracyMerged, 6);
        Assert.Equal(["I/1", "O/0"], summary.Ambiguous.Select(p => $"{p.A}/{p.B}"));
        Assert.Matches(new Regex(@"held-out all: \d+\.\d\d % \(653 images\), I/1 and O/0 merged \d+\.\d\d %"), stdout);
        Assert.Equal(all.Accuracy, double.Parse(Regex.Match(stdout, @"held-out all: (\d+\.\d\d) %").Groups[1].Value, CultureInfo.InvariantCulture) / 100, 4);
    }

    [Fact]
    public void The_wider_emnist_check_scores_the_more36_test_split_apart_from_all_and_takes_only_36_class_models()
    {
        string folder = ShippedCharModelTests.ModelsFolder(), model = Path.Combine(folder, "charmodel.scrawl");
        var (code, stdout, stderr) = CliRunner.Run("score-charmodel", model, "--emnist36");
        Assert.True(code == 0, stderr);
        var line = Regex.Match(stdout, @"held-out emnist-more36 \(case merged; not in 'all'\): (\d+\.\d\d) % \(13,625 images\), I/1 and O/0 merged (\d+\.\d\d) %");
        Assert.True(line.Success, stdout);
        double accuracy = double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture), merged = double.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture);
        // The shipped model reads 84.66 % there (README); a crop in the wrong polarity or layout would read a few per cent.
        Assert.InRange(accuracy, 80, 95);
        Assert.InRange(merged, accuracy, 100);
        Assert.Matches(new Regex(@"held-out all: \d+\.\d\d % \(653 images\)"), stdout); // "all" stays the 653 crops

        string mixed = Path.Combine(folder, "charmodel-mixed.scrawl");
        (code, stdout, stderr) = CliRunner.Run("score-charmodel", mixed, "--emnist36");
        Assert.Equal(2, code);
        Assert.Equal("", stdout); // no partial output
        Assert.Contains(mixed, stderr, StringComparison.Ordinal);
        Assert.Contains("36-class", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_non_character_model_is_refused_naming_the_file()
    {
        string missing = Path.Combine(_dir, "none.scrawl");
        var (code, _, stderr) = CliRunner.Run("score-charmodel", missing, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);

        string junk = Path.Combine(_dir, "junk.scrawl");
        File.WriteAllText(junk, "not a model");
        (code, _, stderr) = CliRunner.Run("score-charmodel", junk, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        Assert.Contains(junk, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }
}
