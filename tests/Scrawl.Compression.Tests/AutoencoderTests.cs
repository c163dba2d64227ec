using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.Compression.Tests;

public class AutoencoderTests
{
    /// <summary>Images in [0, 1] made of a few random blobs: a low-dimensional set an autoencoder can learn quickly.</summary>
    private static Tensor Images(int n, int d, long seed)
    {
        var random = new SeededRandom(seed);
        var patterns = new float[4 * d];
        random.FillUniform(patterns, 0f, 1f);
        for (int i = 0; i < patterns.Length; i++)
        {
            patterns[i] = patterns[i] > 0.7f ? 1f : 0f; // sparse ink on paper
        }
        var x = new Tensor(n, d);
        for (int r = 0; r < n; r++)
        {
            var row = x.Row(r);
            for (int c = 0; c < 4; c++)
            {
                float w = (float)random.NextDouble() * 0.25f; // four patterns: at most 1
                for (int j = 0; j < d; j++)
                {
                    row[j] += w * patterns[(c * d) + j];
                }
            }
        }

        return x;
    }

    [Fact]
    public void The_seed_architecture_has_68704_parameters_for_1024_inputs()
    {
        var ae = Autoencoder.Create(1024, seed: 0);
        Assert.Equal(68_704, ae.ParameterCount);
        Assert.Equal(1024, ae.Network.OutputFeatures);
        var dense = ae.Network.Layers.OfType<Dense>().Select(l => (l.Inputs, l.Outputs)).ToArray();
        Assert.Equal([(1024, 32), (32, 32), (32, 32), (32, 1024)], dense);
        Assert.Equal(["dense", "relu", "dense", "relu", "dense", "relu", "dense", "sigmoid"], ae.Network.Layers.Select(l => l.Kind));
        Assert.Equal(53_104, Autoencoder.Create(784, seed: 0).ParameterCount);
    }

