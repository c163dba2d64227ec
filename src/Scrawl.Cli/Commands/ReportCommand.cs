using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Reporting;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl report</c>: runs (or collects from its run folders) the classifier training, the learning-rate study,
/// the autoencoder and PCA on one data set, and writes one self-contained HTML page with every figure and table,
/// each captioned with the exact <c>./scrawl …</c> command that reproduces it.
/// </summary>
internal static class ReportCommand
{
    /// <summary>What the report runs; the run folders live under <see cref="Runs"/> (as the user wrote it).</summary>
    internal sealed record Settings(string Data, long Seed, int Epochs, int SweepEpochs, int AutoencoderEpochs, string Recipe, string Runs, bool Fresh, bool Quick = false, bool Deep = false);

    /// <summary>One command the report ran or collected: its arguments, its run folder and its captured output (empty when collected).</summary>
    internal sealed record Stage(string[] Args, string Folder, bool Collected, string Output)
    {
        /// <summary>The shell command that reproduces the stage.</summary>
        public string Command => ShellCommand(Args);
    }

    public static Command Create(CliOutput io)
    {
        var output = new Option<FileInfo>("--out") { Description = "The HTML file to write (atomically)", DefaultValueFactory = _ => new FileInfo("report.html") };
        var data = new Option<string>("--data") { Description = "Catalog name or path (see 'scrawl data list')", DefaultValueFactory = _ => "glyphs36" };
        var seed = new Option<long>("--seed") { Description = "Seed of every run", DefaultValueFactory = _ => 0 };
        var epochs = new Option<int?>("--epochs") { Description = "Classifier epochs (≥ 1; default 100, --quick 3)" };
        var sweepEpochs = new Option<int?>("--sweep-epochs") { Description = "Epochs per learning-rate run (≥ 1; default 30, --quick 2)" };
        var aeEpochs = new Option<int?>("--ae-epochs") { Description = "Autoencoder epochs (≥ 1; default 100, --quick 2)" };
        var recipe = new Option<string>("--recipe") { Description = "Autoencoder recipe (see 'scrawl compress autoencoder')", DefaultValueFactory = _ => CompressCommand.DefaultRecipe };
        recipe.AcceptOnlyFromAmong(CompressCommand.Recipes);
        var runs = new Option<string>("--runs") { Description = "Folder of the run folders (train/, sweep/, autoencoder/, pca/) and their logs", DefaultValueFactory = _ => "runs/report" };
        var fresh = new Option<bool>("--fresh") { Description = "Rerun every study even when its run folder already holds a run with the same settings" };
        var quick = new Option<bool>("--quick") { Description = "A smoke run in seconds: 3 classifier, 2 sweep and 2 autoencoder epochs (explicit epochs win)" };
        var deep = new Option<bool>("--deep") { Description = "Also run (or collect) the TorchSharp studies through scrawl-deep: MLP/CNN runs, flowers-17 transfer learning, PyTorch benchmark (≈ 40 min on 2 cores; with --quick ≈ 1 min)" };
        var command = new Command("report", "Run (or collect) the training, learning-rate, autoencoder and PCA studies (and with --deep the TorchSharp ones) and write one self-contained HTML report.")
        {
            output, data, seed, epochs, sweepEpochs, aeEpochs, recipe, runs, fresh, quick, deep,
        };
        command.SetAction(r =>
        {
            bool q = r.GetValue(quick);
            var s = new Settings(r.GetValue(data)!, r.GetValue(seed), r.GetValue(epochs) ?? (q ? 3 : 100), r.GetValue(sweepEpochs) ?? (q ? 2 : 30),
                r.GetValue(aeEpochs) ?? (q ? 2 : 100), r.GetValue(recipe)!, r.GetValue(runs)!, r.GetValue(fresh), q, r.GetValue(deep));
            return Run(io, s, r.GetValue(output)!);
        });
        return command;
    }

