using System.Text.Json;
using System.Text.RegularExpressions;
using Scrawl.NeuralNet.Serialization;

namespace Scrawl.Cli.Tests;

/// <summary>train-segcheck (tiny runs) and the segment check option of ocr-touching.</summary>
public class TrainSegmentCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-segcheck-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static string[] Tiny(string outDir) =>
        ["train-segcheck", "--epochs", "1", "--per-epoch", "48", "--width", "4", "--seed", "5", "--pieces", "--out", outDir];

    [Fact]
    public void A_tiny_run_writes_a_two_class_model_deterministically()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        var (code, stdout, stderr) = CliRunner.Run(Tiny(a));
        Assert.True(code == 0, stderr);
        Assert.Matches(new Regex(@"heldout-accuracy: (0|1)\.\d{4}\s*$"), stdout);
        Assert.Equal(0, CliRunner.Run(Tiny(b)).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "segcheck.scrawl")), File.ReadAllBytes(Path.Combine(b, "segcheck.scrawl")));
        var model = ModelFile.Load(Path.Combine(a, "segcheck.scrawl"));
        Assert.Equal(["one", "not"], JsonSerializer.Deserialize<string[]>(model.Metadata["classes"])!);
        Assert.Contains("\"Pieces\":true", model.Metadata["recipe"]);
    }

    [Fact]
    public void Out_of_range_options_and_a_check_without_recognition_are_usage_errors()
    {
        var (code, _, stderr) = CliRunner.Run(["train-segcheck", "--epochs", "0", "--out", Path.Combine(_dir, "x")]);
        Assert.Equal(2, code);
        Assert.Contains("--epochs", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
        (code, _, stderr) = CliRunner.Run(["ocr-touching", "--words", "1", "--segment-check", "none"]);
        Assert.Equal(2, code);
        Assert.Contains("--recognition", stderr);
    }

    [Fact]
    public void A_character_model_given_as_the_segment_check_is_refused_naming_the_file()
    {
        string model = Path.Combine(AppContext.BaseDirectory, "models", "charmodel.scrawl");
        var (code, stdout, stderr) = CliRunner.Run(["ocr-touching", "--words", "1", "--recognition", "--segment-check", model]);
        Assert.NotEqual(0, code);
        Assert.Contains(model, stderr);
        Assert.Contains("'one' and 'not'", stderr);
        Assert.DoesNotContain("touching-0-20", stdout);
    }
}
