using System.Text.Json;
using System.Text.RegularExpressions;
using Scrawl.NeuralNet.Serialization;

namespace Scrawl.Cli.Tests;

/// <summary>train-wordreader (tiny runs) and the word reader options of the reading commands.</summary>
public class TrainWordReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-wordreader-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static string Sample => CliRunner.SamplePage;

    private static string[] Tiny(string outDir) =>
        ["train-wordreader", "--epochs", "1", "--per-epoch", "64", "--width", "2", "--seed", "5", "--out", outDir];

    [Fact]
    public void A_tiny_run_writes_a_word_reader_deterministically()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        var (code, stdout, stderr) = CliRunner.Run(Tiny(a));
        Assert.True(code == 0, stderr);
        Assert.Matches(new Regex(@"heldout-words: (0|1)\.\d{4}\s+heldout-cer: \d+\.\d{4}\s*$"), stdout);
        Assert.Equal(0, CliRunner.Run(Tiny(b)).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "wordreader.scrawl")), File.ReadAllBytes(Path.Combine(b, "wordreader.scrawl")));
        var model = ModelFile.Load(Path.Combine(a, "wordreader.scrawl"));
        var classes = JsonSerializer.Deserialize<string[]>(model.Metadata["classes"])!;
        Assert.Equal(37, classes.Length);
        Assert.Equal("-", classes[0]);
        Assert.Contains("\"Width\":2", model.Metadata["recipe"]);
    }

    [Fact]
    public void Out_of_range_options_and_words_in_mixed_case_are_usage_errors()
    {
        var (code, _, stderr) = CliRunner.Run(["train-wordreader", "--per-epoch", "10", "--out", Path.Combine(_dir, "x")]);
        Assert.Equal(2, code);
        Assert.Contains("--per-epoch", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
        (code, _, stderr) = CliRunner.Run(["ocr", "--whole-words", "--case", "mixed", Sample]);
        Assert.Equal(2, code);
        Assert.Contains("--whole-words", stderr);
        (code, _, stderr) = CliRunner.Run(["ocr-touching", "--words", "1", "--whole-words", "false", "--word-reader", "x.scrawl"]);
        Assert.Equal(2, code);
        Assert.Contains("--whole-words false", stderr);
    }

    [Fact]
    public void A_character_model_given_as_the_word_reader_is_refused_naming_the_file()
    {
        string model = Path.Combine(AppContext.BaseDirectory, "models", "charmodel.scrawl");
        var (code, stdout, stderr) = CliRunner.Run(["ocr-touching", "--words", "1", "--whole-words", "--word-reader", model]);
        Assert.NotEqual(0, code);
        Assert.Contains(model, stderr);
        Assert.Contains("Not a word reader", stderr);
        Assert.DoesNotContain("touching-0-20", stdout);
    }
}
