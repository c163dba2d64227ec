using Scrawl.Data.Downloads;

namespace Scrawl.Data.Catalog;

/// <summary>
/// Where data sets are looked for, in order: the cache (<c>$SCRAWL_DATA</c> or the user's cache
/// folder), a <c>shared/datasets</c> folder beside a checkout of Scrawl (found by walking up from the
/// program and the working folder), and Debian's <c>/usr/share/datasets</c>.
/// </summary>
public sealed class DataLocator
{
    /// <summary>Creates a locator over a cache and extra search roots (each a folder holding data-set folders).</summary>
    public DataLocator(DataCache cache, IReadOnlyList<string> searchRoots)
    {
        Cache = cache;
        SearchRoots = searchRoots;
    }

    /// <summary>The download cache.</summary>
    public DataCache Cache { get; }

    /// <summary>Folders searched after the cache, in order.</summary>
    public IReadOnlyList<string> SearchRoots { get; }

    /// <summary>The default locator for this process (environment cache, shared/datasets, /usr/share/datasets).</summary>
    public static DataLocator FromEnvironment()
    {
        var roots = new List<string>();
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "datasets");
                if (Directory.Exists(candidate) && !roots.Contains(candidate))
                {
                    roots.Add(candidate);
                    break;
                }
            }
        }

        roots.Add("/usr/share/datasets");
        return new DataLocator(DataCache.FromEnvironment(), roots);
    }

    /// <summary>
    /// The first folder among cache/NAME and ROOT/RELATIVE (for each search root) that holds
    /// <paramref name="marker"/> (a file or folder name, relative), or null when none does.
    /// </summary>
    public string? FindFolder(string cacheName, string marker, params string[] relativeCandidates)
    {
        ArgumentNullException.ThrowIfNull(relativeCandidates);
        var candidates = new List<string> { Cache.DatasetFolder(cacheName) };
        foreach (string root in SearchRoots)
        {
            candidates.AddRange(relativeCandidates.Select(r => Path.Combine(root, r)));
        }

        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, marker)) || Directory.Exists(Path.Combine(dir, marker)));
    }
}
