using Scrawl.Reading.Formats;

namespace Scrawl.Reading.Bulk;

/// <summary>What one bulk run reads and where it writes: the list file, the results folder, this run's shard, the workers and the result format.</summary>
public sealed record BulkOptions(string ListPath, string OutDir)
{
    /// <summary>The default of <see cref="Workers"/>: one per core, at most 16 (so between 1 and 16).</summary>
    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 1, 16);

    /// <summary>This run's shard I (0 ≤ I &lt; <see cref="ShardCount"/>; default 0): it takes the entries whose index modulo N is I.</summary>
    public int ShardIndex { get; init; }

    /// <summary>The number of shards N (≥ 1; default 1: the whole list).</summary>
    public int ShardCount { get; init; } = 1;

    /// <summary>
    /// Images read at the same time (≥ 1; default <see cref="DefaultWorkers"/>), each worker with its own reader; never more than the images
    /// left to read. Decoding and segmenting use one thread per image; the engine's GEMM pool is shared and lends its threads to whichever
    /// worker classifies first (the others classify on their own thread), so the cores stay busy without oversubscribing them.
    /// </summary>
    public int Workers { get; init; } = DefaultWorkers;

    /// <summary>The format of each image's NAME.EXT next to its NAME.json (default text; json: the JSON alone).</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Text;
}

/// <summary>
/// One image that could not be read: its entry, the message (starting with the path as listed, or the path itself), whether it was a bug
/// (not a file problem), and why its failure note could not be written (null when it was).
/// </summary>
public sealed record BulkFailure(BulkEntry Entry, string Message, bool IsBug, string? NoteError);

/// <summary>
/// What a bulk run did: the images in this shard (≥ 0), those read now, those skipped because their results existed, the failures
/// (in list order), the workers used (≥ 1) and the time spent reading (readers opened, not counted).
/// </summary>
public sealed record BulkResult(int InShard, int Done, int Skipped, IReadOnlyList<BulkFailure> Failures, int Workers, TimeSpan Elapsed)
{
    /// <summary>The images that failed (0 ≤ Failed ≤ <see cref="InShard"/> − <see cref="Skipped"/>).</summary>
    public int Failed => Failures.Count;

    /// <summary>True when at least one failure was a bug rather than a file problem.</summary>
    public bool HasBugs => Failures.Any(f => f.IsBug);
}
