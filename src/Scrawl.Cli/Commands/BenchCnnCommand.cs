using System.CommandLine;
using System.Globalization;
using Scrawl.NeuralNet.Benchmarks;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl bench cnn</c>: training throughput of a small CNN (conv 16 → pool → conv 32 → pool →
/// global average pool → dense), the counterpart of <c>bench/torch_cnn.py</c>.
/// </summary>
internal static class BenchCnnCommand
{
    public static Command Create(CliOutput io)
    {
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train (≥ 1); all are timed", DefaultValueFactory = _ => 3 };
        var data = new Option<string>("--data") { Description = "Grey image data: a catalog name or path (see Data)", DefaultValueFactory = _ => "mnist-10k" };
        var batch = new Option<int>("--batch") { Description = "Batch size (≥ 1)", DefaultValueFactory = _ => 64 };
        var rate = new Option<float>("--lr") { Description = "Adam learning rate (> 0), on mean batch gradients", DefaultValueFactory = _ => 1e-3f };
        var seed = new Option<long>("--seed") { Description = "Seed for weights and shuffling", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "Use only the first N training samples (0: all)", DefaultValueFactory = _ => 0 };
        var profile = new Option<bool>("--profile") { Description = "After training, time each layer's forward and backward and the optimiser step over 100 batches (untimed by samples-per-second)" };
        var cnn = new Command("cnn", "Train a small CNN (conv3×3 16 + ReLU + maxpool 2, conv3×3 32 + ReLU + maxpool 2, global average pool, dense; Adam, mean cross-entropy) and time it; ends with 'samples-per-second: <value>'.")
        {
            epochs, data, batch, rate, seed, limit, profile,
        };
        cnn.SetAction(r => Run(io, new CnnBenchOptions(
            r.GetValue(epochs), r.GetValue(data)!, r.GetValue(batch), r.GetValue(rate), r.GetValue(seed), r.GetValue(limit), r.GetValue(profile))));
        return cnn;
    }

    private sealed record CnnBenchOptions(int Epochs, string Data, int Batch, float LearningRate, long Seed, int Limit, bool Profile);

    private static int Run(CliOutput io, CnnBenchOptions o)
    {
        if (o.Epochs < 1 || o.Batch < 1 || o.Limit < 0 || !(o.LearningRate > 0))
        {
            throw new CliException("--epochs and --batch must be ≥ 1, --limit ≥ 0 and --lr > 0.");
        }

        var splits = CliData.Load(o.Data);
        var train = splits.Train;
        var valid = splits.Valid ?? splits.Test
            ?? throw new CliException($"{o.Data}: the benchmark needs a validation (or test) split besides train.");
        if (train.Channels != 1)
        {
            throw new CliException($"{o.Data}: bench cnn takes grey images, got {train.Channels} channels.");
        }

        if (o.Limit > 0 && o.Limit < train.Count)
        {
            train = train.Subset(Enumerable.Range(0, o.Limit).ToArray());
        }

        int classes = train.ClassNames.Count;
        var bench = new CnnBenchmark(train.Height, train.Width, classes, o.Seed);
        io.Out.WriteLine($"data: {o.Data}; train {train.Count}, valid {valid.Count}, {bench.InputShape} images, {classes} classes");
        io.Out.WriteLine($"network: conv3x3 16 + relu + maxpool2, conv3x3 32 + relu + maxpool2, gap, dense {classes}; {bench.Network.ParameterCount} parameters");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training: Adam lr {o.LearningRate}, mean cross-entropy, batch {o.Batch}, seed {o.Seed}; gemm {Gemm.BestPath}, {Environment.ProcessorCount} cores"));

        var trainY = Labels.OneHot(train.Labels, classes);
        double seconds = bench.Train(train.Features(), trainY, valid.Features(), Labels.OneHot(valid.Labels, classes), o.LearningRate, o.Batch, o.Seed, o.Epochs, (m, validLoss, validAccuracy) =>
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {m.Epoch,3}  train_loss {m.TrainLoss:F5}  train_acc {m.TrainAccuracy:F4}  valid_loss {validLoss:F5}  valid_acc {validAccuracy:F4}  {m.Seconds:F3} s  {train.Count / m.Seconds,8:F0} samples/s")));
        if (o.Profile)
        {
            Print(io, bench.Profile(o.LearningRate, train.Features(), trainY, o.Batch));
        }

        double rate = (double)train.Count * o.Epochs / seconds;
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train-seconds: {seconds:F3} ({o.Epochs} epochs, all timed, training passes only)"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"samples-per-second: {rate:F1}"));
        return ExitCodes.Ok;
    }

    private static void Print(CliOutput io, CnnProfile p)
    {
        double total = p.TotalMs;
        io.Out.WriteLine($"profile: ms per batch of {p.BatchSize}, mean of {p.Batches} batches");
        for (int i = 0; i < p.Layers.Count; i++)
        {
            var l = p.Layers[i];
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {i,2} {l.Kind,-16} forward {l.ForwardMs,7:F3}  backward {l.BackwardMs,7:F3}  ({(l.ForwardMs + l.BackwardMs) / total * 100,5:F1} %)"));
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  loss {p.LossMs:F3}  optimiser step {p.StepMs:F3}  total {total:F3} ms ({p.BatchSize / total * 1000:F0} samples/s)"));
    }
}
