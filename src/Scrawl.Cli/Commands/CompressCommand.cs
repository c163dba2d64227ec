using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Scrawl.Compression;
using Scrawl.Data;
using Scrawl.Data.Catalog;
using Scrawl.Media;
using Scrawl.Numerics;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl compress pca</c>: the seed's PCA compression study (§6).</summary>
internal static class CompressCommand
{
    // The seed's autoencoder 1024-32-32-32-1024: weights plus biases of its four dense layers.
    private static readonly long AutoencoderParameters = Dense(1024, 32) + Dense(32, 32) + Dense(32, 32) + Dense(32, 1024);

    public static Command Create(CliOutput io)
    {
        var data = new Option<string>("--data") { Description = "Catalog name or path (fit on train, measure on valid)", DefaultValueFactory = _ => "glyphs36" };
        var components = new Option<int>("--components") { Description = "Principal components kept (1–D)", DefaultValueFactory = _ => 32 };
        var seed = new Option<long>("--seed") { Description = "Seed for data generation/splitting and the randomized SVD", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the figure and the projection matrix", DefaultValueFactory = _ => new DirectoryInfo("runs/pca") };
        var pca = new Command("pca", "Fit PCA on the training images, reconstruct the validation images, report rank, parameters, fit time and PSNR; ends with 'fit-seconds:' and 'psnr-db:'.")
        {
            data, components, seed, output,
        };
        pca.SetAction(r => RunPca(io, r.GetValue(data)!, r.GetValue(components), r.GetValue(seed), r.GetValue(output)!));
        return new Command("compress", "Image compression studies.") { pca };
    }

    private static long Dense(int inputs, int outputs) => ((long)inputs * outputs) + outputs;

    private static int RunPca(CliOutput io, string dataName, int components, long seed, DirectoryInfo outDir)
    {
        DatasetSplits splits;
        try
        {
            splits = DataResolver.Resolve(dataName, new DataContext(DataLocator.FromEnvironment(), new SkiaImageDecoder(), seed));
        }
        catch (FileNotFoundException e)
        {
            throw new CliException(e.Message);
        }

        var train = splits.Train;
        var eval = splits.Valid ?? splits.Test ?? train;
        int features = train.FeatureCount;
        if (components < 1 || components > Math.Min(train.Count, features))
        {
            throw new CliException($"--components must be 1–{Math.Min(train.Count, features)} for {splits.Name}.");
        }

        io.Out.WriteLine($"data: {splits.Name}; fit on {train.Count:N0} × {features}, measure on {eval.Name} ({eval.Count:N0})");
        var clock = Stopwatch.StartNew();
        var model = Pca.Fit(train.Features(), components, new PcaOptions { Seed = seed });
        double fitSeconds = clock.Elapsed.TotalSeconds;
        var reconstructed = model.Reconstruct(model.Project(eval.Features()));
        double psnr = Psnr.Mean(eval.Features(), reconstructed);

        double kept = model.ExplainedVariance.Sum();
        io.Out.WriteLine($"projection matrix: {components}×{features}, rank {model.Rank()}, variance along the components {kept:F2}");
        io.Out.WriteLine();
        io.Out.WriteLine($"{"method",-30} {"parameters",12} {"psnr-db",9}");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"PCA, " + components + " components",-30} {model.ParameterCount,12:N0} {psnr,9:F2}"));
        io.Out.WriteLine($"{"autoencoder 1024-32-32-32-1024",-30} {AutoencoderParameters,12:N0} {"(not run here)",9}");
        io.Out.WriteLine();

        Directory.CreateDirectory(outDir.FullName);
        string figure = Path.Combine(outDir.FullName, "pca-reconstructions.png");
        if (eval.Channels == 1 && eval.Height * eval.Width == features)
        {
            SaveFigure(eval, reconstructed, figure, components, seed);
            io.Out.WriteLine($"figure: {figure}");
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit-seconds: {fitSeconds:F3}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"psnr-db: {psnr:F2}"));
        return ExitCodes.Ok;
    }

    /// <summary>Ten validation images (seeded pick) above their reconstructions (the seed's Figure 8).</summary>
    private static void SaveFigure(ImageSet eval, Tensor reconstructed, string path, int components, long seed)
    {
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

        var set = new ImageSet(images, labels, ["validation images", $"PCA reconstructions ({components} components)"], "pca");
        Montage.Save(set, path, perClass: count, columns: 1, new MontageOptions { Title = "PCA: originals and reconstructions" });
    }
}
