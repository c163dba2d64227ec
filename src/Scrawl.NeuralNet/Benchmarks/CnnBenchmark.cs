using System.Diagnostics;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Benchmarks;

/// <summary>One layer's mean times in a <see cref="CnnProfile"/>, in milliseconds per batch (≥ 0).</summary>
/// <param name="Kind">The layer's kind, e.g. "conv2d".</param>
/// <param name="ForwardMs">Mean forward time.</param>
/// <param name="BackwardMs">Mean backward time.</param>
public sealed record LayerTiming(string Kind, double ForwardMs, double BackwardMs);

/// <summary>Per-layer forward/backward, loss and optimiser-step times, each the mean over <paramref name="Batches"/> batches.</summary>
/// <param name="BatchSize">Samples per batch (≥ 1).</param>
/// <param name="Batches">Measured batches (after warm-up).</param>
/// <param name="Layers">Every layer's times, in network order.</param>
/// <param name="LossMs">Mean loss time.</param>
/// <param name="StepMs">Mean optimiser-step time.</param>
public sealed record CnnProfile(int BatchSize, int Batches, IReadOnlyList<LayerTiming> Layers, double LossMs, double StepMs)
{
    /// <summary>Mean milliseconds of a whole batch: every layer both ways, the loss and the step.</summary>
    public double TotalMs => Layers.Sum(l => l.ForwardMs + l.BackwardMs) + LossMs + StepMs;
}

/// <summary>
/// The small benchmark CNN (conv 16 → pool → conv 32 → pool → global average pool → dense), the counterpart of
/// <c>bench/torch_cnn.py</c>: trained with Adam on mean cross-entropy and timed.
/// </summary>
public sealed class CnnBenchmark
{
    private readonly ImageShape _input;

    /// <summary>The network for grey <paramref name="height"/>×<paramref name="width"/> images (each ≥ 4) and <paramref name="classes"/> (≥ 1) outputs (logits).</summary>
    public CnnBenchmark(int height, int width, int classes, long seed)
    {
        _input = new ImageShape(1, height, width);
        Network = Build(_input, classes, seed);
    }

    /// <summary>The network being benchmarked.</summary>
    public Sequential Network { get; }

    /// <summary>The input image shape as text, e.g. "1×28×28".</summary>
    public string InputShape => _input.ToString();

    /// <summary>The benchmark network for C×H×W inputs and <paramref name="classes"/> outputs (logits).</summary>
    public static Sequential Build(ImageShape input, int classes, long seed)
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

    /// <summary>
    /// Trains <paramref name="epochs"/> (≥ 1) epochs with Adam at <paramref name="learningRate"/> (&gt; 0) on mean cross-entropy; after each,
    /// <paramref name="onEpoch"/> gets the epoch and the (untimed) validation loss and accuracy. Returns the training passes' seconds.
    /// </summary>
    public double Train(Tensor trainX, Tensor trainY, Tensor validX, Tensor validY, float learningRate, int batch, long seed, int epochs, Action<EpochMetrics, double, double> onEpoch)
    {
        ArgumentNullException.ThrowIfNull(onEpoch);
        var options = new TrainingOptions { Epochs = epochs, BatchSize = batch, Reduction = Reduction.Mean, Seed = seed + 1 };
        var trainer = new Trainer(Network, new SoftmaxCrossEntropy(), new Adam(learningRate), options);
        double seconds = 0;
        trainer.Fit(trainX, trainY, onEpoch: m =>
        {
            // Fit has no validation data, so m.Seconds is the training pass alone; this pass is untimed.
            seconds += m.Seconds;
            var (validLoss, validAccuracy) = trainer.Evaluate(validX, validY);
            onEpoch(m, validLoss, validAccuracy);
        });
        return seconds;
    }

    /// <summary>Per-layer forward/backward and Adam-step times over 100 batches of the first <paramref name="batchSize"/> rows (after 10 warm-up batches).</summary>
    public CnnProfile Profile(float learningRate, Tensor x, Tensor y, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var optimizer = new Adam(learningRate);
        var layers = Network.Layers;
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
                long t0 = Stopwatch.GetTimestamp();
                output = layers[i].Forward(output);
                forward[i] += timed ? Stopwatch.GetElapsedTime(t0).TotalMilliseconds : 0;
            }

            long tl = Stopwatch.GetTimestamp();
            lossFunction.Compute(output, by, gradient, Reduction.Mean);
            loss += timed ? Stopwatch.GetElapsedTime(tl).TotalMilliseconds : 0;
            Tensor? g = gradient;
            for (int i = layers.Count - 1; i >= 0; i--)
            {
                long t0 = Stopwatch.GetTimestamp();
                g = layers[i].Backward(g!, i > 0);
                backward[i] += timed ? Stopwatch.GetElapsedTime(t0).TotalMilliseconds : 0;
            }

            long ts = Stopwatch.GetTimestamp();
            optimizer.Step(Network.Parameters);
            step += timed ? Stopwatch.GetElapsedTime(ts).TotalMilliseconds : 0;
        }

        var timings = layers.Select((l, i) => new LayerTiming(l.Kind, forward[i] / measured, backward[i] / measured)).ToList();
        return new CnnProfile(n, measured, timings, loss / measured, step / measured);
    }
}
