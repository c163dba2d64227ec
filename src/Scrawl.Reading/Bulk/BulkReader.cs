using System.Diagnostics;
using System.Text;
using Scrawl.Numerics;
using Scrawl.Reading.Formats;

namespace Scrawl.Reading.Bulk;

/// <summary>
/// Bulk reading (<c>scrawl ocr --list FILES.txt --shard I/N --out DIR</c>): reads one shard's share of a list of photos and writes
/// <c>DIR/NAME.EXT</c> (the format's) and <c>DIR/NAME.json</c> (the full hierarchy) for each, atomically, the JSON last. An image whose
/// files both exist already is skipped, so a killed or failed run is simply started again. A photo that cannot be read gets
/// <c>DIR/failures/NAME.txt</c> (the path as listed, then the message) and the others are still read.
/// </summary>
public static class BulkReader
{
    /// <summary>The folder below DIR that holds one file per failed image.</summary>
    public const string FailuresFolder = "failures";

    /// <summary>True for the exceptions that mean "this file cannot be read or written" (<see cref="InvalidDataException"/>, <see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>); any other is a bug.</summary>
    public static bool IsFileProblem(Exception e) => e is InvalidDataException or IOException or UnauthorizedAccessException;

    /// <summary>The result JSON of <paramref name="entry"/> in <paramref name="outDir"/>, written last: with the format's file it means the image is done.</summary>
    public static string JsonPath(string outDir, BulkEntry entry) => Path.Combine(outDir, entry.ResultName + ".json");

    /// <summary>The result file of <paramref name="entry"/> in <paramref name="format"/> (the JSON itself for json).</summary>
    public static string ResultPath(string outDir, BulkEntry entry, OutputFormat format) => Path.Combine(outDir, $"{entry.ResultName}.{OutputFormats.Extension(format)}");

    /// <summary>The failure note of <paramref name="entry"/>: <c>DIR/failures/NAME.txt</c>.</summary>
    public static string FailurePath(string outDir, BulkEntry entry) => Path.Combine(outDir, FailuresFolder, entry.ResultName + ".txt");

    /// <summary>
    /// Runs one shard of <paramref name="options"/>: reads the list (an <see cref="IOException"/> when it cannot be), creates the results
    /// folder, skips the finished images and reads the others with <see cref="BulkOptions.Workers"/> workers (at most one per image left,
    /// at least 1). <paramref name="openReader"/> opens one worker's reader: it gets null for the first and the first reader's
    /// <see cref="PhotoReader.ModelName"/> for the others, so all read with the same model; the readers are disposed at the end.
    /// <paramref name="onFailure"/> hears of each failed image as it happens, one call at a time, from the worker's thread; it must not throw.
    /// </summary>
    public static BulkResult Run(BulkOptions options, Func<string?, PhotoReader> openReader, Action<BulkFailure>? onFailure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(openReader);
        ArgumentException.ThrowIfNullOrEmpty(options.ListPath);
        ArgumentException.ThrowIfNullOrEmpty(options.OutDir);
        BulkList.CheckShard(options.ShardIndex, options.ShardCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);

        string outDir = options.OutDir;
        var format = options.Format;
        var share = BulkList.Shard(BulkList.Read(options.ListPath), options.ShardIndex, options.ShardCount);
        Directory.CreateDirectory(outDir);
        var todo = share.Where(e => !File.Exists(JsonPath(outDir, e)) || !File.Exists(ResultPath(outDir, e, format))).ToList();
        int skipped = share.Count - todo.Count;

        int workers = Math.Min(options.Workers, Math.Max(1, todo.Count));
        var readers = new List<PhotoReader>(workers);
        try
        {
            readers.Add(openReader(null));
            while (readers.Count < workers)
            {
                readers.Add(openReader(readers[0].ModelName));
            }

            var watch = Stopwatch.StartNew();
            var tally = new Tally(onFailure);
            int next = -1;
            var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
            {
                for (int i = Interlocked.Increment(ref next); i < todo.Count; i = Interlocked.Increment(ref next))
                {
                    Process(todo[i], outDir, readers[w], format, tally);
                }
            })
            { IsBackground = true, Name = $"ocr-bulk-{w}" }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            var elapsed = watch.Elapsed;

            var failures = tally.Failures.OrderBy(f => f.Entry.Index).ToList();
            return new BulkResult(share.Count, tally.Done, skipped, failures, workers, elapsed);
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    private static void Process(BulkEntry entry, string outDir, PhotoReader reader, OutputFormat format, Tally tally)
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

            bool fileProblem = IsFileProblem(e);
            string message = e.Message.StartsWith(entry.FullPath, StringComparison.Ordinal) || e.Message.StartsWith(entry.Listed, StringComparison.Ordinal)
                ? e.Message
                : $"{entry.Listed}: {(fileProblem ? "" : $"internal error ({e.GetType().Name}): ")}{e.Message}";
            string? noteError = null;
            try
            {
                AtomicFile.WriteAllBytes(FailurePath(outDir, entry), Encoding.UTF8.GetBytes($"{entry.Listed}\n{message}\n"));
            }
            catch (Exception note) when (IsFileProblem(note))
            {
                noteError = note.Message;
            }

            tally.Fail(new BulkFailure(entry, message, !fileProblem, noteError));
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (IsFileProblem(e))
        {
            // The failure being reported matters more.
        }
    }

    /// <summary>The counts the workers share; failures are recorded and reported under one lock.</summary>
    private sealed class Tally(Action<BulkFailure>? onFailure)
    {
        public int Done;

        public List<BulkFailure> Failures { get; } = [];

        public void Fail(BulkFailure failure)
        {
            lock (Failures)
            {
                Failures.Add(failure);
                onFailure?.Invoke(failure);
            }
        }
    }
}
