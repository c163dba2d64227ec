using System.CommandLine;
using System.Globalization;
using Scrawl.Data;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
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

    /// <summary>The benchmark network for C×H×W inputs and <paramref name="classes"/> outputs (logits).</summary>
    internal static Sequential Network(ImageShape input, int classes, long seed)
    {
        var random = new SeededRandom(seed);
        var conv1 = new Conv2D(input, 16, 3, 1, 1, random);
        var pool1 = new MaxPool2D(conv1.Output, 2);
        var conv2 = new Conv2D(pool1.Output, 32, 3, 1, 1, random);
        var pool2 = new MaxPool2D(conv2.Output, 2);
        return new Sequential(input.Features,
            conv1, new Relu(), pool1,
            conv2, new Relu(), pool2,
            new GlobalAveragePool(pool2.Output), new Dense(32, classes, random));
    }

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
        var shape = new ImageShape(1, train.Height, train.Width);
        var network = Network(shape, classes, o.Seed);
        io.Out.WriteLine($"data: {o.Data}; train {train.Count}, valid {valid.Count}, {shape} images, {classes} classes");
        io.Out.WriteLine($"network: conv3x3 16 + relu + maxpool2, conv3x3 32 + relu + maxpool2, gap, dense {classes}; {network.ParameterCount} parameters");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training: Adam lr {o.LearningRate}, mean cross-entropy, batch {o.Batch}, seed {o.Seed}; gemm {Gemm.BestPath}, {Environment.ProcessorCount} cores"));

        var options = new TrainingOptions { Epochs = o.Epochs, BatchSize = o.Batch, Reduction = Reduction.Mean, Seed = o.Seed + 1 };
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(), new Adam(o.LearningRate), options);
        var validX = valid.Features();
        var validY = Labels.OneHot(valid.Labels, classes);
        double seconds = 0;
        trainer.Fit(train.Features(), Labels.OneHot(train.Labels, classes), onEpoch: m =>
        {
            // Fit has no validation data, so m.Seconds is the training pass alone; this pass is untimed.
            seconds += m.Seconds;
            var (validLoss, validAccuracy) = trainer.Evaluate(validX, validY);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {m.Epoch,3}  train_loss {m.TrainLoss:F5}  train_acc {m.TrainAccuracy:F4}  valid_loss {validLoss:F5}  valid_acc {validAccuracy:F4}  {m.Seconds:F3} s  {train.Count / m.Seconds,8:F0} samples/s"));
        });
        if (o.Profile)
        {
            Profile(io, network, new Adam(o.LearningRate), train.Features(), Labels.OneHot(train.Labels, classes), o.Batch);
        }

        double rate = (double)train.Count * o.Epochs / seconds;
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train-seconds: {seconds:F3} ({o.Epochs} epochs, all timed, training passes only)"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"samples-per-second: {rate:F1}"));
        return ExitCodes.Ok;
    }

    /// <summary>Per-layer forward/backward and optimiser-step times, averaged over 100 batches (after 10 warm-up batches).</summary>
    private static void Profile(CliOutput io, Sequential network, Adam optimizer, Tensor x, Tensor y, int batchSize)
    {
        var layers = network.Layers;
        var forward = new double[layers.Count];
        var backward = new double[layers.Count];
        double loss = 0, step = 0;
        var gradient = new Tensor(1, 1);
        var lossFunction = new SoftmaxCrossEntropy();
        int n = Math.Min(batchSize, x.Rows);
        var bx = Tensor.FromSpan(x.Span[..(n * x.Dim(1))], n, x.Dim(1));
        var by = Tensor.FromSpan(y.Span[..(n * y.Dim(1))], n, y.Dim(1));
        const int warmup = 10, measured = 100;
        for (int b = 0; b < warmup + measured; b++)
        {
            bool timed = b >= warmup;
            var output = bx;
            for (int i = 0; i < layers.Count; i++)
            {
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                output = layers[i].Forward(output);
                forward[i] += timed ? System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds : 0;
            }

            long tl = System.Diagnostics.Stopwatch.GetTimestamp();
            lossFunction.Compute(output, by, gradient, Reduction.Mean);
            loss += timed ? System.Diagnostics.Stopwatch.GetElapsedTime(tl).TotalMilliseconds : 0;
            Tensor? g = gradient;
            for (int i = layers.Count - 1; i >= 0; i--)
            {
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                g = layers[i].Backward(g!, i > 0);
                backward[i] += timed ? System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds : 0;
            }

            long ts = System.Diagnostics.Stopwatch.GetTimestamp();
            optimizer.Step(network.Parameters);
            step += timed ? System.Diagnostics.Stopwatch.GetElapsedTime(ts).TotalMilliseconds : 0;
        }

        double total = forward.Sum() + backward.Sum() + loss + step;
        io.Out.WriteLine($"profile: ms per batch of {n}, mean of {measured} batches");
        for (int i = 0; i < layers.Count; i++)
        {
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {i,2} {layers[i].Kind,-16} forward {forward[i] / measured,7:F3}  backward {backward[i] / measured,7:F3}  ({(forward[i] + backward[i]) / total * 100,5:F1} %)"));
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  loss {loss / measured:F3}  optimiser step {step / measured:F3}  total {total / measured:F3} ms ({n / (total / measured) * 1000:F0} samples/s)"));
    }
}
