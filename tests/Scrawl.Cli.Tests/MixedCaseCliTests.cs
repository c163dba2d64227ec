using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl ocr --case and ocr-mixed end to end on a generated mixed-case page (held-out EMNIST glyphs, the shipped mixed-case model).</summary>
public class MixedCaseCliTests
{
    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "scrawl-mixed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static double Overall(string output, string label) =>
        double.Parse(Regex.Match(output, $@"^{label}: CER ([0-9.]+)%", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Ocr_mixed_writes_a_page_with_its_truth_and_reads_it_in_both_cases()
    {
        string dir = TempDir();
        var (code, output, err) = CliRunner.Run("ocr-mixed", "--pages", "1", "--seed", "3", "--out", dir);
        Assert.True(code == 0, err);
        string truth = File.ReadAllText(Path.Combine(dir, "mixed-001.txt"));
        Assert.True(File.Exists(Path.Combine(dir, "mixed-001.png")));
        Assert.Contains(truth, char.IsAsciiLetterLower);
        double sensitive = Overall(output, "overall-sensitive"), folded = Overall(output, "overall-folded");
        Assert.True(folded <= sensitive, output);
        Assert.True(sensitive < 20, output); // a mixed-case page is read, not guessed (the benchmark's full figures are in the README)

        // The same page through 'ocr': --case mixed keeps lower case (and its JSON alternatives carry it), --case upper writes capitals only.
        string page = Path.Combine(dir, "mixed-001.png");
        var (mixedCode, mixed, mixedErr) = CliRunner.Run("ocr", page, "--case", "mixed");
        Assert.True(mixedCode == 0, mixedErr);
        Assert.True(mixed.Count(char.IsAsciiLetterLower) > mixed.Count(char.IsAsciiLetterUpper), mixed);
        var (upperCode, upper, upperErr) = CliRunner.Run("ocr", page);
        Assert.True(upperCode == 0, upperErr);
        Assert.DoesNotContain(upper, char.IsAsciiLetterLower);
        var (jsonCode, json, jsonErr) = CliRunner.Run("ocr", page, "--case", "mixed", "--json");
        Assert.True(jsonCode == 0, jsonErr);
        using var doc = JsonDocument.Parse(json);
        var alternatives = doc.RootElement.GetProperty("lines").EnumerateArray().SelectMany(l => l.GetProperty("words").EnumerateArray())
            .SelectMany(w => w.GetProperty("characters").EnumerateArray()).SelectMany(c => c.GetProperty("alternatives").EnumerateArray())
            .Select(a => a.GetProperty("label").GetString()!).ToList();
        Assert.Contains(alternatives, a => char.IsAsciiLetterLower(a[0]));
        Assert.Equal(0, doc.RootElement.GetProperty("rotation").GetInt32());

        // Half-turned, the mixed-case page is turned back (the capitals model judges the turn, issue #23) and reads as it did upright.
        var (grey, _, _) = Scrawl.Media.PhotoLoader.Load(page, 4096);
        string turned = Path.Combine(dir, "turned.png");
        File.WriteAllBytes(turned, Scrawl.Media.PngImage.Encode(new Scrawl.Imaging.FloatImage([.. grey.Pixels.Reverse()], grey.Height, grey.Width)));
        var (turnedCode, turnedJson, turnedErr) = CliRunner.Run("ocr", turned, "--case", "mixed", "--json");
        Assert.True(turnedCode == 0, turnedErr);
        using var turnedDoc = JsonDocument.Parse(turnedJson);
        Assert.Equal(180, turnedDoc.RootElement.GetProperty("rotation").GetInt32());
        Assert.Equal(doc.RootElement.GetProperty("text").GetString(), turnedDoc.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void Capitals_read_the_same_in_mixed_and_auto_mode()
    {
        string sample = Path.Combine(FindRepository(), "samples", "sample-page.jpg");
        string truth = File.ReadAllText(Path.ChangeExtension(sample, ".txt")).Trim();
        foreach (string mode in new[] { "mixed", "auto" })
        {
            var (code, output, err) = CliRunner.Run("ocr", sample, "--case", mode);
            Assert.True(code == 0, err);
            Assert.Equal(truth, output.Replace("\r", "", StringComparison.Ordinal).Trim());
        }
    }

    [Fact]
    public void A_bad_case_or_a_capitals_model_for_mixed_case_is_a_clear_error()
    {
        string sample = Path.Combine(FindRepository(), "samples", "sample-page.jpg");
        var (code, _, err) = CliRunner.Run("ocr", sample, "--case", "lower");
        Assert.Equal(2, code);
        Assert.Contains("--case", err, StringComparison.Ordinal);
        string capitals = Path.Combine(FindRepository(), "models", "charmodel.scrawl");
        (code, _, err) = CliRunner.Run("ocr", sample, "--case", "mixed", "--model", capitals);
        Assert.Equal(2, code);
        Assert.Contains("charmodel.scrawl: the model has no lower-case classes", err, StringComparison.Ordinal);
        (code, _, err) = CliRunner.Run("ocr-eval", Path.GetDirectoryName(sample)!, "--score", "exact");
        Assert.Equal(2, code);
        Assert.Contains("--score", err, StringComparison.Ordinal);
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Scrawl.slnx")))
            {
                return dir.FullName;
            }
        }

        Assert.Fail("Scrawl.slnx not found above the test binaries.");
        return "";
    }
}
