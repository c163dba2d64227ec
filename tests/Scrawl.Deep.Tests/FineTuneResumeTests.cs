using Scrawl.Deep.Cli;
using Scrawl.Deep.Onnx;
using Scrawl.Deep.Training;
using Scrawl.Deep.Transfer;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>
/// Issue #20: a fine-tuning run interrupted after an epoch and resumed from its checkpoint ends bit-identical to an
/// uninterrupted one (ResNet18.onnx at 32×32, a handful of synthetic images; the CLI on flowers-17 at 32 px).
/// </summary>
public sealed class FineTuneResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-finetune-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Thrown from the epoch callback to stop a run the way a kill after a checkpoint would.</summary>
    private sealed class Interrupted : Exception;

    // 3 head epochs, then 2 fine-tuning epochs of the last block with a warm-up: every phase and the rate schedule cross the interruptions.
    private static readonly FineTuneOptions Options = new(HeadEpochs: 3, TuneEpochs: 2, HeadRate: 1e-2, TuneRate: 1e-3, Batch: 8, Seed: 3, TuneBlocks: 1, LabelSmoothing: 0.1, WarmupEpochs: 1, EvalViews: 2);

    private static (float[] Weights, float[] Test, IReadOnlyList<DeepEpoch> History) Run(string? checkpoint = null, int stopAfter = int.MaxValue, bool resume = false, FineTuneOptions? options = null)
    {
        using var scope = NewDisposeScope(); // every tensor made here is held until the run's weights are read (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        using var backbone = new OnnxGraphModule(TestData.ResNet18.Value);
        var tuner = new FineTuner(backbone, 2, options ?? Options);
        using var train = TransferViews.Train(tuner, TransferTests.Colours(4, 1), 32, new ViewOptions("flip"));
        using var valid = TransferViews.Eval(tuner, TransferTests.Colours(2, 2), flip: true);
        using var test = TransferViews.Eval(tuner, TransferTests.Colours(3, 3), flip: true);
        if (resume)
        {
            FineTuneCheckpoint.Load(checkpoint!, tuner, "run settings");
        }

        try
        {
            tuner.Fit(train, valid, test, (_, m) =>
            {
                if (checkpoint is not null)
                {
                    FineTuneCheckpoint.Save(checkpoint, tuner, "run settings");
                }

                if (m.Epoch == stopAfter)
                {
                    throw new Interrupted();
                }
            });
        }
        catch (Interrupted)
        {
        }

        float[] weights = [.. tuner.TrainedParameters.SelectMany(p => p.detach().data<float>().ToArray())];
        return (weights, tuner.Probabilities("test", test).Values, [.. tuner.History]);
    }

    [Fact]
    public void A_run_interrupted_after_an_epoch_and_resumed_ends_bit_identical()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        var straight = Run();
        Assert.Equal(5, straight.History.Count);

        // After 1: inside the head phase (its Adam state restored); 3: after the last head epoch (fine-tuning starts afresh);
        // 4: inside fine-tuning (the block, the head and their Adam state restored).
        foreach (int stopAfter in new[] { 1, 3, 4 })
        {
            string checkpoint = Path.Combine(_dir, $"stop{stopAfter}.ckpt");
            var stopped = Run(checkpoint, stopAfter);
            Assert.Equal(stopAfter, stopped.History.Count);
            Assert.NotEqual(straight.Weights, stopped.Weights);
            var resumed = Run(checkpoint, resume: true);
            Assert.Equal(straight.History.Select(h => (h.TrainLoss, h.ValidLoss, h.TestAccuracy, h.LearningRate)), resumed.History.Select(h => (h.TrainLoss, h.ValidLoss, h.TestAccuracy, h.LearningRate)));
            Assert.Equal(straight.Weights, resumed.Weights);
            Assert.Equal(straight.Test, resumed.Test);
        }
    }

    [Fact]
    public void A_checkpoint_of_other_settings_a_foreign_file_or_none_is_refused_by_name()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        string checkpoint = Path.Combine(_dir, "a.ckpt");
        Run(checkpoint, stopAfter: 1);
        using var backbone = new OnnxGraphModule(TestData.ResNet18.Value);
        var other = new FineTuner(backbone, 2, Options with { TuneEpochs = 3 });
        Assert.Contains("other settings", Assert.Throws<InvalidDataException>(() => FineTuneCheckpoint.Load(checkpoint, other, "run settings")).Message);
        var same = new FineTuner(backbone, 2, Options);
        Assert.Contains("other settings", Assert.Throws<InvalidDataException>(() => FineTuneCheckpoint.Load(checkpoint, same, "another run")).Message);
        string foreign = Path.Combine(_dir, "foreign.ckpt");
        File.WriteAllText(foreign, "not a checkpoint");
        Assert.StartsWith(foreign, Assert.Throws<InvalidDataException>(() => FineTuneCheckpoint.Load(foreign, same, "run settings")).Message, StringComparison.Ordinal);
        File.WriteAllBytes(foreign, File.ReadAllBytes(checkpoint)[..^100]);
        Assert.Contains("damaged", Assert.Throws<InvalidDataException>(() => FineTuneCheckpoint.Load(foreign, same, "run settings")).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => FineTuneCheckpoint.Load(Path.Combine(_dir, "none.ckpt"), same));
    }

    private static (int Code, string Out, string Error) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = DeepCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Finetune_checkpoints_every_epoch_and_resume_continues_with_the_same_settings_only()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        string run = Path.Combine(_dir, "run");
        string[] Settings(string size) => ["finetune", "--data", "flowers17", "--size", size, "--head-epochs", "1", "--epochs", "1", "--tta", "flip", "--threads", "1",
            "--feature-cache", Path.Combine(_dir, "cache"), "--out", run];
        string[] settings = Settings("32");
        var first = Cli(settings);
        Assert.True(first.Code == 0, first.Error + first.Out);
        string probabilities = Path.Combine(run, "pretrained-probabilities.csv");
        byte[] saved = File.ReadAllBytes(probabilities);
        Assert.True(File.Exists(Path.Combine(run, "pretrained-checkpoint.ckpt")));

        // Resuming the finished run trains no epoch and saves the same probabilities, bit for bit.
        var again = Cli([.. settings, "--resume"]);
        Assert.True(again.Code == 0, again.Error + again.Out);
        Assert.Contains("after epoch 2", again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("tune epoch", again.Out, StringComparison.Ordinal);
        Assert.Equal(saved, File.ReadAllBytes(probabilities));

        var otherSize = Cli([.. Settings("40"), "--resume"]); // not a setting of the tuner itself: the command's own settings are compared too
        Assert.Equal(2, otherSize.Code);
        Assert.Contains("other settings", otherSize.Error, StringComparison.Ordinal);
        var scratch = Cli("finetune", "--data", "flowers17", "--scratch", "--size", "32", "--epochs", "1", "--out", run, "--resume");
        Assert.Equal(2, scratch.Code);
        Assert.Contains("pretrained runs only", scratch.Error, StringComparison.Ordinal);
        var none = Cli([.. settings[..^1], Path.Combine(_dir, "none"), "--resume"]);
        Assert.Equal(2, none.Code);
        Assert.Contains("no checkpoint to resume from", none.Error, StringComparison.Ordinal);
    }
}
