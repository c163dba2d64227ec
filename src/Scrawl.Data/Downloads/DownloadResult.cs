namespace Scrawl.Data.Downloads;

/// <summary>A file that <see cref="Downloader"/> placed, or found already present, under its final name.</summary>
/// <param name="Path">The absolute path of the verified file.</param>
/// <param name="Sha256">The file's SHA-256 as 64 lowercase hex digits: the expected hash when one was given, else the one computed, ready for a caller to pin.</param>
/// <param name="Length">The file's length in bytes (≥ 0).</param>
/// <param name="Downloaded">True when bytes were fetched by this call; false when the file was already present.</param>
public sealed record DownloadResult(string Path, string Sha256, long Length, bool Downloaded);
