namespace Scrawl.Data.Downloads;

/// <summary>
/// One progress report of a download, delivered synchronously on the downloading thread.
/// <see cref="BytesDone"/> grows monotonically within a transfer; it returns to 0 only when the
/// server forces a restart (it ignored a resume request or the remote file changed).
/// </summary>
/// <param name="Url">The URL being fetched.</param>
/// <param name="BytesDone">Bytes of the file present so far, resumed bytes included; 0 ≤ BytesDone ≤ TotalBytes when known.</param>
/// <param name="TotalBytes">The file's full length in bytes, or null when the server does not say.</param>
public readonly record struct DownloadProgress(Uri Url, long BytesDone, long? TotalBytes)
{
    /// <summary>Fraction done in [0, 1], or null when the total is unknown (an empty file counts as 1).</summary>
    public double? Fraction => TotalBytes is long total ? (total == 0 ? 1.0 : (double)BytesDone / total) : null;
}
