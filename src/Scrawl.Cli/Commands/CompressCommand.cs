using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Scrawl.Compression;
using Scrawl.Data;
using Scrawl.Data.Catalog;
using Scrawl.Media;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;
using Scrawl.Reporting;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl compress pca|autoencoder</c>: the seed's compression studies (PCA §6, autoencoder §5).</summary>
internal static class CompressCommand
{
    // The seed's autoencoder 1024-32-32-32-1024: weights plus biases of its four dense layers.
    private static readonly long AutoencoderParameters = Dense(1024, 32) + Dense(32, 32) + Dense(32, 32) + Dense(32, 1024);

    /// <summary>The autoencoder recipes the command accepts, lower case.</summary>
    internal static readonly string[] Recipes = ["tuned", "seed", "adam"];

    /// <summary>The recipe <c>compress autoencoder</c> uses when none is named.</summary>
    internal const string DefaultRecipe = "tuned";

    public static Command Create(CliOutput io)
    {
        var data = new Option<string>("--data") { Description = "Catalog name or path (fit on train, measure on valid)", DefaultValueFactory = _ => "glyphs36" };
        var components = new Option<int>("--components") { Description = "Principal components kept (1–D)", DefaultValueFactory = _ => 32 };
        var seed = new Option<long>("--seed") { Description = "Seed for data generation/splitting and the randomized SVD", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the figure and the projection matrix", DefaultValueFactory = _ => new DirectoryInfo("runs/pca") };
        var model = new Option<FileInfo?>("--autoencoder") { Description = "A trained autoencoder model file (from 'compress autoencoder') to measure on the same images" };
        var pca = new Command("pca", "Fit PCA on the training images, reconstruct the validation images, report rank, parameters, fit time and PSNR; ends with 'fit-seconds:' and 'psnr-db:'.")
        {
            data, components, seed, output, model,
        };
        pca.SetAction(r => RunPca(io, r.GetValue(data)!, r.GetValue(components), r.GetValue(seed), r.GetValue(output)!, r.GetValue(model)));
        return new Command("compress", "Image compression studies.") { pca, AutoencoderCommand(io, data) };
    }

    private static Command AutoencoderCommand(CliOutput io, Option<string> data)
    {
        var epochs = new Option<int>("--epochs") { Description = "Epochs (≥ 1)", DefaultValueFactory = _ => 100 };
        var recipe = new Option<string>("--recipe") { Description = "tuned: momentum 0.9, mean gradients, lr 4e-3 with cosine decay, output bias at the mean image; seed: momentum 0.9, summed gradients, lr 3e-5 (the seed's); adam: Adam, mean gradients, lr 2e-3 with cosine decay", DefaultValueFactory = _ => DefaultRecipe };
        recipe.AcceptOnlyFromAmong(Recipes);
        var rate = new Option<float?>("--lr") { Description = "Initial learning rate (> 0; default by recipe)" };
        var batch = new Option<int>("--batch") { Description = "Batch size (≥ 1)", DefaultValueFactory = _ => 36 };
        var seed = new Option<long>("--seed") { Description = "Seed for data, weights and shuffling", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Run folder: model.scrawl, loss.csv, the figure", DefaultValueFactory = _ => new DirectoryInfo("runs/autoencoder") };
        var command = new Command("autoencoder", "Train the seed's D-32-32-32-D autoencoder, compare with PCA (32 components) on the same images; ends with 'psnr-db:'.")
        {
            data, epochs, recipe, rate, batch, seed, output,
        };
        command.SetAction(r => RunAutoencoder(io, r.GetValue(data)!, r.GetValue(seed), r.GetValue(output)!, new AutoencoderOptions
        {
            Recipe = Enum.Parse<AutoencoderRecipe>(r.GetValue(recipe)!, ignoreCase: true),
            Epochs = r.GetValue(epochs),
            BatchSize = r.GetValue(batch),
            LearningRate = r.GetValue(rate),
            Seed = r.GetValue(seed),
        }));
        return command;
    }

    private static long Dense(int inputs, int outputs) => ((long)inputs * outputs) + outputs;

    private static (ImageSet Train, ImageSet Eval, string Name) Load(string dataName, long seed)
    {
        var splits = CliData.Load(dataName, seed);

        return (splits.Train, splits.Valid ?? splits.Test ?? splits.Train, splits.Name);
    }

    private static int RunPca(CliOutput io, string dataName, int components, long seed, DirectoryInfo outDir, FileInfo? autoencoderFile)
    {
        var (train, eval, name) = Load(dataName, seed);
        int features = train.FeatureCount;
        if (components < 1 || components > Math.Min(train.Count, features))
        {
            throw new CliException($"--components must be 1–{Math.Min(train.Count, features)} for {name}.");
        }

        Autoencoder? autoencoder = null;
        if (autoencoderFile is not null)
        {
            try
            {
                autoencoder = Autoencoder.FromNetwork(ModelFile.Load(autoencoderFile.FullName).Network);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
            {
                throw new CliException($"{autoencoderFile.FullName}: not a usable autoencoder model ({e.Message})");
            }

            if (autoencoder.Features != features)
            {
                throw new CliException($"{autoencoderFile.FullName}: the autoencoder takes {autoencoder.Features} features, {name} has {features}.");
            }
        }

        io.Out.WriteLine($"data: {name}; fit on {train.Count:N0} × {features}, measure on {eval.Name} ({eval.Count:N0})");
        var clock = Stopwatch.StartNew();
        var model = Pca.Fit(train.Features(), components, new PcaOptions { Seed = seed });
        double fitSeconds = clock.Elapsed.TotalSeconds;
        var reconstructed = model.Reconstruct(model.Project(eval.Features()));
        double psnr = Psnr.Mean(eval.Features(), reconstructed);

        double kept = model.ExplainedVariance.Sum();
        io.Out.WriteLine($"projection matrix: {components}×{features}, rank {model.Rank()}, variance along the components {kept:F2}");
        io.Out.WriteLine();
        io.Out.WriteLine($"{"method",-30} {"parameters",12} {"psnr-db",9}");
        io.Out.WriteLine(Row($"PCA, {components} components", model.ParameterCount, psnr));
        io.Out.WriteLine(autoencoder is null
            ? $"{"autoencoder 1024-32-32-32-1024",-30} {AutoencoderParameters,12:N0} {"(not run here)",9}"
            : Row(AutoencoderName(features), autoencoder.ParameterCount, Psnr.Mean(eval.Features(), autoencoder.Reconstruct(eval.Features()))));
        io.Out.WriteLine();

        Directory.CreateDirectory(outDir.FullName);
        string figure = Path.Combine(outDir.FullName, "pca-reconstructions.png");
        if (SaveFigure(eval, reconstructed, figure, "PCA", $"{components} components", seed))
        {
            io.Out.WriteLine($"figure: {figure}");
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit-seconds: {fitSeconds:F3}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"psnr-db: {psnr:F2}"));
        return ExitCodes.Ok;
    }

    private static string AutoencoderName(int features) => $"autoencoder {features}-32-32-32-{features}";

    private static string Row(string method, long parameters, double psnr) =>
        string.Create(CultureInfo.InvariantCulture, $"{method,-30} {parameters,12:N0} {psnr,9:F2}");

    private static int RunAutoencoder(CliOutput io, string dataName, long seed, DirectoryInfo outDir, AutoencoderOptions options)
    {
        if (options.Epochs < 1 || options.BatchSize < 1 || options.LearningRate is { } lr && !(lr > 0 && float.IsFinite(lr)))
        {
            throw new CliException("--epochs and --batch must be ≥ 1 and --lr > 0.");
        }

        var (train, eval, name) = Load(dataName, seed);
        int features = train.FeatureCount;
        var x = train.Features();
        var vx = eval.Features();
        var autoencoder = Autoencoder.Create(features, seed);
        string reduction = options.Recipe switch
        {
            AutoencoderRecipe.Adam => "mean gradients, cosine decay",
            AutoencoderRecipe.Tuned => "momentum 0.9, mean gradients, cosine decay, output bias at the mean",
            _ => "momentum 0.9, summed gradients",
        };
        io.Out.WriteLine($"data: {name}; train on {train.Count:N0} × {features}, measure on {eval.Name} ({eval.Count:N0})");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{AutoencoderName(features)}: {autoencoder.ParameterCount:N0} parameters; recipe {options.Recipe.ToString().ToLowerInvariant()} ({reduction}), lr {options.EffectiveLearningRate:G3}, batch {options.BatchSize}, {options.Epochs} epochs"));
        double untrained = Psnr.Mean(vx, autoencoder.Reconstruct(vx));
        var clock = Stopwatch.StartNew();
        var history = autoencoder.Train(x, vx, options, m => io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {m.Epoch,4}  train-loss {m.TrainLoss,9:F3}  valid-loss {m.ValidLoss,9:F3}  ({m.Seconds:F2} s)")));
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var reconstructed = autoencoder.Reconstruct(vx);
        double psnr = Psnr.Mean(vx, reconstructed);

        clock.Restart();
        var pca = Pca.Fit(x, Math.Min(Autoencoder.HiddenUnits, Math.Min(train.Count, features)), new PcaOptions { Seed = seed });
        double pcaSeconds = clock.Elapsed.TotalSeconds;
        double pcaPsnr = Psnr.Mean(vx, pca.Reconstruct(pca.Project(vx)));

        io.Out.WriteLine();
        io.Out.WriteLine($"{"method",-30} {"parameters",12} {"psnr-db",9} {"seconds",8}");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Row($"PCA, {pca.ComponentCount} components", pca.ParameterCount, pcaPsnr)} {pcaSeconds,8:F2}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Row(AutoencoderName(features), autoencoder.ParameterCount, psnr)} {trainSeconds,8:F2}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(untrained autoencoder: {untrained:F2} dB; autoencoder − PCA: {psnr - pcaPsnr:+0.00;-0.00} dB)"));
        io.Out.WriteLine();

        Directory.CreateDirectory(outDir.FullName);
        string modelPath = Path.Combine(outDir.FullName, "model.scrawl");
        ModelFile.Save(new Model(autoencoder.Network, ModelHead.Identity, new Dictionary<string, string>
        {
            ["task"] = "autoencoder",
            ["data"] = name,
            ["recipe"] = options.Recipe.ToString().ToLowerInvariant(),
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["lr"] = options.EffectiveLearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["batch"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["psnr_db"] = psnr.ToString("R", CultureInfo.InvariantCulture),
        }), modelPath);
        string lossPath = Path.Combine(outDir.FullName, "loss.csv");
        var csv = new StringBuilder("epoch,train_loss,valid_loss,seconds\n");
        foreach (var m in history)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{m.Epoch},{m.TrainLoss:R},{m.ValidLoss:R},{m.Seconds:R}\n"));
        }

        AtomicFile.WriteAllBytes(lossPath, Encoding.UTF8.GetBytes(csv.ToString()));
        io.Out.WriteLine($"model: {modelPath}");
        io.Out.WriteLine($"loss: {lossPath}");
        string lossFigure = Path.Combine(outDir.FullName, "autoencoder-loss.png");
        Figure.Save(lossFigure, LossFigure(history, AutoencoderName(features)));
        io.Out.WriteLine($"figure: {lossFigure}");
        string figure = Path.Combine(outDir.FullName, "autoencoder-reconstructions.png");
        if (SaveFigure(eval, reconstructed, figure, "Autoencoder", $"{Autoencoder.HiddenUnits}-unit bottleneck", seed))
        {
            io.Out.WriteLine($"figure: {figure}");
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train-seconds: {trainSeconds:F2}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"psnr-db: {psnr:F2}"));
        return ExitCodes.Ok;
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

    /// <summary>
    /// Ten validation images (seeded pick) above their reconstructions (the seed's Figure 8); false (nothing
    /// written) when the images are not single-channel with one value per pixel.
    /// </summary>
    private static bool SaveFigure(ImageSet eval, Tensor reconstructed, string path, string method, string detail, long seed)
    {
        if (eval.Channels != 1 || eval.Height * eval.Width != reconstructed.RowLength)
        {
            return false;
        }

        int count = Math.Min(10, eval.Count);
        int[] picks = new SeededRandom(seed).Permutation(eval.Count)[..count];
        var images = new Tensor(2 * count, eval.Height, eval.Width);
        var labels = new int[2 * count];
        for (int i = 0; i < count; i++)
        {
            eval.Images.Row(picks[i]).CopyTo(images.Row(i));
            var recon = images.Row(count + i);
            reconstructed.Row(picks[i]).CopyTo(recon);
            for (int j = 0; j < recon.Length; j++)
            {
                recon[j] = Math.Clamp(recon[j], 0f, 1f);
            }

            labels[count + i] = 1;
        }

        var set = new ImageSet(images, labels, ["validation images", $"{method} reconstructions ({detail})"], method.ToLowerInvariant());
        Montage.Save(set, path, perClass: count, columns: 1, new MontageOptions { Title = $"{method}: originals and reconstructions" });
        return true;
    }
}
