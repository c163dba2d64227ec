using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Scrawl.Deep.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scrawl.Deep.Cli.Commands;

/// <summary>
/// <c>scrawl deep score --model A.pt [--model B.pt …] --data emnist-mixedcase</c>: scores one model, or the ensemble that averages several
/// models' softmax, on the data's test split of 36 or 62 character classes, and writes <c>heldout.json</c> and <c>confusion-heldout.png</c>
/// as <c>deep train</c> does.
/// </summary>
internal static class ScoreCommand
{
    private static readonly int[] MergeTargets = [47, 36];

    public static Command Create(CliOutput io)
    {
        var models = new Option<FileInfo[]>("--model") { Description = "A model saved by 'deep train' (model.pt with model.json beside it); repeat for an ensemble (mean of the softmax)", Required = true, AllowMultipleArgumentsPerToken = false };
        var data = new Option<string>("--data") { Description = "Catalog name or path whose test split is scored", DefaultValueFactory = _ => DeepCli.MixedCaseName };
        var seed = new Option<long>("--seed") { Description = "Split seed of data split here (emnist-mixedcase ignores it)", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for heldout.json and confusion-heldout.png", DefaultValueFactory = _ => new DirectoryInfo("runs/deep-score") };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (≥ 1)", DefaultValueFactory = _ => 1 };
        var tta = new Option<string>("--tta") { Description = "Test-time augmentation: none, or shift (each model's softmax averaged over the image and its four 1-pixel shifts; 5× the time)", DefaultValueFactory = _ => "none" };
        var command = new Command("score", "Score a model, or an ensemble of models, on a test split of 36 or 62 character classes: 62/47/36-class accuracy and the ambiguous pairs.")
        {
            models, data, seed, output, threads, tta,
        };
        command.SetAction(r => Run(io, [.. r.GetValue(models)!.Select(f => f.FullName)], r.GetValue(data)!, r.GetValue(seed), r.GetValue(output)!.FullName, r.GetValue(threads), r.GetValue(tta)!));
        return command;
    }

    internal static int Run(CliOutput io, IReadOnlyList<string> modelPaths, string data, long seed, string outDir, int threads, string tta = "none")
    {
        if (threads < 1 || modelPaths.Count == 0)
        {
            throw new CliException("--threads must be ≥ 1 and at least one --model is needed.");
        }

        if (!ShiftViews.Modes.Contains(tta))
        {
            throw new CliException($"--tta must be {string.Join(" or ", ShiftViews.Modes)}, not '{tta}'.");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var splits = DeepCli.Load(data, seed);
        if (!HeldOutReport.Scorable(splits))
        {
            throw new CliException($"{data}: needs a test split of 36 or 62 character classes (0–9, A–Z, a–z).");
        }

        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(threads);
        var test = splits.Test!;
        using var images = ImageTensors.Images(test);
        Tensor? sum = null;
        foreach (string path in modelPaths)
        {
            var (description, module) = Load(path);
            using (module)
            {
                if (!description.Classes.SequenceEqual(test.ClassNames) || description.Height != test.Height || description.Width != test.Width || description.Channels != test.Channels)
                {
                    throw new CliException($"{path}: the model's classes or input ({description.Classes.Count} classes, {description.Height}×{description.Width}×{description.Channels}) do not match {splits.Name}'s.");
                }

                using var probabilities = ShiftViews.MeanSoftmax(module, CPU, images, ShiftViews.Of(tta));
                if (sum is null)
                {
                    sum = probabilities.clone();
                }
                else
                {
                    sum.add_(probabilities);
                }
            }
        }

        int[] guess;
        float[] meanProbabilities;
        using (sum)
        {
            using var top = sum!.argmax(1);
            guess = [.. top.data<long>().ToArray().Select(p => (int)p)];
            meanProbabilities = sum.data<float>().ToArray();
        }

        string name = string.Join(" + ", modelPaths.Select(p => Path.GetFileName(Path.GetDirectoryName(p)) + "/" + Path.GetFileName(p)));
        string sha = modelPaths.Count == 1 ? Experiments.CharModel.HeldOutSummary.HashFile(modelPaths[0])
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", modelPaths.Select(Experiments.CharModel.HeldOutSummary.HashFile)))));
        string command = $"./scrawl deep score {string.Join(' ', modelPaths.Select(p => "--model " + Path.GetRelativePath(Environment.CurrentDirectory, p)))} --data {data}{(tta == "none" ? "" : " --tta " + tta)}";
        string views = tta == "none" ? "" : $", each averaged over {ShiftViews.Of(tta).Count} shifted views (--tta {tta})";
        io.Out.WriteLine($"scoring {(modelPaths.Count == 1 ? "" : $"the mean softmax of {modelPaths.Count} models: ")}{name} on {splits.Name}'s test split{views}");
        HeldOutReport.Write(io, splits, guess, name, sha, command, outDir, clock.Elapsed.TotalSeconds);
        foreach (int target in MergeTargets.Where(t => t < test.ClassNames.Count))
        {
            io.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{target} classes with summed probabilities (each merged class's probability is the sum of its members'): {SummedAccuracy(test, meanProbabilities, target):P2}"));
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Accuracy at <paramref name="target"/> merged classes when the prediction is the merged class of highest total probability
    /// (<paramref name="probabilities"/>: N × classes, row-major) rather than the merge of the top class.
    /// </summary>
    internal static double SummedAccuracy(Data.ImageSet test, float[] probabilities, int target)
    {
        int classes = test.ClassNames.Count;
        string[] merged = [.. test.ClassNames.Select(n => Data.CaseMerge.Target(n, target))];
        int right = 0;
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < test.Count; i++)
        {
            totals.Clear();
            for (int c = 0; c < classes; c++)
            {
                totals[merged[c]] = totals.GetValueOrDefault(merged[c]) + probabilities[(i * classes) + c];
            }

            string best = totals.MaxBy(kv => kv.Value).Key;
            right += best == merged[test.Labels[i]] ? 1 : 0;
        }

        return (double)right / Math.Max(1, test.Count);
    }

    private static (ModelDescription Description, nn.Module<Tensor, Tensor> Module) Load(string path)
    {
        try
        {
            return ModelDescription.Load(path);
        }
        catch (FileNotFoundException e)
        {
            throw new CliException(e.Message);
        }
    }
}
