using System.CommandLine;
using System.Globalization;
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
        var data = new Option<string>("--data") { Description = "Catalog name or path (a folder ROOT/CLASS/* of character images: any size, either polarity; modifiers @36, @47, @62 merge letter case)", DefaultValueFactory = _ => "glyphs36" };
        var seed = new Option<long>("--seed") { Description = "Seed for generated data and for splitting unsplit sets", DefaultValueFactory = _ => 0 };
        var framing = FramingOption();
        var command = new Command("evaluate", "Accuracy of a model per split and per class; ends with 'accuracy: <fraction>'.") { model, data, seed, framing };
        command.SetAction(r => Run(io, r.GetValue(model)!, r.GetValue(data)!, r.GetValue(seed), r.GetValue(framing)));
        return command;
    }

    /// <summary>The --framing option shared with classify: grey (default) or ocr.</summary>
    internal static Option<CharacterFraming> FramingOption() => new("--framing")
    {
        Description = "How loose character images become model input: grey (contrast-stretched grey image, the training sets' framing) or ocr (ink mask like the OCR's crops)",
        DefaultValueFactory = _ => CharacterFraming.Grey,
    };

    private static int Run(CliOutput io, FileInfo modelFile, string dataName, long seed, CharacterFraming framing)
    {
        if (!modelFile.Exists)
        {
            throw new CliException($"{modelFile.FullName}: no such model file.");
        }

        var model = ClassifierEvaluation.Load(modelFile.FullName);
        var (network, classes, nist36Input) = (model.Network, model.Contract.Classes, model.Contract.Input == CropConvention.Nist36);
        var notices = new List<string>();
        var splits = CliData.Load(dataName, CliData.Context(seed) with { CharacterFrame = ClassifierEvaluation.CharacterFrame(model, framing), Notice = notices.Add });
        var report = ClassifierEvaluation.Evaluate(model, splits);

        io.Out.WriteLine($"model: {modelFile.FullName} ({network.InputFeatures} inputs, {classes.Count} classes{(nist36Input ? ", NIST36 input layout" : "")})");
        io.Out.WriteLine($"data: {splits.Name}");
        notices.ForEach(n => io.Out.WriteLine($"polarity: {n}"));
        foreach (var split in report.Splits)
        {
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{split.Split,-6} {split.Correct,7:N0}/{split.Total,-7:N0} accuracy {split.Accuracy:F4}"));
        }

        io.Out.WriteLine();
        io.Out.WriteLine($"per class ({report.Scope}):");
        foreach (var c in report.PerClass)
        {
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Class,-12} {c.Accuracy:F3}  ({c.Correct}/{c.Total})"));
        }

        if (report.MostConfused.Count > 0)
        {
            io.Out.WriteLine("most confused pairs: " + string.Join(", ", report.MostConfused.Select(p => $"{p.First}/{p.Second} ({p.Count})")));
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {report.Accuracy:F4}"));
        return ExitCodes.Ok;
    }
}
