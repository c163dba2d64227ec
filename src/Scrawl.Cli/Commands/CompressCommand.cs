using System.CommandLine;
using System.Globalization;
using Scrawl.Compression;
using Scrawl.Data;
using Scrawl.Experiments.Compression;

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
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for pca-reconstructions.png (validation images beside their reconstructions)", DefaultValueFactory = _ => new DirectoryInfo("runs/pca") };
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

        var autoencoder = autoencoderFile is null ? null : PcaStudy.LoadAutoencoder(autoencoderFile.FullName, features, name);
        io.Out.WriteLine($"data: {name}; fit on {train.Count:N0} × {features}, measure on {eval.Name} ({eval.Count:N0})");
        var r = PcaStudy.Run(train, eval, components, seed, autoencoder, outDir.FullName);
        io.Out.WriteLine($"projection matrix: {components}×{features}, rank {r.Rank}, variance along the components {r.KeptVariance:F2}");
        io.Out.WriteLine();
        io.Out.WriteLine($"{"method",-30} {"parameters",12} {"psnr-db",9}");
        io.Out.WriteLine(Row($"PCA, {components} components", r.ParameterCount, r.Psnr));
        io.Out.WriteLine(r.Autoencoder is null || r.AutoencoderPsnr is not { } aePsnr
            ? $"{"autoencoder 1024-32-32-32-1024",-30} {AutoencoderParameters,12:N0} {"(not run here)",9}"
            : Row(AutoencoderStudy.Name(features), r.Autoencoder.ParameterCount, aePsnr));
        io.Out.WriteLine();
        if (r.Figure is { } figure)
        {
            io.Out.WriteLine($"figure: {figure}");
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit-seconds: {r.FitSeconds:F3}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"psnr-db: {r.Psnr:F2}"));
        return ExitCodes.Ok;
    }

    private static string Row(string method, long parameters, double psnr) =>
        string.Create(CultureInfo.InvariantCulture, $"{method,-30} {parameters,12:N0} {psnr,9:F2}");

    private static int RunAutoencoder(CliOutput io, string dataName, long seed, DirectoryInfo outDir, AutoencoderOptions options)
    {
        Library.Validate(() => AutoencoderStudy.Validate(options));
        var (train, eval, name) = Load(dataName, seed);
        var r = AutoencoderStudy.Run(train, eval, name, seed, options, outDir.FullName, io.Out.WriteLine);
        io.Out.WriteLine();
        io.Out.WriteLine($"{"method",-30} {"parameters",12} {"psnr-db",9} {"seconds",8}");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Row($"PCA, {r.PcaComponents} components", r.PcaParameterCount, r.PcaPsnr)} {r.PcaSeconds,8:F2}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Row(r.Name, r.ParameterCount, r.Psnr)} {r.TrainSeconds,8:F2}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(untrained autoencoder: {r.UntrainedPsnr:F2} dB; autoencoder − PCA: {r.Psnr - r.PcaPsnr:+0.00;-0.00} dB)"));
        io.Out.WriteLine();
        io.Out.WriteLine($"model: {r.ModelPath}");
        io.Out.WriteLine($"loss: {r.LossPath}");
        foreach (string figure in r.Figures)
        {
            io.Out.WriteLine($"figure: {figure}");
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train-seconds: {r.TrainSeconds:F2}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"psnr-db: {r.Psnr:F2}"));
        return ExitCodes.Ok;
    }
}
