using Scrawl.Data;
using Scrawl.Data.Catalog;
using Scrawl.Media;

namespace Scrawl.Cli;

/// <summary>How every command turns its --data value into data: the catalog, paths, mixtures, with CLI errors.</summary>
internal static class CliData
{
    /// <summary>The default context: the environment's cache and search roots, the SkiaSharp decoder, a seed.</summary>
    public static DataContext Context(long seed = 0, Action<Data.Downloads.DownloadProgress>? progress = null) =>
        new(DataLocator.FromEnvironment(), new SkiaImageDecoder(), seed, Progress: progress);

    /// <summary>Resolves <paramref name="data"/>; a missing set becomes a one-line CLI error (exit 2).</summary>
    public static DatasetSplits Load(string data, long seed = 0) => Load(data, Context(seed));

    /// <summary>Resolves <paramref name="data"/> in <paramref name="context"/>; a missing set becomes a one-line CLI error (exit 2).</summary>
    public static DatasetSplits Load(string data, DataContext context)
    {
        try
        {
            return DataResolver.Resolve(data, context);
        }
        catch (FileNotFoundException e)
        {
            throw new CliException(e.Message);
        }
    }
}
