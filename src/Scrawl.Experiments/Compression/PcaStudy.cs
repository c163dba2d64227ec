using System.Diagnostics;
using Scrawl.Compression;
using Scrawl.Data;
using Scrawl.NeuralNet.Serialization;

namespace Scrawl.Experiments.Compression;

/// <summary>What a PCA study measured; <see cref="AutoencoderPsnr"/> only when an autoencoder was given.</summary>
/// <param name="Components">Principal components kept (≥ 1).</param>
/// <param name="Features">Values per image.</param>
/// <param name="Rank">Rank of the projection matrix.</param>
/// <param name="KeptVariance">Variance along the kept components (sum, ≥ 0).</param>
/// <param name="ParameterCount">Parameters of the PCA model.</param>
/// <param name="Psnr">Mean PSNR (dB) of the PCA reconstructions of the evaluation images.</param>
/// <param name="FitSeconds">Seconds the fit took (≥ 0).</param>
/// <param name="Autoencoder">The given autoencoder, or null.</param>
/// <param name="AutoencoderPsnr">Its mean PSNR on the same images, or null.</param>
/// <param name="Figure">The reconstructions figure, or null when the images are not grey.</param>
public sealed record PcaResult(int Components, int Features, int Rank, double KeptVariance, long ParameterCount, double Psnr, double FitSeconds,
    Autoencoder? Autoencoder, double? AutoencoderPsnr, string? Figure);

/// <summary>The seed's PCA study (§6): fit on the training images, reconstruct the evaluation images, measure PSNR; optionally beside a trained autoencoder.</summary>
public static class PcaStudy
{
    /// <summary>
    /// Loads an autoencoder model file made by <see cref="AutoencoderStudy"/>; an <see cref="InvalidDataException"/> naming the
    /// file when it is not a usable autoencoder or takes other than <paramref name="features"/> values.
    /// </summary>
    public static Autoencoder LoadAutoencoder(string path, int features, string dataName)
    {
        Autoencoder autoencoder;
        try
        {
            autoencoder = Autoencoder.FromNetwork(ModelFile.Load(path).Network);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a usable autoencoder model ({e.Message})", e);
        }

        return autoencoder.Features == features ? autoencoder
            : throw new InvalidDataException($"{path}: the autoencoder takes {autoencoder.Features} features, {dataName} has {features}.");
    }

    /// <summary>
    /// Fits <paramref name="components"/> (1 to min(train count, features)) components on <paramref name="train"/>, measures them on
    /// <paramref name="eval"/> (and <paramref name="autoencoder"/> when given), and draws the reconstructions into <paramref name="folder"/>.
    /// </summary>
    public static PcaResult Run(ImageSet train, ImageSet eval, int components, long seed, Autoencoder? autoencoder, string folder)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(eval);
        int features = train.FeatureCount;
        var clock = Stopwatch.StartNew();
        var model = Pca.Fit(train.Features(), components, new PcaOptions { Seed = seed });
        double fitSeconds = clock.Elapsed.TotalSeconds;
        var reconstructed = model.Reconstruct(model.Project(eval.Features()));
        double psnr = Scrawl.Compression.Psnr.Mean(eval.Features(), reconstructed);
        double? autoencoderPsnr = autoencoder is null ? null : Scrawl.Compression.Psnr.Mean(eval.Features(), autoencoder.Reconstruct(eval.Features()));
        Directory.CreateDirectory(folder);
        string figure = Path.Combine(folder, "pca-reconstructions.png");
        bool drawn = ReconstructionFigure.Save(eval, reconstructed, figure, "PCA", $"{components} components", seed);
        return new PcaResult(components, features, model.Rank(), model.ExplainedVariance.Sum(), model.ParameterCount, psnr, fitSeconds,
            autoencoder, autoencoderPsnr, drawn ? figure : null);
    }
}
