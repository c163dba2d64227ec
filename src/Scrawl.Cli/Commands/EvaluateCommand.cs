using System.CommandLine;
using System.Globalization;
using Scrawl.Data;
using Scrawl.Experiments.Evaluation;
using Scrawl.Ocr;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl evaluate MODEL --data NAME</c>: accuracy per split and per class, the most confused
/// pairs, and a last line <c>accuracy: &lt;fraction&gt;</c> (the test split if there is one, else all data).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CliOutput io)
    {
        var model = new Argument<FileInfo>("model") { Description = "A model file from 'scrawl train', or a NIST36-layout .npz MLP (e.g. ../shared/models/nist36-mlp-reference.npz)" };
        var data = new Option<string>("--data") { Description = "Catalog name or path", DefaultValueFactory = _ => "glyphs36" };
        var seed = new Option<long>("--seed") { Description = "Seed for generated data and for splitting unsplit sets", DefaultValueFactory = _ => 0 };
        var command = new Command("evaluate", "Accuracy of a model per split and per class; ends with 'accuracy: <fraction>'.") { model, data, seed };
        command.SetAction(r => Run(io, r.GetValue(model)!, r.GetValue(data)!, r.GetValue(seed)));
        return command;
    }

    private static int Run(CliOutput io, FileInfo modelFile, string dataName, long seed)
    {
        if (!modelFile.Exists)
        {
            throw new CliException($"{modelFile.FullName}: no such model file.");
        }

        var model = ClassifierEvaluation.Load(modelFile.FullName);
        var (network, classes, nist36Input) = (model.Network, model.Contract.Classes, model.Contract.Input == CropConvention.Nist36);
        var splits = CliData.Load(dataName, seed);

        io.Out.WriteLine($"model: {modelFile.FullName} ({network.InputFeatures} inputs, {classes.Count} classes{(nist36Input ? ", NIST36 input layout" : "")})");
        io.Out.WriteLine($"data: {splits.Name}");
        var parts = splits.Parts().ToList();
        (string Split, int[] Truth, int[] Predicted) last = default;
        foreach (var (split, set) in parts)
        {
            var (truth, predicted) = ClassifierEvaluation.Predict(model, set);
            int correct = truth.Zip(predicted).Count(p => p.First == p.Second);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{split,-6} {correct,7:N0}/{set.Count,-7:N0} accuracy {(double)correct / set.Count:F4}"));
            last = (split, truth, predicted);
        }

        var (name, t, p) = splits.Test is not null ? last : All(parts.Select(x => ClassifierEvaluation.Predict(model, x.Set)));
        io.Out.WriteLine();
        io.Out.WriteLine($"per class ({(splits.Test is not null ? name : "all splits")}):");
        for (int c = 0; c < classes.Count; c++)
        {
            int total = t.Count(v => v == c);
            int right = t.Zip(p).Count(x => x.First == c && x.Second == c);
            if (total > 0)
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {classes[c],-12} {(double)right / total:F3}  ({right}/{total})"));
            }
        }

        var confused = t.Zip(p).Where(x => x.First != x.Second).GroupBy(x => (Math.Min(x.First, x.Second), Math.Max(x.First, x.Second)))
            .OrderByDescending(g => g.Count()).Take(5).ToList();
        if (confused.Count > 0)
        {
            io.Out.WriteLine("most confused pairs: " + string.Join(", ", confused.Select(g => $"{classes[g.Key.Item1]}/{classes[g.Key.Item2]} ({g.Count()})")));
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {(double)t.Zip(p).Count(x => x.First == x.Second) / t.Length:F4}"));
        return ExitCodes.Ok;
    }

    private static (string, int[], int[]) All(IEnumerable<(int[] Truth, int[] Predicted)> parts)
    {
        var list = parts.ToList();
        return ("all", [.. list.SelectMany(x => x.Truth)], [.. list.SelectMany(x => x.Predicted)]);
    }
}
