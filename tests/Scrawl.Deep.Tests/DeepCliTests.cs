using Scrawl.Deep.Cli;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

public sealed class DeepCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-deep-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = DeepCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Train_writes_the_run_and_ends_with_test_accuracy_then_resumes()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        string run = Path.Combine(_dir, "run");
        var (code, output, error) = Run("train", "--model", "mlp", "--data", TestData.Nist36Folder(), "--epochs", "2", "--lr", "0.01", "--batch", "32", "--out", run, "--device", "cuda");
        Assert.True(code == 0, error);
        Assert.Contains("falls back", error.Replace("training on the CPU instead", "falls back", StringComparison.Ordinal));
        string last = output.TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^test-accuracy: (0|1)\.\d{4}$", last);
        foreach (string file in new[] { "model.pt", "model.json", "checkpoint.ckpt", "history.csv", "history.json", "curves-loss.png", "curves-accuracy.png" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }

        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "history.csv")).Length);
        var (_, module) = Training.ModelDescription.Load(Path.Combine(run, "model.pt"));
        module.Dispose();

        var resumed = Run("train", "--model", "mlp", "--data", TestData.Nist36Folder(), "--epochs", "3", "--lr", "0.01", "--batch", "32", "--out", run, "--resume");
        Assert.True(resumed.Code == 0, resumed.Error);
        Assert.Contains("resuming", resumed.Out);
        Assert.Contains("epoch   3/3", resumed.Out);
        Assert.DoesNotContain("epoch   1/3", resumed.Out);
    }

    [Theory]
    [InlineData("--model", "resnet", "--model")]
    [InlineData("--optimizer", "rmsprop", "--optimizer")]
    [InlineData("--lr", "0", "--lr")]
    [InlineData("--data", "/nonexistent/data", "/nonexistent/data")]
    public void Bad_input_exits_2_names_the_problem_and_writes_nothing(string option, string value, string named)
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        string run = Path.Combine(_dir, "bad");
        var settings = new Dictionary<string, string> { ["--model"] = "mlp", ["--data"] = TestData.Nist36Folder(), ["--epochs"] = "1", ["--out"] = run };
        settings[option] = value;
        var (code, _, error) = Run(["train", .. settings.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(2, code);
        Assert.Contains(named, error);
        Assert.False(Directory.Exists(run) && Directory.EnumerateFileSystemEntries(run).Any(), "no partial output");
    }

    [Fact]
    public void Idx_folders_train_with_the_mlp_and_are_too_small_for_the_cnn()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        string idx = Path.Combine(Path.GetDirectoryName(TestData.Nist36Folder())!, "idxfolder"); // MNIST/EMNIST layout, tiny images
        var mlp = Run("train", "--model", "mlp", "--data", idx, "--epochs", "1", "--hidden", "4", "--out", Path.Combine(_dir, "idx"));
        Assert.True(mlp.Code == 0, mlp.Error);
        Assert.Matches(@"test-accuracy: (0|1)\.\d{4}\s*$", mlp.Out);
        var cnn = Run("train", "--model", "cnn", "--data", idx, "--epochs", "1", "--out", Path.Combine(_dir, "idx-cnn"));
        Assert.Equal(2, cnn.Code);
        Assert.Contains("at least 8×8", cnn.Error);
    }

    [Fact]
    public void Resume_without_a_checkpoint_is_bad_input()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        var (code, _, error) = Run("train", "--model", "mlp", "--data", TestData.Nist36Folder(), "--out", Path.Combine(_dir, "none"), "--resume");
        Assert.Equal(2, code);
        Assert.Contains("no checkpoint to resume from", error);
    }
}
