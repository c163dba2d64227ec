using System.Globalization;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl sweep-lr: three runs, shared-axes figures, a table, and the best rate by final validation accuracy.</summary>
public class SweepCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-sweep-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_tiny_sweep_picks_the_rate_with_the_best_final_validation_accuracy()
    {
        var (code, stdout, err) = CliRunner.Run("sweep-lr", "--data", "mnist-10k", "--epochs", "2", "--hidden", "16", "--out", _dir);
        Assert.True(code == 0, err);
        foreach (string rate in new[] { "0.002", "0.02", "0.2" })
        {
            Assert.True(File.Exists(Path.Combine(_dir, $"lr-{rate}", "model.scrawl")), $"run lr {rate} missing");
        }

        TrainFiguresTests.AssertFigure(Path.Combine(_dir, "sweep-loss.png"), 800, 500);
        TrainFiguresTests.AssertFigure(Path.Combine(_dir, "sweep-accuracy.png"), 800, 500);

        // The expected winner, read back from the table the sweep wrote.
        var rows = File.ReadAllLines(Path.Combine(_dir, "sweep.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (Rate: f[0], ValidAcc: double.Parse(f[5], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(3, rows.Count);
        string expected = rows.OrderByDescending(r => r.ValidAcc).First().Rate;
        string[] lines = stdout.TrimEnd().Split('\n');
        Assert.Equal($"best-lr: {expected}", lines[^1].TrimEnd('\r'));
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        var (code, _, err) = CliRunner.Run("sweep-lr", "--data", "mnist-10k", "--lr", "0", "--out", _dir);
        Assert.Equal(2, code);
        Assert.Contains("--lr", err, StringComparison.Ordinal);
    }
}
