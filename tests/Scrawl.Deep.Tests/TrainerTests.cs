using Scrawl.Deep.Models;
using Scrawl.Deep.Training;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

public sealed class TrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-deep-trainer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The CNN trains on augmented batches, so the same-seed and resume checks cover the augmentation's draws too.
    private static DeepTrainOptions Options(string model, int epochs, double rate = 3e-3, string? augment = null) =>
        new(model, "nist36-fixture", epochs, "adam", "cosine", rate, 32, Seed: 5, Hidden: 16, Augment: augment ?? (model == "cnn" ? "shift-flip" : "none"));

    /// <summary>Thrown from the epoch callback to stop a run the way a kill after a checkpoint would.</summary>
    private sealed class Interrupted : Exception;

    private static float[] Weights(nn.Module<Tensor, Tensor> m) =>
        [.. m.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray())];

    private static (float[] Weights, IReadOnlyList<DeepEpoch> History) Train(string model, int epochs, string? resumeFrom = null, string? saveTo = null, int stopAfter = int.MaxValue, double rate = 3e-3,
        string? augment = null)
    {
        using var scope = NewDisposeScope(); // every tensor made here is held until the run's weights are read (TorchRuntime's remarks)
        var splits = TestData.Nist36();
        using var train = LabelledTensors.From(splits.Train)!;
        using var valid = LabelledTensors.From(splits.Valid);
        TorchRuntime.Seed(5);
        using var net = ModelFactory.Create(model, 1, 32, 32, 36, 16);
        using var trainer = new DeepTrainer(net, Options(model, epochs, rate, augment), CPU);
        if (resumeFrom is not null)
        {
            DeepCheckpoint.Load(resumeFrom, trainer);
        }

        try
        {
            trainer.Fit(train, valid, null, m =>
            {
                if (saveTo is not null)
                {
                    DeepCheckpoint.Save(saveTo, trainer);
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

        return (Weights(net), trainer.History);
    }

    [Theory]
    [InlineData("mlp", null)]
    [InlineData("cnn", null)]
    [InlineData("cnn", "affine")]
    public void Same_seed_same_run_and_resume_ends_where_an_uninterrupted_run_does(string model, string? augment)
    {
        var straight = Train(model, 3, augment: augment);
        var again = Train(model, 3, augment: augment);
        Assert.Equal(straight.Weights, again.Weights);

        string checkpoint = Path.Combine(_dir, model + augment + ".ckpt");
        var stopped = Train(model, 3, saveTo: checkpoint, stopAfter: 2, augment: augment);
        Assert.Equal(2, stopped.History.Count);
        var resumed = Train(model, 3, resumeFrom: checkpoint, augment: augment);
        Assert.Equal(3, resumed.History.Count);
        Assert.Equal(straight.History.Select(h => h.TrainLoss), resumed.History.Select(h => h.TrainLoss));
        Assert.Equal(straight.Weights, resumed.Weights);
    }

    [Fact]
    public void Training_lowers_the_loss_and_reports_every_split()
    {
        var (_, history) = Train("mlp", 12, rate: 0.03);
        Assert.Equal(12, history.Count);
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss - 0.5, $"{history[0].TrainLoss} → {history[^1].TrainLoss}");
        Assert.All(history, h => Assert.InRange(h.ValidAccuracy, 0, 1));
        Assert.All(history, h => Assert.True(double.IsNaN(h.TestAccuracy)));
        Assert.Equal(0.03, history[0].LearningRate, 12);
        Assert.True(history[^1].LearningRate < history[0].LearningRate);
    }

    [Fact]
    public void A_checkpoint_of_other_settings_or_a_foreign_file_is_refused_by_name()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        string checkpoint = Path.Combine(_dir, "a.ckpt");
        Train("mlp", 1, saveTo: checkpoint);
        TorchRuntime.Seed(5);
        using var net = ModelFactory.Create("mlp", 1, 32, 32, 36, 16);
        using var other = new DeepTrainer(net, Options("mlp", 2) with { LearningRate = 0.1 }, CPU);
        Assert.Contains("other settings", Assert.Throws<InvalidDataException>(() => DeepCheckpoint.Load(checkpoint, other)).Message);
        string junk = Path.Combine(_dir, "junk.ckpt");
        File.WriteAllText(junk, "hello");
        var e = Assert.Throws<InvalidDataException>(() => DeepCheckpoint.Load(junk, other));
        Assert.Contains("junk.ckpt", e.Message);
    }

    [Theory]
    [InlineData("none", 4, 0, 1.0)]
    [InlineData("cosine", 4, 2, 0.5)]
    [InlineData("step", 6, 2, 0.1)]
    [InlineData("step", 6, 4, 0.01)]
    public void Schedules_give_the_documented_rates(string schedule, int epochs, int epoch, double factor)
    {
        var o = new DeepTrainOptions("mlp", "x", epochs, "sgd", schedule, 0.5, 8, 0);
        Assert.Equal(0.5 * factor, o.RateAt(epoch), 12);
    }

    [Fact]
    public void Out_of_range_settings_are_named()
    {
        Assert.Contains("--optimizer", Assert.Throws<ArgumentException>(() => (Options("mlp", 1) with { Optimizer = "rmsprop" }).Validate()).Message);
        Assert.Contains("--schedule", Assert.Throws<ArgumentException>(() => (Options("mlp", 1) with { Schedule = "linear" }).Validate()).Message);
        Assert.Contains("--model", Assert.Throws<ArgumentException>(() => (Options("resnet", 1)).Validate()).Message);
        Assert.Contains("--epochs", Assert.Throws<ArgumentException>(() => (Options("mlp", 0)).Validate()).Message);
        Assert.Contains("--augment", Assert.Throws<ArgumentException>(() => (Options("mlp", 1) with { Augment = "rotate" }).Validate()).Message);
    }
}
