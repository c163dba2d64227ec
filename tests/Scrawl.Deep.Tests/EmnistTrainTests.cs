using System.IO.Compression;
using System.Text.Json;
using Scrawl.Deep.Cli;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>
/// <c>deep train</c> on EMNIST-style character data: the <c>emnist-mixedcase</c> split (the OCR's held-out split, whatever --seed says),
/// a case-merged coarse set under partial labels, the fitted output bias and the held-out score. A tiny fake of
/// <c>shared/datasets/emnist</c> (62 classes × 20 images, 8×8, each image's pixels naming it) sits in a private $SCRAWL_DATA.
/// </summary>
public sealed class EmnistTrainTests : IDisposable
{
    private const string Classes = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-deep-emnist-").FullName;
    private readonly string? _savedCache = Environment.GetEnvironmentVariable("SCRAWL_DATA");

    public EmnistTrainTests()
    {
        Environment.SetEnvironmentVariable("SCRAWL_DATA", _dir);
        WriteIdx(Path.Combine(_dir, "emnist-byclass-test"), 62, 20, seed: 1);
        WriteIdx(Path.Combine(_dir, "emnist-more36"), 36, 10, seed: 2);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("SCRAWL_DATA", _savedCache);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>An upright EMNIST folder: gzip IDX images (8×8) and labels and mapping.txt for the first <paramref name="classes"/> of 0–9, A–Z, a–z.</summary>
    private static void WriteIdx(string folder, int classes, int perClass, int seed)
    {
        Directory.CreateDirectory(folder);
        int n = classes * perClass;
        var random = new Numerics.SeededRandom(seed);
        var images = new List<byte> { 0, 0, 8, 3, 0, 0, (byte)(n >> 8), (byte)n, 0, 0, 0, 8, 0, 0, 0, 8 };
        var labels = new List<byte> { 0, 0, 8, 1, 0, 0, (byte)(n >> 8), (byte)n };
        for (int i = 0; i < n; i++)
        {
            int label = i % classes;
            labels.Add((byte)label);
            // A bright square in a class-dependent place plus noise, so the classes can be learnt a little; pixel 0 and 1 name the image.
            for (int p = 0; p < 64; p++)
            {
                bool square = p / 8 >= label % 4 * 2 && p / 8 < (label % 4 * 2) + 2 && p % 8 >= label / 4 % 4 * 2 && p % 8 < (label / 4 % 4 * 2) + 2;
                images.Add(p == 0 ? (byte)(i % 256) : p == 1 ? (byte)(seed * 16 + (i / 256)) : (byte)(square ? 255 : random.NextInt(40)));
            }
        }

        static void Gzip(string path, List<byte> bytes)
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes.ToArray());
        }

