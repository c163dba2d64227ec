using System.CommandLine;
using System.Globalization;
using Scrawl.Reading;
using Scrawl.Reading.Bulk;
using Scrawl.Reading.Characters;
using Scrawl.Reading.Formats;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr --list FILES.txt --shard I/N --out DIR [--workers K] [--format F]</c>: parses the bulk options, runs
/// <see cref="BulkReader.Run"/> (which reads this shard's share of the list and writes <c>DIR/NAME.EXT</c> and <c>DIR/NAME.json</c> per image),
/// prints one line on stderr per failed photo and the summary on stdout; the exit code is then 2 when a photo failed (3 if the failure was a bug).
/// </summary>
internal static class OcrBulk
{
    /// <summary>Runs bulk mode when --list was given (null otherwise); images on the command line or --annotate with --list are usage errors.</summary>
    public static int? TryRun(CliOutput io, ParseResult r, OcrBulkOptions bulk, string[] images, string? modelName, OutputFormat format, CharacterOptions characters, string? annotate, LetterCase letterCase = LetterCase.Upper, bool recognition = false, bool? words = null)
    {
        string? list = r.GetValue(bulk.List);
        if (list is null)
        {
            return r.GetResult(bulk.Shard) is { Implicit: false } || r.GetResult(bulk.Workers) is { Implicit: false }
                ? throw new CliException("--shard and --workers belong to bulk mode: give them with --list FILES.txt --out DIR.")
                : null;
        }

        if (images.Length > 0 || annotate is not null)
        {
            throw new CliException("--list reads its images from the list and writes its results to --out: give no IMAGE or --annotate with it.");
        }

        return Run(io, list, r.GetValue(bulk.Shard)!, r.GetValue(bulk.Out), modelName, r.GetValue(bulk.Workers), format, characters, letterCase, recognition, words);
    }

    /// <summary>Runs one shard, writing NAME.EXT of <paramref name="format"/> and NAME.json per image; returns the exit code.</summary>
    public static int Run(CliOutput io, string listPath, string shardText, string? outDir, string? modelName, int workers, OutputFormat format = OutputFormat.Text, CharacterOptions? characters = null, LetterCase letterCase = LetterCase.Upper, bool recognition = false, bool? words = null)
    {
        if (string.IsNullOrEmpty(outDir))
        {
            throw new CliException("--list needs --out DIR (the folder for the result files).");
        }

        if (workers < 1)
        {
            throw new CliException($"--workers {workers}: must be at least 1.");
        }

        var (shard, shards) = ParseShard(shardText);
        characters ??= new CharacterOptions();
        var options = new BulkOptions(listPath, outDir) { ShardIndex = shard, ShardCount = shards, Workers = workers, Format = format };
        var result = BulkReader.Run(options, model => OcrReadOptions.Open(model ?? modelName, characters, letterCase, recognition, words), failure =>
        {
            io.Error.WriteLine($"scrawl: failed: {failure.Message}");
            if (failure.NoteError is not null)
            {
                io.Error.WriteLine($"scrawl: {BulkReader.FailurePath(outDir, failure.Entry)}: cannot write the failure note ({failure.NoteError})");
            }
        });

        double seconds = result.Elapsed.TotalSeconds;
        double rate = seconds > 0 ? result.Done / seconds : 0;
        io.Out.WriteLine($"ocr --list {listPath} --shard {shard}/{shards}: {result.InShard} images in this shard: {result.Done} done, {result.Skipped} skipped (already done), "
            + $"{result.Failed} failed; {seconds:F1} s, {rate:F2} images/s ({result.Workers} worker{(result.Workers == 1 ? "" : "s")})");
        return result.HasBugs ? ExitCodes.InternalError : result.Failed > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    /// <summary>Parses <c>I/N</c> (0 ≤ I &lt; N, N ≥ 1); anything else is a usage error (exit 2).</summary>
    public static (int Index, int Count) ParseShard(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && index < count)
        {
            return (index, count);
        }

        throw new CliException($"--shard '{text}': expected I/N with N ≥ 1 and 0 ≤ I < N (e.g. 0/4 … 3/4).");
    }
}

/// <summary>--list, --shard, --out and --workers of <c>scrawl ocr</c> (fresh options for each command tree).</summary>
internal sealed class OcrBulkOptions
{
    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public OcrBulkOptions(Command command)
    {
        command.Add(List);
        command.Add(Shard);
        command.Add(Out);
        command.Add(Workers);
    }

    /// <summary>The list file.</summary>
    public Option<string?> List { get; } = new("--list") { Description = "Bulk mode: a file of image paths, one a line (blank lines and # comments ignored; relative paths relative to the list file); results go to --out" };

    /// <summary>This run's share, I/N.</summary>
    public Option<string> Shard { get; } = new("--shard") { Description = "With --list: take entry k (counting the non-comment lines from 0) when k mod N = I", DefaultValueFactory = _ => "0/1", HelpName = "I/N" };

    /// <summary>The results folder.</summary>
    public Option<string?> Out { get; } = new("--out") { Description = "Write one NAME.EXT per image (NAME: the photo's file name without extension; EXT: the --format's) into this folder instead of printing, atomically; with --list NAME.EXT and NAME.json per image (existing ones are skipped) and failures/NAME.txt", HelpName = "DIR" };

    /// <summary>Images read at the same time.</summary>
    public Option<int> Workers { get; } = new("--workers") { Description = "With --list: images read at the same time, each worker with its own classifier (default: one per core, at most 16)", DefaultValueFactory = _ => BulkOptions.DefaultWorkers };
}
