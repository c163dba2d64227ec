using System.Globalization;
using System.Text.RegularExpressions;

namespace Scrawl.Cli.Tests;

public class CompressAutoencoderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-ae-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static double Psnr(string line) =>
        double.Parse(Regex.Match(line, @"^psnr-db: (\d+\.\d{2})$").Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Autoencoder_trains_writes_its_files_compares_with_pca_and_ends_with_psnr()
    {
        var (code, output, err) = CliRunner.Run("compress", "autoencoder", "--data", "mnist-10k", "--epochs", "2", "--recipe", "adam", "--out", _dir);
        Assert.True(code == 0, err);
        Assert.Contains("autoencoder 784-32-32-32-784: 53,104 parameters; recipe adam", output, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(output, @"^epoch +\d+  train-loss +\d+\.\d{3}  valid-loss +\d+\.\d{3}", RegexOptions.Multiline));
        Assert.Matches(@"PCA, 32 components\s+25,088\s+\d+\.\d{2}", output);
        var aeRow = Regex.Match(output, @"autoencoder 784-32-32-32-784\s+53,104\s+(\d+\.\d{2})");
        Assert.True(aeRow.Success, output);
        var untrained = Regex.Match(output, @"untrained autoencoder: (\d+\.\d{2}) dB");
        Assert.True(untrained.Success, output);

        var lines = output.TrimEnd().Split('\n');
        Assert.Matches(@"^train-seconds: \d+\.\d{2}$", lines[^2]);
        double psnr = Psnr(lines[^1]);
        Assert.Equal(double.Parse(aeRow.Groups[1].Value, CultureInfo.InvariantCulture), psnr);
        Assert.True(psnr > double.Parse(untrained.Groups[1].Value, CultureInfo.InvariantCulture) + 3, output);

        Assert.True(new FileInfo(Path.Combine(_dir, "autoencoder-reconstructions.png")).Length > 1000);
        Assert.True(File.Exists(Path.Combine(_dir, "model.scrawl")));
        var csv = File.ReadAllLines(Path.Combine(_dir, "loss.csv"));
        Assert.Equal("epoch,train_loss,valid_loss,seconds", csv[0]);
        Assert.Equal(3, csv.Length);

        // The PCA study fills its autoencoder row from the trained model, measured on the same images.
        var (pcaCode, pcaOut, pcaErr) = CliRunner.Run("compress", "pca", "--data", "mnist-10k", "--out", _dir, "--autoencoder", Path.Combine(_dir, "model.scrawl"));
        Assert.True(pcaCode == 0, pcaErr);
        Assert.Matches($@"autoencoder 784-32-32-32-784\s+53,104\s+{Regex.Escape(aeRow.Groups[1].Value)}", pcaOut);
    }

    [Fact]
    public void The_same_seed_gives_the_same_loss_history()
    {
        string Losses(string sub)
        {
            var (code, _, err) = CliRunner.Run("compress", "autoencoder", "--data", "mnist-10k", "--epochs", "1", "--seed", "3", "--out", Path.Combine(_dir, sub));
            Assert.True(code == 0, err);
            return string.Join('\n', File.ReadAllLines(Path.Combine(_dir, sub, "loss.csv")).Select(l => l[..l.LastIndexOf(',')]));
        }

        Assert.Equal(Losses("a"), Losses("b"));
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        var (code, _, _) = CliRunner.Run("compress", "autoencoder", "--data", "mnist-10k", "--recipe", "rmsprop", "--out", _dir);
        Assert.NotEqual(0, code);
        var (code2, _, err2) = CliRunner.Run("compress", "autoencoder", "--data", "mnist-10k", "--epochs", "0", "--out", _dir);
        Assert.Equal(2, code2);
        Assert.Contains("--epochs", err2, StringComparison.Ordinal);
        var (code3, _, err3) = CliRunner.Run("compress", "pca", "--data", "mnist-10k", "--out", _dir, "--autoencoder", Path.Combine(_dir, "missing.scrawl"));
        Assert.Equal(2, code3);
        Assert.Contains("missing.scrawl", err3, StringComparison.Ordinal);
    }
}
