using System.Text.RegularExpressions;

namespace Scrawl.Cli.Tests;

/// <summary>The experiment commands on a small NIST36-layout .mat trio (the seed's data format).</summary>
public class Nist36FixtureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-nist36-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The committed fake nist36_{train,valid,test}.mat trio (108/36/72 samples) of the data tests.</summary>
    internal static string Fixture()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "Scrawl.Data.Tests", "Fixtures", "formats", "nist36");
            if (File.Exists(Path.Combine(candidate, "nist36_train.mat")))
            {
                return candidate;
            }
        }

        Assert.Fail("tests/Scrawl.Data.Tests/Fixtures/formats/nist36 not found above the test binaries");
        return string.Empty;
    }

    [Fact]
    public void Train_evaluate_and_pca_run_on_nist36_mat_files()
    {
        string data = Fixture();
        string run = Path.Combine(_dir, "run");
        var (code, output, err) = CliRunner.Run("train", "--data", data, "--hidden", "8", "--epochs", "3", "--out", run);
        Assert.True(code == 0, err);
        Assert.Contains("train 108, valid 36; 1024-8-36", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "model.scrawl")));

        (code, output, err) = CliRunner.Run("evaluate", Path.Combine(run, "model.scrawl"), "--data", data);
        Assert.True(code == 0, err);
        Assert.Matches(@"test\s+\d+/72", output);
        Assert.Matches(new Regex(@"^accuracy: [01]\.\d{4}$", RegexOptions.Multiline), output.TrimEnd().Split('\n')[^1]);

        (code, output, err) = CliRunner.Run("compress", "pca", "--data", data, "--components", "8", "--out", Path.Combine(_dir, "pca"));
        Assert.True(code == 0, err);
        Assert.Contains("projection matrix: 8×1024, rank 8", output, StringComparison.Ordinal);
        Assert.Matches(@"psnr-db: \d+\.\d{2}$", output.TrimEnd());
    }

    [Fact]
    public void Sweep_lr_and_the_autoencoder_run_on_nist36_mat_files()
    {
        string data = Fixture();
        string sweep = Path.Combine(_dir, "sweep");
        var (code, output, err) = CliRunner.Run("sweep-lr", "--data", data, "--hidden", "8", "--epochs", "2", "--out", sweep);
        Assert.True(code == 0, err);
        Assert.Equal(3, Regex.Count(output, "train 108, valid 36; 1024-8-36"));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(sweep, "sweep.csv")).Length);
        Assert.True(File.Exists(Path.Combine(sweep, "sweep-accuracy.png")));
        Assert.Matches(@"^best-lr: 0\.(002|02|2)$", output.TrimEnd().Split('\n')[^1]);

        string ae = Path.Combine(_dir, "ae");
        (code, output, err) = CliRunner.Run("compress", "autoencoder", "--data", data, "--epochs", "2", "--out", ae);
        Assert.True(code == 0, err);
        Assert.Contains("train on 108 × 1024, measure on", output, StringComparison.Ordinal);
        Assert.Contains("autoencoder 1024-32-32-32-1024: 68,704 parameters; recipe tuned", output, StringComparison.Ordinal);
        Assert.Matches(@"PCA, 32 components\s+32,768\s+\d+\.\d{2}", output);
        Assert.Equal(2, Regex.Count(output, @"^epoch +\d+  train-loss", RegexOptions.Multiline));
        Assert.Matches(@"psnr-db: \d+\.\d{2}$", output.TrimEnd());
        Assert.True(File.Exists(Path.Combine(ae, "autoencoder-loss.png")));
        Assert.True(File.Exists(Path.Combine(ae, "autoencoder-reconstructions.png")));
    }
}
