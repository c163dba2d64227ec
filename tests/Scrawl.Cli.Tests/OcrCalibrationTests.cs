using System.Globalization;
using System.Text.RegularExpressions;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl ocr-calibration on the held-out real crops with the shipped model.</summary>
public class OcrCalibrationTests
{
    [Fact]
    public void The_shipped_model_is_calibrated_on_held_out_crops_and_the_report_ends_with_both_errors()
    {
        var (code, output, err) = CliRunner.Run("ocr-calibration");
        Assert.True(code == 0, err);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches(@"^temperature fitted on \d{3},?\d* validation crops \(photo-chars, emnist-sample\): T = \d+\.\d{3}$", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("photo-chars ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("emnist-sample ", StringComparison.Ordinal));
        var before = Regex.Match(lines[^2], @"^ece-before: (\d\.\d{4})$");
        Assert.True(before.Success, output);
        Assert.Matches(@"^ece-after: \d\.\d{4}$", lines[^1]);
        Assert.True(double.Parse(before.Groups[1].Value, CultureInfo.InvariantCulture) <= 0.03, output); // measured: 0.0172
    }
}
