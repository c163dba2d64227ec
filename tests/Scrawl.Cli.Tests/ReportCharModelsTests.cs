using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scrawl.Cli.Tests;

/// <summary><c>scrawl report --charmodels</c>: the shipped character models' held-out figures and ambiguous pairs in the page, collected when already scored.</summary>
public class ReportCharModelsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-report-cm-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private (int Code, string Out, string Err) Report() =>
        CliRunner.Run("report", "--quick", "--charmodels", "--data", Nist36FixtureTests.Fixture(), "--out", Path.Combine(_dir, "report.html"), "--runs", Path.Combine(_dir, "runs"));

    [Fact]
    public void The_report_shows_both_shipped_models_per_source_with_their_ambiguous_pairs()
    {
        var (code, output, err) = Report();
        Assert.True(code == 0, err);
        Assert.Equal(6, Regex.Count(output, @"^report \[\d/6\] [\w -]+: done in", RegexOptions.Multiline));
        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.Contains("Character models on held-out real handwriting", html, StringComparison.Ordinal);
        Assert.Contains("./scrawl score-charmodel ", html, StringComparison.Ordinal);
        Assert.Contains("36 with I/1, O/0 merged", html, StringComparison.Ordinal);
        Assert.Contains("<td>o/O</td>", html, StringComparison.Ordinal); // a case twin of the mixed model

        // The capitals model's overall figure is its manifest's.
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(ShippedCharModelTests.ModelsFolder(), "charmodel.json")));
        double overall = manifest.RootElement.GetProperty("HeldOutAccuracy").GetProperty("overall").GetDouble();
        Assert.Contains(overall.ToString("P1", CultureInfo.InvariantCulture), html, StringComparison.Ordinal);

        // A second report collects the scores of the same models instead of scoring again.
        (code, output, err) = Report();
        Assert.True(code == 0, err);
        Assert.Equal(2, Regex.Count(output, @"charmodel[\w-]*: collected from", RegexOptions.Multiline));
    }
}
