using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Scrawl.Numerics;
using Scrawl.Reading;
using Scrawl.Reading.Characters;
using Scrawl.Reading.Formats;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr --list FILES.txt --shard I/N --out DIR [--workers K] [--format F]</c>: reads this shard's share of a list of photos and writes
/// <c>DIR/NAME.EXT</c> (the --format, default txt) and <c>DIR/NAME.json</c> (the full hierarchy) for each, atomically, the JSON last. An image whose
/// files both exist already is skipped, so a killed or failed run is simply started again. A photo that cannot be read gets one line on
/// stderr and <c>DIR/failures/NAME.txt</c>, and the others are still read; the exit code is then 2 (3 if the failure was a bug).
/// </summary>
internal static class OcrBulk
{
    /// <summary>The folder below DIR that holds one file per failed image.</summary>
    public const string FailuresFolder = "failures";

    /// <summary>
    /// The default of --workers, images read at the same time (each worker with its own copy of the classifier): one per core, at
    /// most 16. Decoding and segmenting use one thread per image; the engine's GEMM pool is shared and lends its threads to whichever
    /// worker classifies first (the others classify on their own thread), so the cores stay busy without oversubscribing them.
    /// </summary>
    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 1, 16);

    /// <summary>Runs bulk mode when --list was given (null otherwise); images on the command line or --annotate with --list are usage errors.</summary>
    public static int? TryRun(CliOutput io, ParseResult r, OcrBulkOptions bulk, string[] images, string? modelName, OutputFormat format, CharacterOptions characters, string? annotate, LetterCase letterCase = LetterCase.Upper, bool recognition = false, bool words = false)
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
    public static int Run(CliOutput io, string listPath, string shardText, string? outDir, string? modelName, int workers, OutputFormat format = OutputFormat.Text, CharacterOptions? characters = null, LetterCase letterCase = LetterCase.Upper, bool recognition = false, bool words = false)
    {
        if (string.IsNullOrEmpty(outDir))
        {
            throw new CliException("--list needs --out DIR (the folder for the result files).");
        }

        if (workers < 1)
        {
            throw new CliException($"--workers {workers}: must be at least 1.");
        }

        var (shard, shards) = OcrBulkList.ParseShard(shardText);
        var share = OcrBulkList.Shard(OcrBulkList.Read(listPath), shard, shards);
        Directory.CreateDirectory(outDir);
        var todo = share.Where(e => !File.Exists(JsonPath(outDir, e)) || !File.Exists(ResultPath(outDir, e, format))).ToList();
        int skipped = share.Count - todo.Count;

        workers = Math.Min(workers, Math.Max(1, todo.Count));
        characters ??= new CharacterOptions();
        var readers = new PhotoReader[workers];
        readers[0] = OcrReadOptions.Open(modelName, characters, letterCase, recognition, words);
        for (int w = 1; w < workers; w++)
        {
            readers[w] = OcrReadOptions.Open(readers[0].ModelName, characters, letterCase, recognition, words);
        }

        var watch = Stopwatch.StartNew();
        var tally = new Tally();
        int next = -1;
        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
        {
            for (int i = Interlocked.Increment(ref next); i < todo.Count; i = Interlocked.Increment(ref next))
            {
                Process(io, todo[i], outDir, readers[w], format, tally);
            }
        })
        { IsBackground = true, Name = $"ocr-bulk-{w}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Array.ForEach(readers, r => r.Dispose());

        double seconds = watch.Elapsed.TotalSeconds;
        double rate = seconds > 0 ? tally.Done / seconds : 0;
        io.Out.WriteLine($"ocr --list {listPath} --shard {shard}/{shards}: {share.Count} images in this shard: {tally.Done} done, {skipped} skipped (already done), "
            + $"{tally.Failed} failed; {seconds:F1} s, {rate:F2} images/s ({workers} worker{(workers == 1 ? "" : "s")})");
        return tally.Bugs > 0 ? ExitCodes.InternalError : tally.Failed > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    /// <summary>The result JSON of <paramref name="entry"/>, written last: with the --format's file it means the image is done.</summary>
    internal static string JsonPath(string outDir, BulkEntry entry) => Path.Combine(outDir, entry.ResultName + ".json");

    /// <summary>The result file of <paramref name="entry"/> in <paramref name="format"/> (the JSON itself for json).</summary>
    internal static string ResultPath(string outDir, BulkEntry entry, OutputFormat format) => Path.Combine(outDir, $"{entry.ResultName}.{OutputFormats.Extension(format)}");

    /// <summary>The failure note of <paramref name="entry"/>.</summary>
    internal static string FailurePath(string outDir, BulkEntry entry) => Path.Combine(outDir, FailuresFolder, entry.ResultName + ".txt");

    private static void Process(CliOutput io, BulkEntry entry, string outDir, PhotoReader reader, OutputFormat format, Tally tally)
    {
        try
        {
            var reading = reader.Read(entry.FullPath);
            if (format != OutputFormat.Json)
            {
                OutputFormats.Save(format, reading, reader.ModelName, ResultPath(outDir, entry, format));
            }

            OutputFormats.Save(OutputFormat.Json, reading, reader.ModelName, JsonPath(outDir, entry));
            if (File.Exists(FailurePath(outDir, entry)))
            {
                File.Delete(FailurePath(outDir, entry));
            }

            Interlocked.Increment(ref tally.Done);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No half result: without its JSON the format's file would look like a result of an image that was never finished.
            if (format != OutputFormat.Json)
            {
                TryDelete(ResultPath(outDir, entry, format));
            }

            bool fileProblem = CliHost.IsFileProblem(e);
            string message = e.Message.StartsWith(entry.FullPath, StringComparison.Ordinal) || e.Message.StartsWith(entry.Listed, StringComparison.Ordinal)
                ? e.Message
                : $"{entry.Listed}: {(fileProblem ? "" : $"internal error ({e.GetType().Name}): ")}{e.Message}";
            lock (io)
            {
                io.Error.WriteLine($"scrawl: failed: {message}");
            }

            try
            {
                AtomicFile.WriteAllBytes(FailurePath(outDir, entry), Encoding.UTF8.GetBytes($"{entry.Listed}\n{message}\n"));
            }
            catch (Exception note) when (CliHost.IsFileProblem(note))
            {
                lock (io)
                {
                    io.Error.WriteLine($"scrawl: {FailurePath(outDir, entry)}: cannot write the failure note ({note.Message})");
                }
            }

            Interlocked.Increment(ref tally.Failed);
            if (!fileProblem)
            {
                Interlocked.Increment(ref tally.Bugs);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (CliHost.IsFileProblem(e))
        {
            // The failure being reported matters more.
        }
    }

    private sealed class Tally
    {
        public int Done;
        public int Failed;
        public int Bugs;
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
    public Option<int> Workers { get; } = new("--workers") { Description = "With --list: images read at the same time, each worker with its own classifier (default: one per core, at most 16)", DefaultValueFactory = _ => OcrBulk.DefaultWorkers };
}
