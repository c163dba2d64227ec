using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Scrawl.Experiments.CharModel;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Reports;

/// <summary>
/// The EMNIST classifiers in the report (<c>scrawl report --emnist</c>, <c>--emnist-run DIR</c>): finished <c>deep train --data emnist-mixedcase</c>
/// (or <c>deep score</c>) run folders, collected and never trained here (a run takes an hour): per run its 62/47/36-class held-out accuracy,
/// the ambiguous pairs, the confusion matrix and the learning curves, each row and figure with the exact command that made it.
/// </summary>
internal sealed partial class EmnistRunsReport : IReportPart
{
    /// <summary>The subfolder of the report's runs folder whose run folders are collected without naming them.</summary>
    internal const string RunsSubfolder = "emnist";

    /// <summary>The optional log of a run (its standard output) beside heldout.json: the wall time and the accuracy before <c>--fit-bias</c> come from it.</summary>
    internal const string LogFile = "train.log";

    /// <summary>The training command the section suggests when no run is found.</summary>
    internal const string ExampleCommand = "./scrawl deep train --model cnn --data emnist-mixedcase --coarse-data emnist-more36 --fit-bias --epochs 3 --batch 128 --lr 2e-3 --schedule cosine --hidden 64 --seed 2 --threads 1 --out runs/report/emnist/cnn-s2e3";

    /// <summary>What one collected run folder holds.</summary>
    /// <param name="Folder">The run folder as found (given, or under the runs folder).</param>
    /// <param name="Summary">Its heldout.json.</param>
    /// <param name="Settings">Its settings.json (null for a <c>deep score</c> folder).</param>
    /// <param name="EpochsDone">Epochs in its history.json (0 when none).</param>
    /// <param name="Log">What its train.log says (null when there is none).</param>
    internal sealed record EmnistRun(string Folder, HeldOutSummary Summary, TrainSettings? Settings, int EpochsDone, RunLog? Log)
    {
        /// <summary>The command that made the run: the recorded one, with <c>--out</c> and the folder for a <c>deep train</c> that did not record it.</summary>
        public string Command
        {
            get
            {
                string recorded = Summary.Command.Length > 0 ? Summary.Command : "(not recorded)";
                return recorded.StartsWith("./scrawl deep train ", StringComparison.Ordinal) && !recorded.Contains(" --out ", StringComparison.Ordinal)
                    ? recorded + " --out " + ReportFiles.ShellCommand([Folder])["./scrawl ".Length..]
                    : recorded;
            }
        }
    }

    /// <summary>The settings <c>deep train</c> writes to settings.json, as far as the report shows them.</summary>
    internal sealed record TrainSettings(string Model, string Data, int Epochs, long Seed, int Hidden, string Augment, string CoarseData = "");

    /// <summary>What a run's log adds: wall seconds and the test accuracy before and after <c>--fit-bias</c> (as printed, e.g. "85.80 %"), each null when missing.</summary>
    internal sealed record RunLog(string? WallSeconds, string? TestBeforeBias, string? TestAfterBias);

