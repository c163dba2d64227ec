using System.CommandLine;
using System.Globalization;
using Scrawl.Media;
using Scrawl.Ocr;
using Scrawl.Reading;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl classify IMAGE… [--model M] [--top 5]</c>: the most probable classes of each character image, one block per
/// image (<c>== FILE ==</c>, then one <c>CLASS PROBABILITY</c> line each); an unreadable file gets one error line and exit code 2.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create(CliOutput io)
    {
        var images = new Argument<string[]>("images") { Description = "Character images (PNG, JPEG, …): any size, tight or with margins, dark ink on light or light on dark", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string?>("--model") { Description = "Character model: a .scrawl model file or a NIST36 .npz; default: the shipped models/charmodel.scrawl" };
        var top = new Option<int>("--top") { Description = "Classes shown per image (1–100)", DefaultValueFactory = _ => 5 };
        var framing = EvaluateCommand.FramingOption();
        var command = new Command("classify", "Classify character images: the top classes with probabilities per image, prepared like the OCR's crops.") { images, model, top, framing };
        command.SetAction(r => Run(io, r.GetValue(images)!, r.GetValue(model), r.GetValue(top), r.GetValue(framing)));
        return command;
    }

    private static int Run(CliOutput io, string[] images, string? modelName, int top, CharacterFraming framing)
    {
        if (top is < 1 or > 100)
        {
            throw new CliException($"--top must be 1–100, got {top}.");
        }

        var classifier = ModelLocator.OpenClassifier(modelName ?? ModelLocator.ShippedModelPath());
        bool failed = false;
        foreach (var result in CharacterImages.Classify(classifier, images, new SkiaImageDecoder(), top, framing))
        {
            if (result.Error is { } error)
            {
                io.Error.WriteLine($"scrawl: {error}");
                failed = true;
                continue;
            }

            io.Out.WriteLine($"== {result.Path} ==");
            foreach (var c in result.Top)
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Class} {c.Probability:F4}"));
            }
        }

        return failed ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}
