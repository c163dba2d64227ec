using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.Compression;

/// <summary>
/// The seed's compression autoencoder D → 32 → 32 → 32 → D: ReLU on the three hidden layers, a sigmoid
/// output, Xavier-uniform weights, trained to reproduce its input under the summed squared error.
/// For D = 1024 it has 68,704 parameters (twice PCA's 32,768 plus the biases and the 32×32 middle).
/// </summary>
public sealed class Autoencoder
{
    /// <summary>Units of each hidden layer, the bottleneck included (the seed's 32).</summary>
    public const int HiddenUnits = 32;

    private Autoencoder(Sequential network) => Network = network;

    /// <summary>The network; its input and output have D features.</summary>
    public Sequential Network { get; }

    /// <summary>Features per image, D.</summary>
    public int Features => Network.InputFeatures;

    /// <summary>Trainable scalars (68,704 for D = 1024).</summary>
    public long ParameterCount => Network.ParameterCount;

    /// <summary>A fresh, untrained autoencoder for <paramref name="features"/> (≥ 1) inputs, weights drawn from <paramref name="seed"/>.</summary>
    public static Autoencoder Create(int features, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        var random = new SeededRandom(seed);
        return new Autoencoder(new Sequential(
            features,
            new Dense(features, HiddenUnits, random), new Relu(),
            new Dense(HiddenUnits, HiddenUnits, random), new Relu(),
            new Dense(HiddenUnits, HiddenUnits, random), new Relu(),
            new Dense(HiddenUnits, features, random), new Sigmoid()));
    }

    /// <summary>Wraps a trained network (e.g. loaded from a model file) whose input and output widths match.</summary>
    public static Autoencoder FromNetwork(Sequential network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.InputFeatures != network.OutputFeatures)
        {
            throw new ArgumentException($"An autoencoder maps D features to D; this network maps {network.InputFeatures} to {network.OutputFeatures}.", nameof(network));
        }

        return new Autoencoder(network);
    }

    /// <summary>
    /// Trains on the rows of <paramref name="train"/> [N × D] (values in [0, 1]) by <paramref name="options"/>;
    /// <paramref name="valid"/> [M × D] is optional and only measured. Calls <paramref name="onEpoch"/> after each
    /// epoch (losses per sample, summed squared error). Deterministic: the same seed gives the same history.
    /// </summary>
    public IReadOnlyList<EpochMetrics> Train(Tensor train, Tensor? valid, AutoencoderOptions options, Action<EpochMetrics>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var x = Flat(train);
        var vx = valid is null ? null : Flat(valid);
        bool adam = options.Recipe == AutoencoderRecipe.Adam;
        bool decay = options.Recipe != AutoencoderRecipe.Seed;
        float lr = options.EffectiveLearningRate;
        IOptimizer optimizer = adam ? new Adam(lr) : new Momentum(lr, 0.9f);
        if (options.Recipe == AutoencoderRecipe.Tuned)
        {
            StartOutputAtMean(x);
        }

        var trainer = new Trainer(Network, new SquaredError(), optimizer, new TrainingOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Reduction = options.Recipe == AutoencoderRecipe.Seed ? Reduction.Sum : Reduction.Mean,
            Seed = options.Seed,
        });

        return trainer.Fit(x, x, vx, vx, m =>
        {
            if (decay)
            {
                // Cosine decay (adam and tuned): epoch e (0-based) runs at lr·(1 + cos(π·e/E))/2, always > 0 for e < E.
                optimizer.LearningRate = CosineRate(lr, m.Epoch, options.Epochs);
            }

            onEpoch?.Invoke(m);
        }, cancellationToken);
    }

    /// <summary>
    /// Sets the output layer's bias to the logit of the training mean (clamped to [1e-3, 1 − 1e-3]), so the untrained
    /// network already outputs roughly the mean image and training starts from the mean, as PCA does.
    /// </summary>
    private void StartOutputAtMean(Tensor x)
    {
        if (Network.Layers[^2] is not Dense output || x.Rows == 0)
        {
            return;
        }

        int d = x.RowLength;
        var mean = new double[d];
        for (int r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        var bias = output.Bias.Value.Span;
        for (int j = 0; j < d; j++)
        {
            double p = Math.Clamp(mean[j] / x.Rows, 1e-3, 1 - 1e-3);
            bias[j] = (float)Math.Log(p / (1 - p));
        }
    }

    /// <summary>The reconstructions [N × D] of the rows of <paramref name="data"/> [N × D], in (0, 1); a new tensor.</summary>
    public Tensor Reconstruct(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Network.SetTraining(false);
        return Network.Forward(Flat(data)).Clone();
    }

    /// <summary>The learning rate of 0-based epoch <paramref name="epoch"/> of <paramref name="epochs"/> under cosine decay from <paramref name="initial"/>.</summary>
    internal static float CosineRate(float initial, int epoch, int epochs) =>
        epoch >= epochs ? initial : Math.Max((float)(initial * 0.5 * (1 + Math.Cos(Math.PI * epoch / epochs))), float.Epsilon);

    private Tensor Flat(Tensor data)
    {
        int d = data.RowLength;
        if (d != Features)
        {
            throw new ArgumentException($"The autoencoder takes {Features} features per row, got [{data.ShapeText}].", nameof(data));
        }

        return data.Reshape(data.Rows, d);
    }
}