    [Fact]
    public void Training_improves_psnr_over_the_untrained_network()
    {
        var train = Images(400, 64, seed: 1);
        var valid = Images(100, 64, seed: 2);
        var ae = Autoencoder.Create(64, seed: 3);
        double before = Psnr.Mean(valid, ae.Reconstruct(valid));
        var history = ae.Train(train, valid, new AutoencoderOptions { Recipe = AutoencoderRecipe.Adam, Epochs = 30, BatchSize = 20, Seed = 3 });
        double after = Psnr.Mean(valid, ae.Reconstruct(valid));
        Assert.Equal(30, history.Count);
        Assert.True(after > before + 5, $"PSNR {before:F2} → {after:F2} dB");
        Assert.True(history[^1].ValidLoss < history[0].ValidLoss);
        Assert.All(ae.Reconstruct(valid).Span.ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void The_seed_recipe_lowers_the_loss()
    {
        var train = Images(360, 64, seed: 4);
        var ae = Autoencoder.Create(64, seed: 5);
        var history = ae.Train(train, null, new AutoencoderOptions { Epochs = 5, LearningRate = 1e-3f, Seed = 5 });
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss, $"{history[0].TrainLoss} → {history[^1].TrainLoss}");
        Assert.True(double.IsNaN(history[0].ValidLoss));
    }

    [Theory]
    [InlineData(AutoencoderRecipe.Seed)]
    [InlineData(AutoencoderRecipe.Adam)]
    [InlineData(AutoencoderRecipe.Tuned)]
    public void The_same_seed_gives_the_same_loss_history(AutoencoderRecipe recipe)
    {
        var train = Images(200, 64, seed: 6);
        var valid = Images(50, 64, seed: 7);
        double[] Run(long seed)
        {
            var options = new AutoencoderOptions { Recipe = recipe, Epochs = 3, BatchSize = 16, Seed = seed, LearningRate = recipe == AutoencoderRecipe.Seed ? 1e-3f : null };
            return [.. Autoencoder.Create(64, seed).Train(train, valid, options).SelectMany(m => new[] { m.TrainLoss, m.ValidLoss })];
        }

        Assert.Equal(Run(11), Run(11));
        Assert.NotEqual(Run(11), Run(12));
    }

    [Fact]
    public void The_tuned_recipe_starts_the_output_bias_at_the_logit_of_the_mean_image()
    {
        // With a vanishing rate the bias keeps its starting value: logit of the training mean, clamped away from 0 and 1.
        var train = Images(120, 64, seed: 8);
        var ae = Autoencoder.Create(64, seed: 9);
        var untouched = Autoencoder.Create(64, seed: 9);
        untouched.Train(train, null, new AutoencoderOptions { Recipe = AutoencoderRecipe.Seed, Epochs = 1, LearningRate = 1e-12f, Seed = 9 });
        ae.Train(train, null, new AutoencoderOptions { Recipe = AutoencoderRecipe.Tuned, Epochs = 1, LearningRate = 1e-12f, Seed = 9 });
        var bias = ((Dense)ae.Network.Layers[^2]).Bias.Value.Span.ToArray();
        for (int j = 0; j < 64; j++)
        {
            double mean = Math.Clamp(Enumerable.Range(0, train.Rows).Average(r => (double)train.Row(r)[j]), 1e-3, 1 - 1e-3);
            Assert.Equal(Math.Log(mean / (1 - mean)), bias[j], 1e-4);
        }

        Assert.Contains(bias, b => b < -1); // mostly paper: the mean image is dark in places, unlike the seed's zero bias
        Assert.All(((Dense)untouched.Network.Layers[^2]).Bias.Value.Span.ToArray(), b => Assert.Equal(0f, b, 1e-6f));
    }

    [Fact]
    public void The_tuned_recipe_beats_the_seed_recipe_in_the_same_epochs()
    {
        var train = Images(400, 64, seed: 11);
        var valid = Images(100, 64, seed: 12);
        double Psnr(AutoencoderRecipe recipe)
        {
            var ae = Autoencoder.Create(64, seed: 13);
            ae.Train(train, valid, new AutoencoderOptions { Recipe = recipe, Epochs = 10, Seed = 13 });
            return Compression.Psnr.Mean(valid, ae.Reconstruct(valid));
        }

        double seed = Psnr(AutoencoderRecipe.Seed), tuned = Psnr(AutoencoderRecipe.Tuned);
        Assert.True(tuned > seed + 1, $"seed {seed:F2} dB, tuned {tuned:F2} dB");
        Assert.Equal(AutoencoderOptions.TunedLearningRate, new AutoencoderOptions { Recipe = AutoencoderRecipe.Tuned }.EffectiveLearningRate);
    }

    [Fact]
    public void Cosine_decay_starts_at_the_initial_rate_and_stays_positive()
    {
        Assert.Equal(2e-3f, Autoencoder.CosineRate(2e-3f, 0, 10));
        Assert.Equal(1e-3f, Autoencoder.CosineRate(2e-3f, 5, 10), 1e-9f);
        Assert.InRange(Autoencoder.CosineRate(2e-3f, 9, 10), 1e-9f, 1e-4f);
    }

    [Fact]
    public void Bad_settings_and_shapes_are_rejected()
    {
        var ae = Autoencoder.Create(16, seed: 0);
        var data = new Tensor(4, 16);
        Assert.Throws<ArgumentOutOfRangeException>(() => ae.Train(data, null, new AutoencoderOptions { Epochs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ae.Train(data, null, new AutoencoderOptions { LearningRate = -1f }));
        Assert.Throws<ArgumentException>(() => ae.Reconstruct(new Tensor(4, 15)));
        Assert.Throws<ArgumentException>(() => Autoencoder.FromNetwork(Scrawl.NeuralNet.Sequential.Mlp(16, 4, 3, seed: 0)));
        Assert.Equal(3e-5f, new AutoencoderOptions().EffectiveLearningRate);
        Assert.Equal(36, new AutoencoderOptions().BatchSize);
    }
}
