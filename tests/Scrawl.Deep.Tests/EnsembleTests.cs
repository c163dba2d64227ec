using Scrawl.Deep.Cli;
using Scrawl.Deep.Transfer;

namespace Scrawl.Deep.Tests;

/// <summary>Saved probabilities of fine-tuning runs: the file round-trips, bad files are refused by name, ensembles average them.</summary>
public sealed class EnsembleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-ensemble-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Three images of labels 0, 1, 1 with two classes; <paramref name="rows"/> gives p(class 0) per view and image.</summary>
    private static SplitProbabilities Split(string name, params float[][] rows) =>
        new(name, [0, 1, 1], rows.Length, 2, [.. rows.SelectMany(v => v.SelectMany(p0 => new[] { p0, 1 - p0 }))]);

    private string Save(string name, RunProbabilities run)
    {
        string folder = Path.Combine(_dir, name);
        run.Write(Path.Combine(folder, "pretrained-probabilities.csv"));
        return folder;
    }

    [Fact]
    public void Errors_count_arg_max_against_labels_per_view_and_over_views()
    {
        // View 0 gets image 1 wrong (p0 0.6); the mirror is sure of class 1 (0.1), so their mean (0.35) is right.
        var split = Split("valid", [0.9f, 0.6f, 0.2f], [0.8f, 0.1f, 0.4f]);
        Assert.Equal(1, split.Errors(firstViewOnly: true));
        Assert.Equal(0, split.Errors());
        Assert.Equal([0.85f, 0.15f, 0.35f, 0.65f, 0.3f, 0.7f], split.Mean(), (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void An_ensemble_averages_the_runs_and_can_be_right_where_each_run_is_wrong()
    {
        var a = new RunProbabilities([Split("valid", [0.45f, 0.2f, 0.3f]), Split("test", [0.9f, 0.9f, 0.1f])], "a");
        var b = new RunProbabilities([Split("valid", [0.75f, 0.2f, 0.3f]), Split("test", [0.9f, 0f, 0.7f])], "b");
        Assert.Equal((1, 1), (a.Split("valid")!.Errors(), a.Split("test")!.Errors()));
        Assert.Equal((0, 1), (b.Split("valid")!.Errors(), b.Split("test")!.Errors()));
        var both = ProbabilityEnsemble.Average([a, b]);
        Assert.Equal(["valid", "test"], both.Splits.Select(s => s.Name));
        Assert.Equal(0, both.Split("valid")!.Errors()); // image 0: (0.45 + 0.75) / 2 = 0.6 → class 0
        Assert.Equal(0, both.Split("test")!.Errors()); // image 1: p0 (0.9 + 0) / 2 = 0.45; image 2: (0.1 + 0.7) / 2 = 0.4
    }

    [Fact]
    public void An_ensemble_keeps_only_shared_splits_and_refuses_other_labels_naming_the_run()
    {
        var full = new RunProbabilities([Split("valid", [0.9f, 0.1f, 0.1f]), Split("test", [0.9f, 0.1f, 0.1f])], "full");
        var final = new RunProbabilities([Split("test", [0.3f, 0.1f, 0.1f])], "final");
        var both = ProbabilityEnsemble.Average([full, final]);
        Assert.Equal(["test"], both.Splits.Select(s => s.Name));
        Assert.Equal(0, both.Split("test")!.Errors()); // image 0: p0 = (0.9 + 0.3) / 2 = 0.6, where the final run alone is wrong
        Assert.Equal(1, final.Split("test")!.Errors());
        var relabelled = new RunProbabilities([Split("test", [0.9f, 0.1f, 0.1f]) with { Labels = [1, 1, 1] }], "relabelled");
        var e = Assert.Throws<ArgumentException>(() => ProbabilityEnsemble.Average([full, relabelled]));
        Assert.Contains("relabelled", e.Message);
    }

    [Fact]
    public void The_probabilities_file_round_trips_exactly()
    {
        var run = new RunProbabilities([Split("valid", [0.1f / 3, 0.6f, 0.2f], [0.8f, 1e-7f, 0.4f]), Split("test", [1f, 0f, 0.123456789f])]);
        string path = Path.Combine(Save("run", run), "pretrained-probabilities.csv");
        var read = RunProbabilities.Read(path);
        Assert.Equal(path, read.Source);
        Assert.Equal(run.Splits.Count, read.Splits.Count);
        for (int s = 0; s < run.Splits.Count; s++)
        {
            Assert.Equal(run.Splits[s].Name, read.Splits[s].Name);
            Assert.Equal(run.Splits[s].Labels, read.Splits[s].Labels);
            Assert.Equal(run.Splits[s].Views, read.Splits[s].Views);
            Assert.Equal(run.Splits[s].Values, read.Splits[s].Values); // bit for bit
        }
    }

    [Theory]
    [InlineData(0, "not a probabilities file")]
    [InlineData(1, "header")]
    [InlineData(3, "probabilities")]
    [InlineData(4, "not a probability")]
    [InlineData(5, "view-major")]
    public void A_corrupt_file_is_refused_naming_it(int corruption, string why)
    {
        string path = Path.Combine(Save("run", new RunProbabilities([Split("valid", [0.9f, 0.6f, 0.2f], [0.8f, 0.1f, 0.4f])])), "pretrained-probabilities.csv");
        var lines = File.ReadAllLines(path).ToList();
        switch (corruption)
        {
            case 0: lines[0] = "split,view"; break;
            case 1: lines[1] = "split,view,image,label,q0,q1"; break;
            case 3: lines[3] = "valid,0,1,1,0.6"; break; // a probability missing
            case 4: lines[3] = "valid,0,1,1,1.6,0.4"; break;
            case 5: lines.RemoveAt(3); break; // image 1 of view 0 missing
        }

        File.WriteAllLines(path, lines);
        var e = Assert.Throws<InvalidDataException>(() => RunProbabilities.Read(path));
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains(why, e.Message);
        var (code, _, error) = Cli("ensemble", "--runs", Path.GetDirectoryName(path)!);
        Assert.Equal(2, code);
        Assert.Contains(path, error);
    }

    [Fact]
    public void The_ensemble_command_prints_each_run_and_the_mean_and_names_a_missing_file()
    {
        string a = Save("a", new RunProbabilities([Split("valid", [0.45f, 0.2f, 0.3f])]));
        string b = Save("b", new RunProbabilities([Split("valid", [0.75f, 0.2f, 0.3f], [0.75f, 0.6f, 0.3f])]));
        var (code, output, error) = Cli("ensemble", "--runs", $"{a},{b}");
        Assert.True(code == 0, error);
        Assert.Contains("valid 1 errors of 3 (1 view; first view 1)", output);
        Assert.Contains("valid 0 errors of 3 (2 views; first view 0)", output);
        Assert.Contains("ensemble of 2: valid 0 errors of 3 (first views only: 0)", output);
        string json = Path.Combine(_dir, "errors.json");
        Assert.Equal(0, Cli("ensemble", "--runs", $"{a},{b}", "--out", json).Code);
        var written = EnsembleErrors.Read(json);
        Assert.Equal([Path.Combine(a, "pretrained-probabilities.csv"), Path.Combine(b, "pretrained-probabilities.csv")], written.Runs.Select(r => r.Source));
        Assert.Equal(new SplitErrors("valid", 3, 1, 1, 1), written.Runs[0].Splits.Single());
        Assert.Equal(new SplitErrors("valid", 3, 2, 0, 0), written.Runs[1].Splits.Single());
        Assert.Equal(new SplitErrors("valid", 3, 1, 0, 0), written.Ensemble.Splits.Single());
        File.WriteAllText(json, "{}");
        Assert.StartsWith(json + ":", Assert.Throws<InvalidDataException>(() => EnsembleErrors.Read(json)).Message);
        string underFile = Path.Combine(a, "pretrained-probabilities.csv", "errors.json"); // its folder is a file
        var unwritable = Cli("ensemble", "--runs", $"{a},{b}", "--out", underFile);
        Assert.Equal(2, unwritable.Code);
        Assert.Contains(underFile, unwritable.Error);
        var missing = Cli("ensemble", "--runs", $"{a},{Path.Combine(_dir, "none")}");
        Assert.Equal(2, missing.Code);
        Assert.Contains(Path.Combine(_dir, "none"), missing.Error);
    }

    private static (int Code, string Out, string Error) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (DeepCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }
}
