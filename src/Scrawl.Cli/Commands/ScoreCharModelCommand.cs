using System.CommandLine;
using System.Globalization;
using Scrawl.Experiments.CharModel;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl score-charmodel MODEL</c>: scores a saved character model on the held-out real data train-charmodel reports.</summary>
internal static class ScoreCharModelCommand
{
    /// <summary>The command.</summary>
    public static Command Create(CliOutput io)
    {
        var model = new Argument<FileInfo>("model") { Description = "A character model file (36 or 62 classes), e.g. models/charmodel.scrawl" };
        var wider = new Option<bool>("--emnist36") { Description = "Also score a 36-class model on the 13,625-image held-out split of emnist-more36 (upper and lower case merged; not part of 'all')" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder to write heldout.json (per source, merged pairs, confusions) and confusion-heldout.png into; none: print only" };
        var command = new Command("score-charmodel", "Score a character model on the held-out splits of photo-chars and emnist-sample (and EMNIST byclass-test for 62 classes): per source at 62/47/36 classes and with I/1, O/0 merged, and the confusion of the ambiguous pairs.")
        {
            model, wider, output,
        };
        command.SetAction(r => Run(io, r.GetValue(model)!, r.GetValue(wider), r.GetValue(output)));
        return command;
    }

    private static int Run(CliOutput io, FileInfo model, bool wider, DirectoryInfo? outDir)
    {
        if (!model.Exists)
        {
            throw new CliException($"{model.FullName}: no such model file.");
        }

        var (score, summary, emnist) = CharModelHeldOut.Score(model.FullName, CliData.Load, wider);
        foreach (var s in summary.Sources)
        {
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"held-out {s.Source}: {s.Accuracy:P2} ({s.Count:N0} images){(summary.Classes == 62 ? $", 47 classes {s.Accuracy47:P2}, 36 classes {s.Accuracy36:P2}" : "")}, I/1 and O/0 merged {s.AccuracyMerged:P2}"));
        }

        if (emnist is { } e)
        {
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out {e.Source} (case merged; not in 'all'): {e.Accuracy:P2} ({e.Count:N0} images), I/1 and O/0 merged {e.AccuracyMerged:P2}"));
        }

        io.Out.WriteLine("most confused: " + string.Join(", ", summary.Confused.Select(p => $"{p.A}/{p.B} {p.AsB + p.BAsA}")));
        io.Out.WriteLine("ambiguous pairs (A read as B / B read as A): " + string.Join(", ", summary.Ambiguous.Select(p => $"{p.A}/{p.B} {p.AsB}/{p.BAsA}")));
        if (outDir is not null)
        {
            io.Out.WriteLine($"wrote {CharModelHeldOut.Write(score, summary, outDir.FullName)}");
        }

        return ExitCodes.Ok;
    }
}
