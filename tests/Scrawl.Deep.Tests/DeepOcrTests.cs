using System.Text.Json.Nodes;
using Scrawl.Deep.Cli;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary><c>scrawl ocr --model deep:FILE</c>: the main CLI (no libtorch of its own) reads a page through a model of <c>scrawl deep train</c>, run by scrawl-deep as a child process.</summary>
public sealed class DeepOcrTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-deep-ocr-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Sample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "sample-page.jpg");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("samples/sample-page.jpg not found above the test binaries");
    }

    private static (int Code, string Out, string Error) Scrawl(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::Scrawl.Cli.Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_tiny_deep_model_reads_the_sample_page_through_the_main_cli()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        string run = Path.Combine(_dir, "run");
        var trained = new StringWriter();
        var trainErrors = new StringWriter();
        int trainCode = DeepCli.Run(["train", "--model", "cnn", "--data", TestData.Nist36Folder(), "--epochs", "1", "--batch", "32", "--hidden", "8", "--out", run], trained, trainErrors);
        Assert.True(trainCode == 0, trainErrors.ToString());
        // The fixture's files are in the NIST36 layout, but the reader converts them: the model takes Scrawl's convention and says so.
        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "model.json")))!.AsObject();
        Assert.Equal("scrawl", (string?)description["Input"]);

        string model = Path.Combine(run, "model.pt");
        var (code, output, error) = Scrawl("ocr", Sample(), "--model", "deep:" + model);
        Assert.True(code == 0, error);
        Assert.Equal(5, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Matches("^[A-Z0-9 ]+$", output.Split('\n')[0].TrimEnd('\r'));

        var eval = Scrawl("ocr-eval", Path.GetDirectoryName(Sample())!, "--model", "deep:" + model);
        Assert.True(eval.Code == 0, eval.Error);
        Assert.Contains("sample-page.jpg", eval.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_rejects_crops_of_the_wrong_shape_naming_the_file()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        string run = Path.Combine(_dir, "run");
        Assert.Equal(0, DeepCli.Run(["train", "--model", "mlp", "--data", TestData.Nist36Folder(), "--epochs", "1", "--hidden", "4", "--out", run], new StringWriter(), new StringWriter()));
        string crops = Path.Combine(_dir, "crops.npy");
        using (var stream = File.Create(crops))
        {
            Numerics.Formats.NpyWriter.Write(stream, new float[2 * 28 * 28], 2, 28, 28);
        }

        var stderr = new StringWriter();
        int code = DeepCli.Run(["classify", "--model", Path.Combine(run, "model.pt"), "--crops", crops, "--out", Path.Combine(_dir, "p.npy")], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Contains(crops, stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "p.npy")));
    }
}
