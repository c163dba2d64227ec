using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scrawl.NeuralNet.Serialization;

namespace Scrawl.Cli.Tests;

/// <summary>The character-model recipe (tiny runs) and the shipped model's held-out accuracy.</summary>
public class TrainCharModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-charmodel-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static string[] Tiny(string outDir) =>
        ["train-charmodel", "--epochs", "2", "--per-class", "6", "--synth-per-class", "6", "--width", "4", "--seed", "5", "--out", outDir];

    [Fact]
    public void TinyRunWritesModelManifestAndFigures_AndIsDeterministic()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        var (code, stdout, stderr) = CliRunner.Run(Tiny(a));
        Assert.True(code == 0, stderr);
        Assert.Matches(new Regex(@"heldout-accuracy: (0|1)\.\d{4}\s*$"), stdout);
        Assert.Contains("held-out photo-chars:", stdout);
        Assert.Contains("held-out emnist-sample:", stdout);
        foreach (string file in new[] { "charmodel.scrawl", "charmodel.json", "history.csv", "accuracy.png", "confusion-heldout.png", "augmentation.png" })
        {
            Assert.True(File.Exists(Path.Combine(a, file)), file);
        }

        Assert.Equal(0, CliRunner.Run(Tiny(b)).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "charmodel.scrawl")), File.ReadAllBytes(Path.Combine(b, "charmodel.scrawl")));

        var model = ModelFile.Load(Path.Combine(a, "charmodel.scrawl"));
        Assert.Equal("scrawl", model.Metadata["input"]);
        Assert.Equal(36, JsonSerializer.Deserialize<string[]>(model.Metadata["classes"])!.Length);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "charmodel.json")));
        Assert.StartsWith("./scrawl train-charmodel --epochs 2 --per-class 6", manifest.RootElement.GetProperty("Command").GetString());
        double stated = manifest.RootElement.GetProperty("HeldOutAccuracy").GetProperty("overall").GetDouble();
        double printed = double.Parse(Regex.Match(stdout, @"heldout-accuracy: ([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(printed, stated, 4);
    }

    [Fact]
    public void Calibrate_stores_the_fitted_temperature_that_the_reader_then_applies()
    {
        string a = Path.Combine(_dir, "calibrated");
        var (code, stdout, stderr) = CliRunner.Run([.. Tiny(a), "--calibrate"]);
        Assert.True(code == 0, stderr);
        var line = Regex.Match(stdout, @"calibration: temperature ([\d.]+) fitted on ([\d,]+) real validation crops");
        Assert.True(line.Success, stdout);
        var model = ModelFile.Load(Path.Combine(a, "charmodel.scrawl"));
        double stored = double.Parse(model.Metadata["temperature"], CultureInfo.InvariantCulture);
        Assert.Equal(double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture), stored, 3);
        Assert.True(stored is > 0.0625 and < 16, $"{stored}");
        var classifier = Assert.IsType<Scrawl.Ocr.NetworkClassifier>(Scrawl.Ocr.CharacterModels.Load(Path.Combine(a, "charmodel.scrawl")));
        Assert.Equal(stored, classifier.Temperature);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "charmodel.json")));
        Assert.EndsWith("--calibrate", manifest.RootElement.GetProperty("Command").GetString());
    }

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--width", "2")]
    [InlineData("--synthetic-fraction", "1.5")]
    [InlineData("--schedule", "sawtooth")]
    public void BadSettingsAreRejectedBeforeAnyWork(string option, string value)
    {
        string outDir = Path.Combine(_dir, "bad");
        var (code, _, stderr) = CliRunner.Run("train-charmodel", option, value, "--out", outDir);
        Assert.Equal(2, code);
        Assert.StartsWith("scrawl: ", stderr);
        Assert.False(Directory.Exists(outDir));
    }
}
