using System.Diagnostics;

namespace Scrawl.Cli.Tests;

/// <summary>End-to-end runs of the scrawl command through its entry point.</summary>
public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Gradcheck_passes_and_reports_every_layer_and_loss()
    {
        var (code, output, _) = Run("gradcheck");
        Assert.Equal(0, code);
        Assert.Contains("gradcheck: passed", output, StringComparison.Ordinal);
        foreach (string kind in new[] { "dense", "sigmoid", "tanh", "relu", "softmax", "conv2d", "maxpool2d", "global average pool", "batchnorm2d", "cross-entropy", "squared error" })
        {
            Assert.Contains(kind, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Gradcheck_fails_with_exit_1_when_the_tolerance_is_impossible()
    {
        var (code, output, _) = Run("gradcheck", "--tolerance", "1e-30");
        Assert.Equal(1, code);
        Assert.Contains("gradcheck: FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_mlp_trains_and_ends_with_seconds()
    {
        var (code, output, _) = Run("bench", "mlp", "--epochs", "3");
        Assert.Equal(0, code);
        Assert.Contains("epoch    3", output, StringComparison.Ordinal);
        string last = output.TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^seconds: \d+\.\d{3}$", last);
        // Three epochs on the synthetic set already lift accuracy far above chance (1/36).
        var final = System.Text.RegularExpressions.Regex.Match(output, @"final: train_acc ([\d.]+)\s+valid_acc ([\d.]+)");
        Assert.True(double.Parse(final.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0.3, output);
    }

    [Fact]
    public void Bench_mlp_with_a_missing_data_folder_fails_clearly()
    {
        string dir = Path.Combine(Path.GetTempPath(), "scrawl-no-such-" + Guid.NewGuid().ToString("N"));
        var (code, _, err) = Run("bench", "mlp", "--data", dir);
        Assert.Equal(2, code);
        Assert.Contains(dir, err, StringComparison.Ordinal);
        Assert.Contains("neither a known data set", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_mlp_trains_on_any_named_data()
    {
        var (code, output, err) = Run("bench", "mlp", "--epochs", "2", "--data", "mnist-10k", "--hidden", "16");
        Assert.True(code == 0, err);
        Assert.Matches(@"train (79|80)\d\d×784, valid \d{3,4}×784", output); // 80/10/10 split of 10,000, rounded per class
        Assert.Contains("10 classes", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_commands_are_rejected()
    {
        var (code, _, err) = Run("frobnicate");
        Assert.NotEqual(0, code);
        Assert.Contains("frobnicate", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Selfcheck_passes_with_hardware_intrinsics_disabled()
    {
        // A child process with DOTNET_EnableHWIntrinsic=0 runs the scalar GEMM fallback.
        string dll = Path.Combine(AppContext.BaseDirectory, "scrawl.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "selfcheck"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_EnableHWIntrinsic"] = "0";
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output + error);
        Assert.Contains("gemm path: Scalar", output, StringComparison.Ordinal);
        Assert.Contains("selfcheck: passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Selfcheck_passes_on_the_fastest_path()
    {
        var (code, output, _) = Run("selfcheck");
        Assert.Equal(0, code);
        Assert.Contains($"gemm path: {Scrawl.Numerics.Gemm.BestPath}", output, StringComparison.Ordinal);
    }
}
