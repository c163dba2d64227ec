using System.Globalization;

namespace Scrawl.Data.Downloads;

/// <summary>What is remembered about an unfinished download, so a later try can resume it safely.</summary>
/// <param name="Url">The absolute URL the bytes came from.</param>
/// <param name="Length">The full length the server announced, or null if unknown.</param>
/// <param name="ETag">The server's strong entity tag (quoted), or null.</param>
/// <param name="LastModified">The server's Last-Modified time, or null.</param>
internal sealed record PartMeta(string Url, long? Length, string? ETag, DateTimeOffset? LastModified);

/// <summary>
/// The unfinished bytes of one download, <c>&lt;target&gt;.part</c>, and their sidecar
/// <c>&lt;target&gt;.part.meta</c> (URL, announced length, validators). A part without a readable,
/// matching sidecar is never resumed.
/// </summary>
internal sealed class PartialFile
{
    public PartialFile(string finalPath)
    {
        FinalPath = finalPath;
        PartPath = finalPath + ".part";
        MetaPath = PartPath + ".meta";
    }

    /// <summary>The final, verified file's path.</summary>
    public string FinalPath { get; }

    /// <summary>Where bytes land while downloading.</summary>
    public string PartPath { get; }

    /// <summary>The sidecar describing <see cref="PartPath"/>.</summary>
    public string MetaPath { get; }

    /// <summary>Bytes already on disk for this URL and their sidecar; discards anything stale (returns 0, null).</summary>
    public (long Length, PartMeta? Meta) Resumable(Uri url)
    {
        if (!File.Exists(PartPath))
        {
            File.Delete(MetaPath);
            return (0, null);
        }

        var meta = TryReadMeta();
        var length = new FileInfo(PartPath).Length;
        if (meta is null || meta.Url != url.AbsoluteUri || length == 0 || (meta.Length is long total && length > total))
        {
            Discard();
            return (0, null);
        }

        return (length, meta);
    }

    /// <summary>Starts over: removes old bytes and records the new transfer's sidecar before any byte is written.</summary>
    public void Start(PartMeta meta)
    {
        Discard();
        var lines = new[]
        {
            "url=" + meta.Url,
            "length=" + (meta.Length?.ToString(CultureInfo.InvariantCulture) ?? ""),
            "etag=" + (meta.ETag ?? ""),
            "last-modified=" + (meta.LastModified?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? ""),
        };
        File.WriteAllLines(MetaPath, lines);
    }

    /// <summary>Deletes the part and its sidecar (missing files are fine).</summary>
    public void Discard()
    {
        File.Delete(PartPath);
        File.Delete(MetaPath);
    }

    /// <summary>Moves the complete part to the final name, replacing any file there, and drops the sidecar.</summary>
    public void Promote()
    {
        File.Move(PartPath, FinalPath, overwrite: true);
        File.Delete(MetaPath);
    }

    private PartMeta? TryReadMeta()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(MetaPath);
        }
        catch (IOException)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[line[..eq]] = line[(eq + 1)..];
            }
        }

        if (!values.TryGetValue("url", out var url) || url.Length == 0)
        {
            return null;
        }

        long? length = long.TryParse(values.GetValueOrDefault("length"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        DateTimeOffset? modified = long.TryParse(values.GetValueOrDefault("last-modified"), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        var etag = values.GetValueOrDefault("etag");
        return new PartMeta(url, length, string.IsNullOrEmpty(etag) ? null : etag, modified);
    }
}
