using System.Globalization;
using System.Text.RegularExpressions;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl bench cnn: a short CNN run learns and ends with its throughput.</summary>
public class BenchCnnTests
{
    [Fact]
    public void One_epoch_on_mnist_learns_and_ends_with_samples_per_second()
    {
        var (code, stdout, err) = CliRunner.Run("bench", "cnn", "--epochs", "1", "--limit", "4000", "--lr", "0.01", "--data", "mnist-10k");
        Assert.True(code == 0, err);

        var epoch = Regex.Match(stdout, @"^epoch\s+1 .* valid_acc (\d+\.\d+) ", RegexOptions.Multiline);
        Assert.True(epoch.Success, stdout);
        double validAccuracy = double.Parse(epoch.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(validAccuracy > 0.2, $"validation accuracy {validAccuracy} after 1 epoch (chance: 0.1)\n{stdout}");
        Assert.Contains("train 4000,", stdout);

        string last = stdout.TrimEnd().Split('\n')[^1].TrimEnd('\r');
        var rate = Regex.Match(last, @"^samples-per-second: (\d+(\.\d+)?)$");
        Assert.True(rate.Success, last);
        Assert.True(double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void Bad_options_are_refused_with_exit_code_2()
    {
        var (code, _, err) = CliRunner.Run("bench", "cnn", "--epochs", "0");
        Assert.Equal(2, code);
        Assert.Contains("--epochs", err);
    }
}
