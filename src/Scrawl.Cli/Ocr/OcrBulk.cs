using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Scrawl.Numerics;
using Scrawl.Reading;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr --list FILES.txt --shard I/N --out DIR [--workers K]</c>: reads this shard's share of a list of photos and writes
/// <c>DIR/NAME.txt</c> (the text) and <c>DIR/NAME.json</c> (the full hierarchy) for each, atomically, the JSON last. An image whose
/// JSON already exists is skipped, so a killed or failed run is simply started again. A photo that cannot be read gets one line on
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

    /// <summary>Runs bulk mode when --list was given (null otherwise); images on the command line or --out without --list are usage errors.</summary>
    public static int? TryRun(CliOutput io, ParseResult r, OcrBulkOptions bulk, string[] images, string? modelName, bool json, string? annotate)
    {
        string? list = r.GetValue(bulk.List);
        string? outDir = r.GetValue(bulk.Out);
        if (list is null)
        {
            return outDir is null && images.Length > 0 ? null : throw new CliException("scrawl ocr needs IMAGE… (or --list FILES.txt --out DIR for bulk mode).");
        }

        if (images.Length > 0 || json || annotate is not null)
        {
            throw new CliException("--list reads its images from the list and writes both text and JSON to --out: give no IMAGE, --json or --annotate with it.");
        }

        return Run(io, list, r.GetValue(bulk.Shard)!, outDir, modelName, r.GetValue(bulk.Workers));
    }

    /// <summary>Runs one shard; returns the exit code.</summary>
    public static int Run(CliOutput io, string listPath, string shardText, string? outDir, string? modelName, int workers)
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
        var todo = share.Where(e => !File.Exists(JsonPath(outDir, e))).ToList();
        int skipped = share.Count - todo.Count;

        workers = Math.Min(workers, Math.Max(1, todo.Count));
        var readers = new PhotoReader[workers];
        readers[0] = PhotoReader.Open(modelName);
        for (int w = 1; w < workers; w++)
        {
            readers[w] = PhotoReader.Open(readers[0].ModelName);
        }

        var watch = Stopwatch.StartNew();
        var tally = new Tally();
        int next = -1;
        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
        {
            for (int i = Interlocked.Increment(ref next); i < todo.Count; i = Interlocked.Increment(ref next))
            {
                Process(io, todo[i], outDir, readers[w], tally);
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

    /// <summary>The result JSON of <paramref name="entry"/>; its existence means the image is done.</summary>
    internal static string JsonPath(string outDir, BulkEntry entry) => Path.Combine(outDir, entry.ResultName + ".json");

    /// <summary>The failure note of <paramref name="entry"/>.</summary>
    internal static string FailurePath(string outDir, BulkEntry entry) => Path.Combine(outDir, FailuresFolder, entry.ResultName + ".txt");

    private static void Process(CliOutput io, BulkEntry entry, string outDir, PhotoReader reader, Tally tally)
    {
        try
        {
            var reading = reader.Read(entry.FullPath);
            string text = string.Join("\n", reading.Result.Lines.Select(l => l.Text)) + "\n";
            AtomicFile.WriteAllBytes(Path.Combine(outDir, entry.ResultName + ".txt"), Encoding.UTF8.GetBytes(text));
            AtomicFile.WriteAllBytes(JsonPath(outDir, entry), Encoding.UTF8.GetBytes(ReadingJson.Serialize([reading], reader.ModelName) + "\n"));
            if (File.Exists(FailurePath(outDir, entry)))
            {
                File.Delete(FailurePath(outDir, entry));
            }

            Interlocked.Increment(ref tally.Done);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No half result: without its JSON the text file would look like a result of an image that was never finished.
            TryDelete(Path.Combine(outDir, entry.ResultName + ".txt"));
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
    public Option<string?> Out { get; } = new("--out") { Description = "With --list: the folder for NAME.txt and NAME.json per image (written atomically; existing ones are skipped) and failures/NAME.txt" };

    /// <summary>Images read at the same time.</summary>
    public Option<int> Workers { get; } = new("--workers") { Description = "With --list: images read at the same time, each worker with its own classifier (default: one per core, at most 16)", DefaultValueFactory = _ => OcrBulk.DefaultWorkers };
}
