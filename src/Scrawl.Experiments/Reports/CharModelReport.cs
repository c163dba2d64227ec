using System.Globalization;
using Scrawl.Experiments.CharModel;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Reports;

/// <summary>
/// The character models in the report (<c>scrawl report --charmodels</c>): each shipped model scored on its held-out real data by
/// <c>scrawl score-charmodel</c> — per source at 62, 47 (EMNIST's balanced merge) and 36 classes and with I/1, O/0 merged — the confusion
/// of the pairs a glyph alone cannot settle, and the held-out confusion matrix. A model already scored (same SHA-256) is collected.
/// </summary>
internal sealed class CharModelReport : IReportPart
{
    /// <summary>The stage that scores <paramref name="modelFile"/>: "charmodel" and the file's name without extension.</summary>
    internal static string StageName(string modelFile) => "charmodel " + Path.GetFileNameWithoutExtension(modelFile);

    /// <inheritdoc/>
    public IEnumerable<ReportStagePlan> Plan(ReportContext context)
    {
        foreach (string file in context.Settings.CharModelFiles)
        {
            string folder = Path.Combine(context.Settings.Runs, "charmodel", Path.GetFileNameWithoutExtension(file));
            yield return new(StageName(file), 0, ["score-charmodel", file, "--out", folder], folder, () => Matches(folder, file));
        }
    }

    /// <inheritdoc/>
    public void AddSections(ReportDocument document, ReportContext context, IReadOnlyDictionary<string, ReportStage> stages)
    {
        var section = document.AddSection("Character models on held-out real handwriting",
            "The OCR's shipped classifiers, scored on real handwriting they never trained on: the 10 % test splits (stratified, split seed 0) of photo-chars and emnist-sample, "
            + "and for the mixed-case model EMNIST byclass-test's held-out 10 %. I/1 and O/0 (and letter case) are often impossible to tell from the glyph alone, so accuracy is also given with them merged; "
            + "the OCR decides them from the line's context. The official EMNIST train split is not available here, so published EMNIST figures (the write-up's 90.4 % on balanced; "
            + "the EMNIST paper's OPIUM baselines 69.7 % byclass and 78.0 % balanced; CNNs trained on the full 698k-image byclass train split reach about 88 % byclass) are on other training data.");
        foreach (string file in context.Settings.CharModelFiles)
        {
            var stage = stages[StageName(file)];
            var summary = HeldOutSummary.Read(Path.Combine(stage.Folder, "heldout.json"));
            string classes = summary.Classes.ToString(CultureInfo.InvariantCulture);
            section.AddTable(["held-out source", "images", $"{classes} classes", "47 classes", "36 classes", "36 with I/1, O/0 merged"],
                [.. summary.Sources.Select(s => (IReadOnlyList<string>)[s.Source, s.Count.ToString("N0", CultureInfo.InvariantCulture), Percent(s.Accuracy), Percent(s.Accuracy47), Percent(s.Accuracy36), Percent(s.AccuracyMerged)])],
                $"{summary.Model} ({classes} classes; trained by {(summary.Command.Length > 0 ? summary.Command : "an unrecorded recipe")}): held-out accuracy per source.", stage.Command);
            section.AddTable(["pair A/B", "A read as B", "B read as A", "A images", "B images"],
                [.. summary.Ambiguous.Select(p => (IReadOnlyList<string>)[$"{p.A}/{p.B}", Count(p.AsB, p.CountA), Count(p.BAsA, p.CountB), p.CountA.ToString("N0", CultureInfo.InvariantCulture), p.CountB.ToString("N0", CultureInfo.InvariantCulture)])],
                $"{summary.Model}: confusion of the ambiguous pairs on all held-out sources; most confused overall: {string.Join(", ", summary.Confused.Take(6).Select(p => $"{p.A}/{p.B} {p.AsB + p.BAsA}"))}.", stage.Command);
            section.AddFigure(File.ReadAllBytes(Path.Combine(stage.Folder, "confusion-heldout.png")), $"{summary.Model}: confusion matrix of all held-out sources (row: true class).", stage.Command);
        }
    }

    private static bool Matches(string folder, string modelFile)
    {
        try
        {
            return ReportFiles.AllExist(folder, "heldout.json", "confusion-heldout.png")
                && HeldOutSummary.Read(Path.Combine(folder, "heldout.json")).Sha256 == HeldOutSummary.HashFile(modelFile);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return false; // an unreadable earlier score is simply scored again
        }
    }

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    private static string Count(int count, int of) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} ({(of == 0 ? 0 : 100.0 * count / of):F1} %)");
}
