namespace Scrawl.Cli.Tests.BadInput;

/// <summary>Valid files of every format the CLI reads, made once: the material the hostile files are cut from.</summary>
public sealed class BadInputSeeds : IDisposable
{
    public BadInputSeeds()
    {
        Root = Directory.CreateTempSubdirectory("scrawl-badinput-").FullName;
        DatasetPath = Path.Combine(Root, "seed.npz");
        var (code, _, err) = CliRunner.Run("data", "synth", "--per-class", "3", "--seed", "2", "--out", DatasetPath);
        Assert.True(code == 0, err);
        string run = Path.Combine(Root, "seed-run");
        (code, _, err) = CliRunner.Run("train", "--data", DatasetPath, "--hidden", "4", "--epochs", "1", "--out", run);
        Assert.True(code == 0, err);
        Dataset = File.ReadAllBytes(DatasetPath);
        Model = File.ReadAllBytes(Path.Combine(run, "model.scrawl"));
        Checkpoint = File.ReadAllBytes(Path.Combine(run, "checkpoint.ckpt"));
        string formats = Path.Combine(Path.GetDirectoryName(Nist36FixtureTests.Fixture())!);
        Mat = File.ReadAllBytes(Path.Combine(formats, "nist36_tiny_plain.mat"));
        IdxImages = File.ReadAllBytes(Path.Combine(formats, "tiny-images-idx3-ubyte"));
        IdxLabels = File.ReadAllBytes(Path.Combine(formats, "tiny-labels-idx1-ubyte"));
        IdxImagesGz = File.ReadAllBytes(Path.Combine(formats, "tiny-images-idx3-ubyte.gz"));
    }

    /// <summary>A folder for the seeds; each test makes its own below it.</summary>
    public string Root { get; }

    /// <summary>A valid Scrawl dataset file (glyphs36, 3 per class) on disk.</summary>
    public string DatasetPath { get; }

    public byte[] Dataset { get; }

    public byte[] Model { get; }

    public byte[] Checkpoint { get; }

    public byte[] Mat { get; }

    public byte[] IdxImages { get; }

    public byte[] IdxLabels { get; }

    public byte[] IdxImagesGz { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
