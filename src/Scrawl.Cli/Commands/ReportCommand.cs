using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Scrawl.Experiments.Reports;
using Scrawl.Reporting;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl report</c>: runs (or collects from its run folders) the classifier training, the learning-rate study,
/// the autoencoder and PCA on one data set, and writes one self-contained HTML page with every figure and table,
/// each captioned with the exact <c>./scrawl …</c> command that reproduces it.
/// </summary>
internal static class ReportCommand
{
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
        var deep = new Option<bool>("--deep") { Description = "Also run (or collect) the TorchSharp studies through scrawl-deep: MLP/CNN runs, flowers-17 transfer learning (with the two-seed train+val ensemble of issue #20), PyTorch benchmark (≈ 45 min on 2 cores, most of it Fashion-MNIST, plus ≈ 1 h on this shared machine for the two 224-px train+val runs; with --quick ≈ 3–6 min)" };
        var charModels = new Option<bool>("--charmodels") { Description = "Also score the shipped character models (models/charmodel.scrawl, charmodel-mixed.scrawl) on their held-out real data: per source, 62/47/36 classes, I/1 and O/0 merged, ambiguous pairs (≈ 30 s)" };
        var emnist = new Option<bool>("--emnist") { Description = "Also collect the finished EMNIST runs ('deep train --data emnist-mixedcase' or 'deep score' folders) under RUNS/emnist: 62/47/36-class held-out accuracy, ambiguous pairs, confusion and curves; trains nothing" };
        var emnistRuns = new Option<string[]>("--emnist-run") { Description = "An EMNIST run folder (with heldout.json), or a folder of them, to collect as --emnist does; repeatable", AllowMultipleArgumentsPerToken = false };
        var command = new Command("report", "Run (or collect) the training, learning-rate, autoencoder and PCA studies (and with --deep the TorchSharp ones) and write one self-contained HTML report.")
        {
            output, data, seed, epochs, sweepEpochs, aeEpochs, recipe, runs, fresh, quick, deep, charModels, emnist, emnistRuns,
        };
        command.SetAction(r =>
        {
            bool q = r.GetValue(quick);
            var s = new ReportSettings(r.GetValue(data)!, r.GetValue(seed), r.GetValue(epochs) ?? (q ? 3 : 100), r.GetValue(sweepEpochs) ?? (q ? 2 : 30),
                r.GetValue(aeEpochs) ?? (q ? 2 : 100), r.GetValue(recipe)!, r.GetValue(runs)!, r.GetValue(fresh), q, r.GetValue(deep))
            {
                CharModelFiles = r.GetValue(charModels)
                    ? [Scrawl.Reading.ModelLocator.ShippedModelPath(), Scrawl.Reading.ModelLocator.ShippedModelPath(Scrawl.Reading.ModelLocator.ShippedMixedModelName)]
                    : [],
                EmnistRuns = r.GetValue(emnist) || r.GetValue(emnistRuns) is { Length: > 0 } ? r.GetValue(emnistRuns) ?? [] : null,
            };
            return Run(io, s, r.GetValue(output)!);
        });
        return command;
    }

    private static int Run(CliOutput io, ReportSettings s, FileInfo outFile)
    {
        Library.Validate(s.Validate);
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
        var report = new StudyReport(s, CliData.Load(s.Data, s.Seed));
        var plans = report.Plans;
        var stages = new Dictionary<string, ReportStage>(StringComparer.Ordinal);
        for (int i = 0; i < plans.Count; i++)
        {
            stages.Add(plans[i].Name, Do(io, s, i + 1, plans.Count, plans[i]));
        }

        io.Out.WriteLine("report: collecting figures and tables");
        var document = report.Build(stages);
        ReportHtml.Save(document, outFile.FullName);
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"report: {outFile.FullName} ({document.Figures.Count()} figures, {document.Tables.Count()} tables, {new FileInfo(outFile.FullName).Length / 1024.0:N0} KiB) in {clock.Elapsed.TotalSeconds:F1} s"));
        return ExitCodes.Ok;
    }

    /// <summary>Runs one stage in-process (output to its log, epochs to the progress) unless its folder already holds a matching run.</summary>
    private static ReportStage Do(CliOutput io, ReportSettings s, int index, int total, ReportStagePlan plan)
    {
        var (name, epochs, args, folder) = (plan.Name, plan.Epochs, plan.Args, plan.Folder);
        string command = ReportFiles.ShellCommand(args);
        if (!s.Fresh && plan.AlreadyDone())
        {
            io.Out.WriteLine($"report [{index}/{total}] {name}: collected from {folder} (same settings; --fresh reruns it)");
            return new ReportStage(args, folder, Collected: true, "");
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
        return new ReportStage(args, folder, Collected: false, captured.ToString());
    }

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
