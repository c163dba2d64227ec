using System.CommandLine;
using System.Globalization;
using Scrawl.Experiments.CharModel;
using Scrawl.Ocr.Training;
using Scrawl.Reading;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr-calibration [--model M]</c>: how far a character model's probabilities can be trusted on real handwriting it never saw
/// (<see cref="CalibrationStudy"/>): a temperature fitted on the real sets' validation splits, then per held-out test split the top-1 accuracy,
/// the expected calibration error and the negative log-likelihood with the model's own probabilities and at that temperature; the last two
/// lines are <c>ece-before: x</c> and <c>ece-after: y</c>.
/// </summary>
internal static class OcrCalibrationCommand
{
    public static Command Create(CliOutput io)
    {
        var model = OcrCommand.ModelOption();
        var command = new Command("ocr-calibration", "Calibration of the character model on held-out real crops (photo-chars, emnist-sample): ECE and NLL before and after a temperature fitted on their validation splits; ends with 'ece-before:' and 'ece-after:'.") { model };
        command.SetAction(r => Run(io, r.GetValue(model)));
        return command;
    }

    private static int Run(CliOutput io, string? modelName)
    {
        string name = modelName ?? ModelLocator.ShippedModelPath();
        var classifier = ModelLocator.OpenClassifier(name);
        try
        {
            var sources = CharModelData.Load(1, 0, syntheticOnly: true, (data, seed) => CliData.Load(data, seed), line => io.Error.WriteLine(line));
            var report = CalibrationStudy.Measure(classifier, sources.RealValid, sources.HeldOut);
            io.Out.WriteLine($"model: {name}");
            io.Out.WriteLine(Invariant($"temperature fitted on {report.FitCount:N0} validation crops ({string.Join(", ", sources.RealValid.Select(s => s.Name))}): T = {report.Temperature:F3}"));
            io.Out.WriteLine("held out          crops  accuracy  ECE before  ECE after  NLL before  NLL after");
            foreach (var s in report.HeldOut)
            {
                io.Out.WriteLine(Invariant($"{s.Source,-14} {s.Count,8:N0}  {s.Accuracy * 100,6:F2} %  {s.EceBefore,10:F4}  {s.EceAfter,9:F4}  {s.NllBefore,10:F4}  {s.NllAfter,9:F4}"));
            }

            var overall = report.HeldOut[^1];
            io.Out.WriteLine(Invariant($"ece-before: {overall.EceBefore:F4}"));
            io.Out.WriteLine(Invariant($"ece-after: {overall.EceAfter:F4}"));
            return ExitCodes.Ok;
        }
        finally
        {
            (classifier as IDisposable)?.Dispose();
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
