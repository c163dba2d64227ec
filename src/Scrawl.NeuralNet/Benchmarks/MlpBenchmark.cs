using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Benchmarks;

/// <summary>The seed's MLP training run as a benchmark: in → hidden sigmoid → classes, plain SGD on summed softmax cross-entropy.</summary>
public static class MlpBenchmark
{
    /// <summary>
    /// Trains <paramref name="epochs"/> (≥ 1) epochs with <paramref name="hidden"/> (≥ 1) units, batch ≥ 1 and learning rate &gt; 0;
    /// <paramref name="onEpoch"/> sees every epoch. Returns the summed epoch seconds and the last epoch.
    /// </summary>
    public static (double Seconds, EpochMetrics Last) Run(Tensor trainX, int[] trainY, Tensor validX, int[] validY, int classes, int hidden, int batch, float learningRate, long seed, int epochs, Action<EpochMetrics> onEpoch)
    {
        ArgumentNullException.ThrowIfNull(trainX);
        ArgumentNullException.ThrowIfNull(onEpoch);
        var network = Sequential.Mlp(trainX.Dim(1), hidden, classes, seed);
        var options = new TrainingOptions { Epochs = epochs, BatchSize = batch, Reduction = Reduction.Sum, Seed = seed + 1 };
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(), new Sgd(learningRate), options);
        double seconds = 0;
        EpochMetrics? last = null;
        trainer.Fit(trainX, Labels.OneHot(trainY, classes), validX, Labels.OneHot(validY, classes), m =>
        {
            seconds += m.Seconds;
            last = m;
            onEpoch(m);
        });
        return (seconds, last!);
    }
}
