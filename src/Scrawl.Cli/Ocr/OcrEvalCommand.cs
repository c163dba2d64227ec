using System.CommandLine;
using System.Globalization;
using Scrawl.Ocr;
using Scrawl.Reading;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr-eval DIR [--model M]</c>: reads every NAME.jpg/jpeg/png that has a NAME.txt ground truth and prints,
/// per image and overall, the character error rate (edit distance over A–Z/0–9 per line, spaces and punctuation
/// ignored, case-insensitive), the word error rate and the lines read exactly right; the last line is
/// <c>overall: CER x.xx% WER y.yy% lines right/total</c>.
/// </summary>
internal static class OcrEvalCommand
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png"];

    public static Command Create(CliOutput io)
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "Folder of NAME.jpg|png photos, each with a NAME.txt ground truth (one text line per line)" };
        var model = OcrCommand.ModelOption();
        var command = new Command("ocr-eval", "Character/word error rates and lines right of 'ocr' on photos with ground truth; ends with 'overall: CER … WER … lines …'.") { dir, model };
        command.SetAction(r => Run(io, r.GetValue(dir)!, r.GetValue(model)));
        return command;
    }

    private static int Run(CliOutput io, DirectoryInfo dir, string? modelName)
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

        using var reader = PhotoReader.Open(modelName);
        io.Out.WriteLine($"model: {reader.ModelName}");
        TextScore? total = null;
        bool failed = false;
        foreach (var (image, truthPath) in pairs)
        {
            try
            {
                string truth = File.ReadAllText(truthPath);
                var reading = reader.Read(image);
                var score = TextScore.Compute(truth, reading.Result.Text);
                total = total is null ? score : total.Add(score);
                io.Out.WriteLine(Invariant($"{Path.GetFileName(image)}: CER {score.CharacterErrorRate * 100:F2}% WER {score.WordErrorRate * 100:F2}% lines {score.LinesRight}/{score.Lines} (line count {score.ReadLineCount} of {score.TruthLineCount}: {(score.LineCountRight ? "right" : "wrong")})"));
                WriteDifferences(io, truth, reading.Result.Text);
            }
            catch (Exception e) when (CliHost.IsFileProblem(e))
            {
                io.Error.WriteLine($"scrawl: {e.Message}");
                failed = true;
            }
        }

        total ??= new TextScore(0, 0, 0, 0, 0, 0, 0, 0);
        io.Out.WriteLine(Invariant($"overall: CER {total.CharacterErrorRate * 100:F2}% WER {total.WordErrorRate * 100:F2}% lines {total.LinesRight}/{total.Lines}"));
        return failed ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    /// <summary>Prints the lines that differ (after the scoring's reduction), expected vs read.</summary>
    private static void WriteDifferences(CliOutput io, string truth, string read)
    {
        static string[] Reduced(string text) =>
            [.. text.Replace("\r", "", StringComparison.Ordinal).Split('\n')
                .Select(l => string.Join(" ", l.Split(' ').Select(TextScore.Reduce).Where(w => w.Length > 0)))
                .Where(l => l.Length > 0)];
        var t = Reduced(truth);
        var r = Reduced(read);
        for (int i = 0; i < Math.Max(t.Length, r.Length); i++)
        {
            string expected = i < t.Length ? t[i] : "", got = i < r.Length ? r[i] : "";
            if (expected != got)
            {
                io.Out.WriteLine($"  line {i + 1}: expected \"{expected}\" read \"{got}\"");
            }
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
