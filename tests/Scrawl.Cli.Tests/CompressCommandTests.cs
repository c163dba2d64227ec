using System.Globalization;
using System.Text.RegularExpressions;

namespace Scrawl.Cli.Tests;

public class CompressCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-pca-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Pca_reports_rank_parameters_and_ends_with_time_and_psnr()
    {
        var (code, output, err) = CliRunner.Run("compress", "pca", "--data", "mnist-10k", "--components", "16", "--out", _dir);
        Assert.True(code == 0, err);
        Assert.Contains("projection matrix: 16×784, rank 16", output, StringComparison.Ordinal);
        Assert.Matches(@"PCA, 16 components\s+12,544", output);
        Assert.Matches(@"autoencoder 1024-32-32-32-1024\s+68,704", output);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches(@"^fit-seconds: \d+\.\d{3}$", lines[^2]);
        var psnr = Regex.Match(lines[^1], @"^psnr-db: (\d+\.\d{2})$");
        Assert.True(psnr.Success, lines[^1]);
        // 16 components keep most of a digit: well above the ~10 dB of predicting the mean image.
        Assert.InRange(double.Parse(psnr.Groups[1].Value, CultureInfo.InvariantCulture), 15, 30);
        Assert.True(new FileInfo(Path.Combine(_dir, "pca-reconstructions.png")).Length > 1000);
    }

    [Fact]
    public void Impossible_component_counts_are_rejected()
    {
        var (code, _, err) = CliRunner.Run("compress", "pca", "--data", "mnist-10k", "--components", "5000", "--out", _dir);
        Assert.Equal(2, code);
        Assert.Contains("--components must be 1–784", err, StringComparison.Ordinal);
    }
}