    private static int Run(CliOutput io, Settings s, FileInfo outFile)
    {
        if (s.Epochs < 1 || s.SweepEpochs < 1 || s.AutoencoderEpochs < 1)
        {
            throw new CliException("--epochs, --sweep-epochs and --ae-epochs must be ≥ 1.");
        }

        if (Directory.Exists(outFile.FullName))
        {
            throw new CliException($"{outFile.FullName}: is a folder; --out takes the HTML file to write.");
        }

        if (s.Deep)
        {
            Scrawl.Reading.DeepProgram.Find(); // fails now, with how to build it, rather than after the first studies
        }

        var clock = Stopwatch.StartNew();
        io.Out.WriteLine($"report: data {s.Data}, seed {s.Seed}; run folders under {s.Runs}");
        var context = new ReportContext(s, CliData.Load(s.Data, s.Seed));
        IReportPart[] parts = s.Deep ? [new SeedStudiesReport(), new DeepStudiesReport()] : [new SeedStudiesReport()];
        var plans = parts.SelectMany(p => p.Plan(context)).ToList();
        var stages = new Dictionary<string, Stage>(StringComparer.Ordinal);
        for (int i = 0; i < plans.Count; i++)
        {
            stages.Add(plans[i].Name, Do(io, s, i + 1, plans.Count, plans[i]));
        }

        io.Out.WriteLine("report: collecting figures and tables");
        var splits = context.Splits;
        var document = new ReportDocument($"Scrawl report: {splits.Name}", string.Create(CultureInfo.InvariantCulture,
            $"Data {splits.Name} ({splits.Train.Height}×{splits.Train.Width}×{splits.Train.Channels}, {splits.Train.ClassNames.Count} classes; train {splits.Train.Count:N0}, valid {splits.Valid?.Count ?? 0:N0}, test {splits.Test?.Count ?? 0:N0}), seed {s.Seed}. Written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by {ShellCommand(Args(s))}. Every figure and table names the command that reproduces it."));
        foreach (var part in parts)
        {
            part.AddSections(document, context, stages);
        }

        ReportHtml.Save(document, outFile.FullName);
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"report: {outFile.FullName} ({document.Figures.Count()} figures, {document.Tables.Count()} tables, {new FileInfo(outFile.FullName).Length / 1024.0:N0} KiB) in {clock.Elapsed.TotalSeconds:F1} s"));
        return ExitCodes.Ok;
    }

    /// <summary>Runs one stage in-process (output to its log, epochs to the progress) unless its folder already holds a matching run.</summary>
    private static Stage Do(CliOutput io, Settings s, int index, int total, ReportStagePlan plan)
    {
        var (name, epochs, args, folder) = (plan.Name, plan.Epochs, plan.Args, plan.Folder);
        string command = ShellCommand(args);
        if (!s.Fresh && plan.AlreadyDone())
        {
            io.Out.WriteLine($"report [{index}/{total}] {name}: collected from {folder} (same settings; --fresh reruns it)");
            return new Stage(args, folder, Collected: true, "");
        }

        string logPath = Path.Combine(s.Runs, "logs", $"{index}-{name.Replace(' ', '-')}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        io.Out.WriteLine($"report [{index}/{total}] {name}: {command}  (log: {logPath})");
        var clock = Stopwatch.StartNew();
        var captured = new StringWriter();
        var errors = new StringWriter();
        int code;
        using (var log = new StreamWriter(logPath, append: false))
        {
            var progress = new TerminalProgress(io.Out, $"  {name}", TerminalProgress.StdoutIsTerminal && ReferenceEquals(io.Out, Console.Out));
            using var stdout = new ReportProgress(new TeeWriter(log, captured), progress, epochs);
            // The TorchSharp commands live in scrawl-deep: a child process, so this program never loads libtorch.
            code = args[0] == "deep" ? Scrawl.Reading.DeepProgram.Run(args[1..], stdout, errors) : Program.Run(args, stdout, errors);
            progress.Finish();
            log.Write(errors.ToString());
        }

        if (code != ExitCodes.Ok)
        {
            throw new CliException($"report: the {name} stage failed ({command}): {errors.ToString().Trim()} (log: {logPath}); no report written.", code);
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report [{index}/{total}] {name}: done in {clock.Elapsed.TotalSeconds:F1} s"));
        return new Stage(args, folder, Collected: false, captured.ToString());
    }

    /// <summary>The metadata of a model file, or null when it cannot be read (an unreadable earlier run is run again).</summary>
    internal static IReadOnlyDictionary<string, string>? TryMetadata(string modelPath)
    {
        try
        {
            return ModelFile.Load(modelPath).Metadata;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
        {
            return null; // an unreadable earlier run is simply run again
        }
    }

    /// <summary>True when every named file exists in <paramref name="folder"/>.</summary>
    internal static bool AllExist(string folder, params string[] files) => files.All(f => File.Exists(Path.Combine(folder, f)));

    /// <summary>The arguments of the report command itself for these settings.</summary>
    private static string[] Args(Settings s) =>
    [
        "report", "--data", s.Data, "--seed", Text(s.Seed), "--epochs", Text(s.Epochs), "--sweep-epochs", Text(s.SweepEpochs),
        "--ae-epochs", Text(s.AutoencoderEpochs), "--recipe", s.Recipe, "--runs", s.Runs, .. s.Quick ? ["--quick"] : Array.Empty<string>(), .. s.Deep ? ["--deep"] : Array.Empty<string>(),
    ];

    /// <summary>An integer in invariant culture.</summary>
    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"./scrawl " and the arguments, each single-quoted for a POSIX shell when it holds anything but safe characters.</summary>
    internal static string ShellCommand(IEnumerable<string> args) =>
        "./scrawl " + string.Join(' ', args.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:+,@%".Contains(c))
            ? a
            : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    /// <summary>Writes everything to two writers.</summary>
    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override System.Text.Encoding Encoding => first.Encoding;

        public override void Write(char value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(string? value)
        {
            first.Write(value);
            second.Write(value);
        }
    }
}