    [JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    [JsonSerializable(typeof(TrainSettings))]
    [JsonSerializable(typeof(List<JsonElement>))]
    private sealed partial class RunJson : JsonSerializerContext;

    /// <inheritdoc/>
    public IEnumerable<ReportStagePlan> Plan(ReportContext context)
    {
        _ = Find(context.Settings.EmnistRuns ?? [], context.Settings.Runs); // a wrong --emnist-run fails now, not after the other stages
        return []; // collected only: nothing is run
    }

    /// <inheritdoc/>
    public void AddSections(ReportDocument document, ReportContext context, IReadOnlyDictionary<string, ReportStage> stages)
    {
        var s = context.Settings;
        AddSection(document, Find(s.EmnistRuns ?? [], s.Runs), Path.Combine(s.Runs, RunsSubfolder), ReportFiles.ShellCommand(s.CommandArgs()));
    }

    /// <summary>
    /// The run folders to collect: each <paramref name="given"/> folder that holds heldout.json, else its subfolders that do (a given folder
    /// with neither is an <see cref="InvalidDataException"/> naming it), then the subfolders of <paramref name="runs"/>/emnist that do; in order, without repeats.
    /// </summary>
    internal static IReadOnlyList<string> Find(IReadOnlyList<string> given, string runs)
    {
        var found = new List<string>();
        foreach (string folder in given)
        {
            var runsIn = RunsIn(folder);
            if (runsIn.Count == 0)
            {
                throw new InvalidDataException($"{folder}: --emnist-run needs a run folder of 'deep train' or 'deep score' (with heldout.json) or a folder of such folders; none found.");
            }

            found.AddRange(runsIn);
        }

        found.AddRange(RunsIn(Path.Combine(runs, RunsSubfolder)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. found.Where(f => seen.Add(Path.GetFullPath(f)))];
    }

    /// <summary>Reads one run folder; a missing or malformed heldout.json is an <see cref="InvalidDataException"/> naming it, the other files are optional.</summary>
    internal static EmnistRun Read(string folder)
    {
        var summary = HeldOutSummary.Read(Path.Combine(folder, "heldout.json"));
        var settings = TryRead(Path.Combine(folder, "settings.json"), RunJson.Default.TrainSettings);
        int epochs = TryRead(Path.Combine(folder, "history.json"), RunJson.Default.ListJsonElement)?.Count ?? 0;
        string log = Path.Combine(folder, LogFile);
        return new EmnistRun(folder, summary, settings, epochs, File.Exists(log) ? ParseLog(File.ReadAllText(log)) : null);
    }

    /// <summary>The wall seconds and the test accuracy before and after the bias fit in <c>deep train</c>'s output, each null when missing.</summary>
    internal static RunLog ParseLog(string text)
    {
        var wall = WallLine().Match(text);
        var bias = BiasLine().Match(text);
        return new RunLog(wall.Success ? wall.Groups[1].Value : null, bias.Success ? bias.Groups[1].Value : null, bias.Success ? bias.Groups[2].Value : null);
    }

    /// <summary>Adds the section for the run <paramref name="folders"/> (a note on how to make one when there is none); <paramref name="reportCommand"/> captions the summary.</summary>
    internal static void AddSection(ReportDocument document, IReadOnlyList<string> folders, string runsFolder, string reportCommand)
    {
        var section = document.AddSection("EMNIST classifiers on the held-out 10 % of byclass-test",
            "Dedicated EMNIST classifiers (issue #23 item 2), collected from their run folders, never trained by the report: each scored on the seeded held-out 10 % of EMNIST byclass-test "
            + "(emnist-mixedcase's test split, 11,634 glyphs, split seed 0), at 62 classes, at 47 (EMNIST's balanced case merge), at 36 (every letter's case merged) and with I/1 and O/0 also merged. "
            + "Goals: 62 classes ≥ 87 %, 47 ≥ 91 %. The official EMNIST train split is not available here, so published EMNIST figures are on other training data.");
        if (folders.Count == 0)
        {
            section.AddNote($"No EMNIST run found: give finished run folders with --emnist-run DIR, or put them under {runsFolder}, e.g. by {ExampleCommand} (about an hour on 2 cores).");
            return;
        }

        var runs = folders.Select(Read).ToList();
        section.AddTable(["run", "images", "classes", "accuracy", "47 classes", "36 classes", "36, I/1 & O/0 merged", "test before → after fit-bias", "seed", "epochs", "wall", "command"],
            [.. runs.Select(Row)],
            "Held-out accuracy of each collected EMNIST run (wall time and the accuracy before the bias fit come from the run's train.log when it has one; — where not recorded).", reportCommand);
        foreach (var run in runs)
        {
            var summary = run.Summary;
            string name = Name(run);
            section.AddTable(["pair A/B", "A read as B", "B read as A", "A images", "B images"],
                [.. summary.Ambiguous.Select(p => (IReadOnlyList<string>)[$"{p.A}/{p.B}", Count(p.AsB, p.CountA), Count(p.BAsA, p.CountB), Text(p.CountA), Text(p.CountB)])],
                $"{name}: confusion of the pairs a glyph alone cannot settle; most confused overall: {string.Join(", ", summary.Confused.Take(6).Select(p => $"{p.A}/{p.B} {p.AsB + p.BAsA}"))}.", run.Command);
            AddFigure(section, run, "confusion-heldout.png", $"{name}: confusion matrix on the held-out split (row: true class).");
            AddFigure(section, run, "curves-accuracy.png", $"{name}: train, valid and test accuracy per epoch (train with dropout on).");
        }
    }

    private static IReadOnlyList<string> Row(EmnistRun run)
    {
        var all = run.Summary.Sources[^1];
        bool merged = run.Summary.Classes > 36;
        string bias = run.Log?.TestBeforeBias is { } before ? $"{before} → {run.Log.TestAfterBias}" : "—";
        string epochs = run.Settings is null ? "—" : run.EpochsDone == run.Settings.Epochs ? Text(run.EpochsDone) : $"{run.EpochsDone} of {run.Settings.Epochs}";
        return [Name(run), Text(all.Count), Text(run.Summary.Classes), Percent(all.Accuracy), merged ? Percent(all.Accuracy47) : "—", Percent(all.Accuracy36), Percent(all.AccuracyMerged),
            bias, run.Settings is null ? "—" : ReportFiles.Text(run.Settings.Seed), epochs, run.Log?.WallSeconds is { } wall ? wall + " s" : "—", run.Command];
    }

    private static void AddFigure(ReportSection section, EmnistRun run, string file, string caption)
    {
        string path = Path.Combine(run.Folder, file);
        if (File.Exists(path))
        {
            section.AddFigure(File.ReadAllBytes(path), caption, run.Command);
        }
    }

    private static List<string> RunsIn(string folder)
    {
        if (File.Exists(Path.Combine(folder, "heldout.json")))
        {
            return [folder];
        }

        return Directory.Exists(folder)
            ? [.. Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Where(d => File.Exists(Path.Combine(d, "heldout.json")))]
            : [];
    }

    private static T? TryRead<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), type) : default;
        }
        catch (JsonException)
        {
            return default; // optional files: a run without them still shows its held-out score
        }
    }

    private static string Name(EmnistRun run) => Path.GetFileName(Path.TrimEndingDirectorySeparator(run.Folder));

    private static string Percent(double value) => value.ToString("P2", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(int count, int of) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} ({(of == 0 ? 0 : 100.0 * count / of):F1} %)");

    [GeneratedRegex(@"^wall-seconds: (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex WallLine();

    [GeneratedRegex(@"^fit-bias \(on the validation split\):.*; test ([\d.]+ ?%) → ([\d.]+ ?%)", RegexOptions.Multiline)]
    private static partial Regex BiasLine();
}
