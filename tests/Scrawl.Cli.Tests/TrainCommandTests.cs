using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl train / evaluate end to end, including exact resume after an interruption.</summary>
public class TrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-train-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private string Train(string name, int epochs, params string[] extra)
    {
        string outDir = Path.Combine(_dir, name);
        var (code, _, err) = CliRunner.Run(["train", "--data", "mnist-10k", "--hidden", "16", "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--out", outDir, .. extra]);
        Assert.True(code == 0, err);
        return outDir;
    }

    [Fact]
    public void Resume_ends_bit_identical_to_an_uninterrupted_run()
    {
        string whole = Train("whole", 4, "--momentum", "0.5");
        string parts = Train("parts", 2, "--momentum", "0.5");
        Train("parts", 4, "--momentum", "0.5", "--resume");
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.scrawl")), File.ReadAllBytes(Path.Combine(parts, "model.scrawl")));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(parts, "history.csv")).Length); // header + 4 epochs
    }

    [Fact]
    public void A_run_killed_mid_epoch_resumes_to_the_same_model()
    {
        string whole = Train("whole", 5, "--batch", "2");
        string killed = Path.Combine(_dir, "killed");
        string dll = Path.Combine(AppContext.BaseDirectory, "scrawl.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "train", "--data", "mnist-10k", "--hidden", "16", "--epochs", "5", "--batch", "2", "--out", killed])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
        {
            string checkpoint = Path.Combine(killed, "checkpoint.ckpt");
            var clock = Stopwatch.StartNew();
            while (!File.Exists(checkpoint) && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(5);
            }

            Thread.Sleep(30); // well inside the next epoch
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        Assert.False(File.Exists(Path.Combine(killed, "model.scrawl")), "the run finished before it could be killed");
        Train("killed", 5, "--batch", "2", "--resume");
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.scrawl")), File.ReadAllBytes(Path.Combine(killed, "model.scrawl")));
    }

    [Fact]
    public void Resuming_with_other_settings_or_no_checkpoint_fails_clearly()
    {
        Train("run", 1);
        var (code, _, err) = CliRunner.Run("train", "--data", "mnist-10k", "--hidden", "32", "--epochs", "2", "--out", Path.Combine(_dir, "run"), "--resume");
        Assert.Equal(2, code);
        Assert.Contains("other settings", err, StringComparison.Ordinal);
        (code, _, err) = CliRunner.Run("train", "--data", "mnist-10k", "--epochs", "2", "--out", Path.Combine(_dir, "none"), "--resume");
        Assert.Equal(2, code);
        Assert.Contains("no checkpoint", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_reports_per_split_per_class_and_ends_with_accuracy()
    {
        string run = Train("eval", 3);
        var (code, output, err) = CliRunner.Run("evaluate", Path.Combine(run, "model.scrawl"), "--data", "mnist-10k");
        Assert.True(code == 0, err);
        Assert.Contains("per class (test)", output, StringComparison.Ordinal);
        var last = Regex.Match(output.TrimEnd().Split('\n')[^1], @"^accuracy: (0\.\d{4})$");
        Assert.True(last.Success, output);
        Assert.InRange(double.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture), 0.8, 1.0);
    }

    [Fact]
    public void The_nist36_reference_model_reads_real_handwriting_in_its_own_layout()
    {
        string? shared = null;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null && shared is null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "models", "nist36-mlp-reference.npz");
            shared = File.Exists(candidate) ? candidate : null;
        }

        Assert.True(shared is not null, "shared/models/nist36-mlp-reference.npz not found beside the repository (CI has it)");
        var (code, output, err) = CliRunner.Run("evaluate", shared!, "--data", "emnist-sample");
        Assert.True(code == 0, err);
        Assert.Contains("NIST36 input layout", output, StringComparison.Ordinal);
        var last = Regex.Match(output.TrimEnd().Split('\n')[^1], @"^accuracy: (0\.\d{4})$");
        Assert.True(last.Success, output);
        Assert.InRange(double.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture), 0.3, 1.0); // far above chance (1/36)
    }
}
