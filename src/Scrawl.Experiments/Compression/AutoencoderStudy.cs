using System.Diagnostics;
using System.Globalization;
using System.Text;
using Scrawl.Compression;
using Scrawl.Data;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Compression;

/// <summary>What an autoencoder study measured and wrote.</summary>
/// <param name="Name">The network's name, e.g. "autoencoder 1024-32-32-32-1024".</param>
/// <param name="ParameterCount">The autoencoder's parameters.</param>
/// <param name="Psnr">Mean PSNR (dB) of its reconstructions of the evaluation images after training.</param>
/// <param name="UntrainedPsnr">The same before training.</param>
/// <param name="TrainSeconds">Seconds training took (≥ 0).</param>
/// <param name="PcaComponents">Components of the PCA it is compared with.</param>
/// <param name="PcaParameterCount">That PCA's parameters.</param>
/// <param name="PcaPsnr">That PCA's mean PSNR (dB).</param>
/// <param name="PcaSeconds">Seconds the PCA fit took.</param>
/// <param name="ModelPath">The written model.scrawl.</param>
/// <param name="LossPath">The written loss.csv.</param>
/// <param name="Figures">The written figures, in order.</param>
public sealed record AutoencoderResult(string Name, long ParameterCount, double Psnr, double UntrainedPsnr, double TrainSeconds,
    int PcaComponents, long PcaParameterCount, double PcaPsnr, double PcaSeconds, string ModelPath, string LossPath, IReadOnlyList<string> Figures);

/// <summary>The seed's autoencoder study (§5): D-32-32-32-D trained by a recipe, compared with 32-component PCA on the same images.</summary>
public static class AutoencoderStudy
{
    /// <summary>The name of the seed's autoencoder for <paramref name="features"/> values per image.</summary>
    public static string Name(int features) => $"autoencoder {features}-32-32-32-{features}";

    /// <summary>Throws an <see cref="ArgumentException"/> unless epochs and batch are ≥ 1 and an explicit learning rate is finite and &gt; 0.</summary>
    public static void Validate(AutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Epochs < 1 || options.BatchSize < 1 || options.LearningRate is { } lr && !(lr > 0 && float.IsFinite(lr)))
        {
            throw new ArgumentException("--epochs and --batch must be ≥ 1 and --lr > 0.");
        }
    }

    /// <summary>
    /// Trains on <paramref name="train"/>, measures on <paramref name="eval"/>, writes model.scrawl, loss.csv and the figures into
    /// <paramref name="folder"/>; the setup lines and one line per epoch go to <paramref name="log"/>.
    /// </summary>
    public static AutoencoderResult Run(ImageSet train, ImageSet eval, string dataName, long seed, AutoencoderOptions options, string folder, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(eval);
        ArgumentNullException.ThrowIfNull(log);
        Validate(options);
        int features = train.FeatureCount;
        var x = train.Features();
        var vx = eval.Features();
        var autoencoder = Autoencoder.Create(features, seed);
        string recipe = options.Recipe.ToString().ToLowerInvariant();
        string reduction = options.Recipe switch
        {
            AutoencoderRecipe.Adam => "mean gradients, cosine decay",
            AutoencoderRecipe.Tuned => "momentum 0.9, mean gradients, cosine decay, output bias at the mean",
            _ => "momentum 0.9, summed gradients",
        };
        log($"data: {dataName}; train on {train.Count:N0} × {features}, measure on {eval.Name} ({eval.Count:N0})");
        log(string.Create(CultureInfo.InvariantCulture,
            $"{Name(features)}: {autoencoder.ParameterCount:N0} parameters; recipe {recipe} ({reduction}), lr {options.EffectiveLearningRate:G3}, batch {options.BatchSize}, {options.Epochs} epochs"));
        double untrained = Psnr.Mean(vx, autoencoder.Reconstruct(vx));
        var clock = Stopwatch.StartNew();
        var history = autoencoder.Train(x, vx, options, m => log(string.Create(CultureInfo.InvariantCulture,
            $"epoch {m.Epoch,4}  train-loss {m.TrainLoss,9:F3}  valid-loss {m.ValidLoss,9:F3}  ({m.Seconds:F2} s)")));
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var reconstructed = autoencoder.Reconstruct(vx);
        double psnr = Psnr.Mean(vx, reconstructed);

        clock.Restart();
        var pca = Pca.Fit(x, Math.Min(Autoencoder.HiddenUnits, Math.Min(train.Count, features)), new PcaOptions { Seed = seed });
        double pcaSeconds = clock.Elapsed.TotalSeconds;
        double pcaPsnr = Psnr.Mean(vx, pca.Reconstruct(pca.Project(vx)));

        Directory.CreateDirectory(folder);
        string modelPath = Path.Combine(folder, "model.scrawl");
        ModelFile.Save(new Model(autoencoder.Network, ModelHead.Identity, new Dictionary<string, string>
        {
            ["task"] = "autoencoder",
            ["data"] = dataName,
            ["recipe"] = recipe,
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["lr"] = options.EffectiveLearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["batch"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["psnr_db"] = psnr.ToString("R", CultureInfo.InvariantCulture),
        }), modelPath);
        string lossPath = Path.Combine(folder, "loss.csv");
        var csv = new StringBuilder("epoch,train_loss,valid_loss,seconds\n");
        foreach (var m in history)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{m.Epoch},{m.TrainLoss:R},{m.ValidLoss:R},{m.Seconds:R}\n"));
        }

        AtomicFile.WriteAllBytes(lossPath, Encoding.UTF8.GetBytes(csv.ToString()));
        var figures = new List<string> { Path.Combine(folder, "autoencoder-loss.png") };
        Figure.Save(figures[0], LossFigure(history, Name(features)));
        string figure = Path.Combine(folder, "autoencoder-reconstructions.png");
        if (ReconstructionFigure.Save(eval, reconstructed, figure, "Autoencoder", $"{Autoencoder.HiddenUnits}-unit bottleneck", seed))
        {
            figures.Add(figure);
        }

        return new AutoencoderResult(Name(features), autoencoder.ParameterCount, psnr, untrained, trainSeconds,
            pca.ComponentCount, pca.ParameterCount, pcaPsnr, pcaSeconds, modelPath, lossPath, figures);
    }

    /// <summary>The autoencoder's loss per epoch (summed squared error per image): train dashed, validation solid.</summary>
    private static byte[] LossFigure(IReadOnlyList<EpochMetrics> history, string name)
    {
        double[] epochs = [.. history.Select(m => (double)m.Epoch)];
        return CurveFigure.Render($"{name}: loss per epoch", "epoch", "squared error per image (sum over pixels)",
        [
            new CurveSeries("train", epochs, [.. history.Select(m => m.TrainLoss)], 0, Dashed: true),
            new CurveSeries("valid", epochs, [.. history.Select(m => m.ValidLoss)], 1),
        ]);
    }
}
