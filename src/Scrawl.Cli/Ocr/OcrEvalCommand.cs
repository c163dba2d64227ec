using System.CommandLine;
using System.Globalization;
using Scrawl.Ocr;
using Scrawl.Reading;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr-eval DIR [--model M] [--recognition] [--whole-words]</c>: reads every NAME.jpg/jpeg/png that has a NAME.txt ground truth and prints,
/// per image and overall, the character error rate (edit distance over A–Z/0–9 per line, spaces and punctuation
/// ignored, case-insensitive, read lines aligned to the truth lines first: <see cref="TextScore.Align"/>), the word
/// error rate, the lines read exactly right and the spurious and missing lines; the last line is
/// <c>overall: CER x.xx% WER y.yy% lines right/total spurious s missing m</c>. Before it, a reliability table: per character confidence bin
/// the characters, how many were right and the accuracy (<see cref="CharacterReliability"/>), and the expected calibration error.
/// </summary>
internal static class OcrEvalCommand
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png"];

    public static Command Create(CliOutput io)
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "Folder of NAME.jpg|png photos, each with a NAME.txt ground truth (one text line per line)" };
        var model = OcrCommand.ModelOption();
        var letterCase = OcrReadOptions.CaseOption();
        var scoring = new Option<string>("--score")
        {
            Description = "How letter case is scored: folded (upper-cased before comparing; default) or sensitive (a read as A is an error)",
            HelpName = "folded|sensitive",
            DefaultValueFactory = _ => "folded",
        };
        var recognition = OcrReadOptions.RecognitionOption();
        var words = OcrReadOptions.WordsOption();
        var command = new Command("ocr-eval", "Character/word error rates and lines right of 'ocr' on photos with ground truth; ends with 'overall: CER … WER … lines …'.") { dir, model, letterCase, scoring, recognition, words };
        command.SetAction(r => Run(io, r.GetValue(dir)!, r.GetValue(model), OcrReadOptions.ParseCase(r.GetValue(letterCase)), ParseScoring(r.GetValue(scoring)), r.GetValue(recognition), OcrReadOptions.Given(r, words)));
        return command;
    }

    private static CaseScoring ParseScoring(string? name) => name?.ToLowerInvariant() switch
    {
        "folded" or null => CaseScoring.Folded,
        "sensitive" => CaseScoring.Sensitive,
        _ => throw new CliException($"--score: '{name}' is not a scoring: use folded or sensitive."),
    };

    private static int Run(CliOutput io, DirectoryInfo dir, string? modelName, LetterCase letterCase, CaseScoring scoring, bool recognition, bool? words)
    {
        if (!dir.Exists)
        {
            throw new CliException($"{dir.FullName}: no such folder.");
        }

        var pairs = dir.EnumerateFiles()
            .Where(f => Extensions.Contains(f.Extension.ToLowerInvariant()))
            .Select(f => (Image: f.FullName, Truth: Path.ChangeExtension(f.FullName, ".txt")))
            .Where(p => File.Exists(p.Truth))
            .OrderBy(p => p.Image, StringComparer.Ordinal)
            .ToList();
        if (pairs.Count == 0)
        {
            throw new CliException($"{dir.FullName}: no NAME.jpg|jpeg|png with a NAME.txt ground truth.");
        }

        using var reader = OcrReadOptions.Open(modelName, new Reading.Characters.CharacterOptions(), letterCase, recognition, words);
        io.Out.WriteLine($"model: {reader.ModelName} (--case {letterCase.ToString().ToLowerInvariant()}, case {scoring.ToString().ToLowerInvariant()})"
            + (recognition ? " (segmentation by recognition)" : "") + (reader.Options.Words is not null ? " (whole words)" : ""));
        TextScore? total = null;
        var reliability = new CharacterReliability();
        bool failed = false;
        foreach (var (image, truthPath) in pairs)
        {
            try
            {
                string truth = File.ReadAllText(truthPath);
                var reading = reader.Read(image);
                var score = TextScore.Compute(truth, reading.Result.Text, scoring);
                total = total is null ? score : total.Add(score);
                reliability.Add(reading.Result, truth);
                io.Out.WriteLine(Invariant($"{Path.GetFileName(image)}: CER {score.CharacterErrorRate * 100:F2}% WER {score.WordErrorRate * 100:F2}% lines {score.LinesRight}/{score.Lines} (line count {score.ReadLineCount} of {score.TruthLineCount}: {(score.LineCountRight ? "right" : "wrong")}) spurious {score.SpuriousLines} missing {score.MissingLines}"));
                WriteDifferences(io, truth, reading.Result.Text, scoring);
            }
            catch (Exception e) when (CliHost.IsFileProblem(e))
            {
                io.Error.WriteLine($"scrawl: {e.Message}");
                failed = true;
            }
        }

        WriteReliability(io, reliability);
        io.Out.WriteLine(OverallLine(total ?? TextScore.Empty));
        return failed ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    /// <summary>The last line of the report: <c>overall: CER x.xx% WER y.yy% lines right/total spurious s missing m</c>.</summary>
    public static string OverallLine(TextScore total, string label = "overall") =>
        Invariant($"{label}: CER {total.CharacterErrorRate * 100:F2}% WER {total.WordErrorRate * 100:F2}% lines {total.LinesRight}/{total.Lines} spurious {total.SpuriousLines} missing {total.MissingLines}");

    /// <summary>Prints how often characters of each confidence bin were right, and the expected calibration error over 10 equal bins.</summary>
    private static void WriteReliability(CliOutput io, CharacterReliability reliability)
    {
        io.Out.WriteLine($"reliability: {reliability.Count} characters aligned to the truth");
        io.Out.WriteLine("  confidence   characters  right   accuracy  mean confidence");
        foreach (var bin in reliability.Bins())
        {
            string range = Invariant($"{bin.Low:F2}–{bin.High:F2}");
            string accuracy = bin.Count > 0 ? Invariant($"{bin.Accuracy * 100,6:F1} %") : "     –  ";
            string mean = bin.Count > 0 ? Invariant($"{bin.MeanConfidence:F3}") : "–";
            io.Out.WriteLine(Invariant($"  {range,-11} {bin.Count,10} {bin.Correct,6}  {accuracy}  {mean}"));
        }

        io.Out.WriteLine(Invariant($"  expected calibration error (10 equal bins): {reliability.ExpectedCalibrationError():F4}"));
    }

    /// <summary>Prints the aligned lines that differ (after the scoring's reduction), expected vs read; spurious and missing lines are marked.</summary>
    private static void WriteDifferences(CliOutput io, string truth, string read, CaseScoring scoring)
    {
        var t = TextScore.ReducedLines(truth, scoring);
        var r = TextScore.ReducedLines(read, scoring);
        foreach (var (ti, ri) in TextScore.Align(t, r))
        {
            string expected = ti >= 0 ? string.Join(" ", t[ti]) : "", got = ri >= 0 ? string.Join(" ", r[ri]) : "";
            if (expected != got)
            {
                string where = ti >= 0 ? $"line {ti + 1}" : $"spurious line (read line {ri + 1})";
                io.Out.WriteLine($"  {where}: expected \"{expected}\" read \"{got}\"{(ri < 0 ? " (missing)" : "")}");
            }
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
