using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Scrawl.Data;
using Scrawl.Data.Catalog;
using Scrawl.Data.Synthesis;
using Scrawl.Media;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl data list|info|fetch|synth|show</c>: the data sets Scrawl knows and works with.</summary>
internal static class DataCommand
{
    public static Command Create(CliOutput io)
    {
        var list = new Command("list", "List the known data sets: classes, sizes, where each is found on this machine.");
        list.SetAction(_ => List(io));

        var nameArg = new Argument<string>("data") { Description = "A catalog name (see 'data list') or a path: dataset file, .mat, IDX folder, image folder" };
        var seed = new Option<long>("--seed") { Description = "Seed for generated data and for splitting unsplit sets", DefaultValueFactory = _ => 0 };
        var info = new Command("info", "Print counts per split and class, image shape and value range.") { nameArg, seed };
        info.SetAction(r => Info(io, r.GetValue(nameArg)!, r.GetValue(seed)));

        var fetchArg = new Argument<string>("name") { Description = "Catalog name" };
        var fetch = new Command("fetch", "Download a data set into the cache ($SCRAWL_DATA or ~/.cache/scrawl), verified and resumable.") { fetchArg };
        fetch.SetAction(r => Fetch(io, r.GetValue(fetchArg)!));

        var perClass = new Option<int>("--per-class") { Description = "Samples per class (1–100000)", DefaultValueFactory = _ => 1000 };
        var synthSeed = new Option<long>("--seed") { Description = "Seed: the same seed writes the same file", DefaultValueFactory = _ => 0 };
        var outFile = new Option<FileInfo>("--out") { Description = "Dataset file to write (.npz)", Required = true };
        var synth = new Command("synth", "Generate the synthetic handwriting set glyphs36 (80/10/10 split) into a dataset file.") { perClass, synthSeed, outFile };
        synth.SetAction(r => Synth(io, r.GetValue(perClass), r.GetValue(synthSeed), r.GetValue(outFile)!));

        var showArg = new Argument<string>("data") { Description = "A catalog name or a path" };
        var split = new Option<string>("--split") { Description = "train, valid or test", DefaultValueFactory = _ => "train" };
        var showPerClass = new Option<int>("--per-class") { Description = "Samples shown per class (1–64)", DefaultValueFactory = _ => 12 };
        var columns = new Option<int>("--columns") { Description = "Class blocks per row (1–16)", DefaultValueFactory = _ => 3 };
        var png = new Option<FileInfo>("--out") { Description = "PNG file to write", Required = true };
        var show = new Command("show", "Write a montage PNG of samples per class.") { showArg, split, showPerClass, columns, png, seed };
        show.SetAction(r => Show(io, r.GetValue(showArg)!, r.GetValue(split)!, r.GetValue(showPerClass), r.GetValue(columns), r.GetValue(png)!, r.GetValue(seed)));

        return new Command("data", "Data sets: list, inspect, download, generate, look at.") { list, info, fetch, synth, show };
    }

    private static int List(CliOutput io)
    {
        var context = CliData.Context();
        io.Out.WriteLine($"{"name",-16} {"classes",7}  {"sizes",-44} where");
        foreach (var e in DatasetCatalog.Entries)
        {
            string where = e.Find(context) ?? (e.Downloads.Count > 0 ? "not here: scrawl data fetch " + e.Name : "not here (see 'data info " + e.Name + "')");
            io.Out.WriteLine($"{e.Name,-16} {e.Classes,7}  {e.Sizes,-44} {where}");
            io.Out.WriteLine($"{"",-16} {"",7}  {e.Description}; {e.Provenance}");
        }

        io.Out.WriteLine($"cache: {context.Locator.Cache.Root}");
        return ExitCodes.Ok;
    }

    private static int Info(CliOutput io, string data, long seed)
    {
        var splits = Load(data, seed);
        var first = splits.Train;
        io.Out.WriteLine($"data: {splits.Name}");
        io.Out.WriteLine($"images: {first.Height}×{first.Width}×{first.Channels}, float32 in [0, 1], ink/foreground high, upright");
        io.Out.WriteLine($"classes: {first.ClassNames.Count}");
        var parts = splits.Parts().ToList();
        io.Out.WriteLine($"{"class",-20}" + string.Concat(parts.Select(p => $"{p.Split,8}")));
        var counts = parts.Select(p => p.Set.CountPerClass()).ToList();
        for (int c = 0; c < first.ClassNames.Count; c++)
        {
            io.Out.WriteLine($"{first.ClassNames[c],-20}" + string.Concat(counts.Select(k => $"{k[c],8}")));
        }

        io.Out.WriteLine($"{"total",-20}" + string.Concat(parts.Select(p => $"{p.Set.Count,8}")));
        return ExitCodes.Ok;
    }

    private static int Fetch(CliOutput io, string name)
    {
        var entry = DatasetCatalog.Find(name) ?? throw new CliException($"{name}: no such data set (see 'scrawl data list').");
        var progress = new TerminalProgress(io.Out, $"fetch {entry.Name}", TerminalProgress.StdoutIsTerminal);
        var context = CliData.Context(progress: p => progress.Report(p.BytesDone / 1e6, (p.TotalBytes ?? 0) / 1e6, "MB"));
        try
        {
            string path = DataFetcher.Fetch(entry, context);
            progress.Finish();
            io.Out.WriteLine($"{entry.Name}: ready in {path}");
            return ExitCodes.Ok;
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static int Synth(CliOutput io, int perClass, long seed, FileInfo output)
    {
        if (perClass is < 1 or > 100_000)
        {
            throw new CliException($"--per-class must be 1–100000, got {perClass}.");
        }

        var clock = Stopwatch.StartNew();
        var set = new GlyphSynthesizer().Generate(perClass, seed);
        var splits = Splitting.Stratified(set, 0.1, 0.1, seed);
        DatasetFile.Save(splits, output.FullName);
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {output.FullName}: glyphs36, {set.Count:N0} samples ({splits.Train.Count:N0}/{splits.Valid!.Count:N0}/{splits.Test!.Count:N0}), seed {seed}, {new FileInfo(output.FullName).Length / 1e6:F1} MB in {clock.Elapsed.TotalSeconds:F1} s"));
        return ExitCodes.Ok;
    }

    private static int Show(CliOutput io, string data, string split, int perClass, int columns, FileInfo output, long seed)
    {
        if (perClass is < 1 or > 64 || columns is < 1 or > 16)
        {
            throw new CliException("--per-class must be 1–64 and --columns 1–16.");
        }

        var splits = Load(data, seed);
        var set = splits.Parts().FirstOrDefault(p => p.Split == split).Set
            ?? throw new CliException($"{splits.Name} has no '{split}' split (it has: {string.Join(", ", splits.Parts().Select(p => p.Split))}).");
        Montage.Save(set, output.FullName, perClass, columns, new MontageOptions { Seed = seed, Title = $"{splits.Name} ({split})" });
        io.Out.WriteLine($"wrote {output.FullName}");
        return ExitCodes.Ok;
    }

    private static DatasetSplits Load(string data, long seed)
    {
        return CliData.Load(data, seed);
    }
}