        Gzip(Path.Combine(folder, "images-idx3-ubyte.gz"), images);
        Gzip(Path.Combine(folder, "labels-idx1-ubyte.gz"), labels);
        File.WriteAllLines(Path.Combine(folder, "mapping.txt"), Enumerable.Range(0, classes).Select(c => $"{c} {(int)Classes[c]}"));
    }

    private static int[] Members(Data.ImageSet part) => [.. Enumerable.Range(0, part.Count).Select(i => (int)(part.Images.Row(i)[0] * 255 + 0.5) + (256 * ((int)(part.Images.Row(i)[1] * 255 + 0.5) % 16)))];

    [Fact]
    public void Mixedcase_is_byclass_test_split_with_the_ocrs_fixed_seed_whatever_the_seed()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        var mixed = DeepCli.Load(DeepCli.MixedCaseName, seed: 7);
        var fixedSeed = DeepCli.Load("emnist-byclass-test", Ocr.Training.CharModelData.SplitSeed);
        var otherSeed = DeepCli.Load("emnist-byclass-test", 7);
        Assert.Equal(DeepCli.MixedCaseName, mixed.Name);
        Assert.Equal(62 * 2, mixed.Test!.Count);
        Assert.Equal(Members(fixedSeed.Test!), Members(mixed.Test));
        Assert.Equal(Members(fixedSeed.Valid!), Members(mixed.Valid!));
        Assert.NotEqual(Members(otherSeed.Test!), Members(mixed.Test));
    }

    [Fact]
    public void Training_with_coarse_data_and_a_fitted_bias_writes_the_held_out_score()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        string run = Path.Combine(_dir, "run");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = DeepCli.Run(["train", "--model", "cnn", "--hidden", "8", "--data", DeepCli.MixedCaseName, "--coarse-data", "emnist-more36", "--fit-bias",
            "--label-smoothing", "0.1", "--epochs", "1", "--batch", "32", "--seed", "3", "--out", run], stdout, stderr);
        string output = stdout.ToString();
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("coarse data: emnist-more36, 360 images with 36 case-merged classes (partial labels); 0 identical", output);
        Assert.Contains("fit-bias (on the validation split): valid", output);
        Assert.Matches(@"held-out \(124 test images\): 62 classes \d+\.\d\d ?%, 47 classes \d+\.\d\d ?%, 36 classes", output);
        Assert.Matches(@"^test-accuracy: (0|1)\.\d{4}$", output.TrimEnd().Split('\n')[^1]);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "heldout.json")));
        Assert.Equal(62, json.RootElement.GetProperty("Classes").GetInt32());
        Assert.Contains("--coarse-data emnist-more36 --fit-bias --seed 3", json.RootElement.GetProperty("Command").GetString());
        Assert.True(File.Exists(Path.Combine(run, "confusion-heldout.png")));
        Assert.Contains(json.RootElement.GetProperty("Ambiguous").EnumerateArray(), p => p.GetProperty("A").GetString() == "o" && p.GetProperty("B").GetString() == "O");

        // deep score: the saved model alone gives the training run's held-out line; twice (an ensemble of equals) the same accuracy.
        string heldOutLine = output.Split('\n').Single(l => l.StartsWith("held-out (", StringComparison.Ordinal)).TrimEnd();
        string model = Path.Combine(run, "model.pt");
        foreach (string[] models in new[] { new[] { "--model", model }, new[] { "--model", model, "--model", model } })
        {
            var scored = new StringWriter();
            int scoreCode = DeepCli.Run(["score", .. models, "--data", DeepCli.MixedCaseName, "--out", Path.Combine(_dir, "score")], scored, stderr);
            Assert.True(scoreCode == 0, stderr.ToString());
            Assert.Contains(heldOutLine, scored.ToString());
            Assert.Equal(models.Length > 2, scored.ToString().Contains("the mean softmax of 2 models", StringComparison.Ordinal));
        }

        // With shifted views: a held-out line of its own, the views named, the command in heldout.json; a mode it lacks is refused.
        var shifted = new StringWriter();
        string shiftOut = Path.Combine(_dir, "score-shift");
        Assert.Equal(0, DeepCli.Run(["score", "--model", model, "--data", DeepCli.MixedCaseName, "--tta", "shift", "--out", shiftOut], shifted, stderr));
        Assert.Contains("each averaged over 5 shifted views (--tta shift)", shifted.ToString());
        Assert.Matches(@"held-out \(124 test images\): 62 classes \d+\.\d\d ?%", shifted.ToString());
        using var shiftJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(shiftOut, "heldout.json")));
        Assert.EndsWith("--tta shift", shiftJson.RootElement.GetProperty("Command").GetString());
        var badStderr = new StringWriter();
        Assert.Equal(2, DeepCli.Run(["score", "--model", model, "--tta", "flip", "--out", Path.Combine(_dir, "bad-tta")], new StringWriter(), badStderr));
        Assert.Contains("--tta must be none or shift, not 'flip'", badStderr.ToString());
        Assert.False(Directory.Exists(Path.Combine(_dir, "bad-tta")));
    }

    [Fact]
    public void Summed_probabilities_pick_the_merged_class_with_the_most_mass()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        // An "o" read 0 by its top class (0.45) but O + o hold 0.55: right when merged by sums, wrong by the top class's merge.
        var test = new Data.ImageSet(new Numerics.Tensor(2, 1, 1), [2, 0], ["0", "O", "o"], "tiny");
        float[] probabilities = [0.45f, 0.30f, 0.25f, 0.9f, 0.05f, 0.05f];
        Assert.Equal(1.0, Cli.Commands.ScoreCommand.SummedAccuracy(test, probabilities, 36));
        Assert.Equal(0.5, Cli.Commands.ScoreCommand.SummedAccuracy(test, [0.45f, 0.30f, 0.25f, 0.1f, 0.85f, 0.05f], 36));
    }

    [Fact]
    public void Score_rejects_a_missing_model_naming_it()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        var stderr = new StringWriter();
        int code = DeepCli.Run(["score", "--model", Path.Combine(_dir, "none", "model.pt"), "--out", Path.Combine(_dir, "s")], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(_dir, "none", "model.pt"), stderr.ToString());
    }

    [Fact]
    public void Label_smoothing_out_of_range_is_bad_input()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        var stderr = new StringWriter();
        int code = DeepCli.Run(["train", "--data", DeepCli.MixedCaseName, "--label-smoothing", "1", "--out", Path.Combine(_dir, "bad")], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Contains("--label-smoothing", stderr.ToString());
    }
}
