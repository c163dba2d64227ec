namespace Scrawl.Data.Downloads;

/// <summary>A download failed; the message names the URL and what went wrong. Base of the specific download errors.</summary>
public class DownloadException : IOException
{
    /// <summary>Creates the exception for a URL with a message and optional cause.</summary>
    /// <param name="url">The URL that was being fetched.</param>
    /// <param name="message">The full, user-facing message.</param>
    /// <param name="innerException">The underlying error, or null.</param>
    public DownloadException(Uri url, string message, Exception? innerException = null)
        : base(message, innerException)
        => Url = url;

    /// <summary>Creates the exception with a message (URL unknown).</summary>
    public DownloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause (URL unknown).</summary>
    public DownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message (URL unknown).</summary>
    public DownloadException()
    {
    }

    /// <summary>The URL that was being fetched, or null if unknown.</summary>
    public Uri? Url { get; }
}

/// <summary>The server answered with an HTTP error status (e.g. 404, or a 5xx that persisted through every retry).</summary>
public sealed class DownloadHttpException : DownloadException
{
    /// <summary>Creates the exception for a status code returned for a URL.</summary>
    /// <param name="url">The URL requested.</param>
    /// <param name="statusCode">The HTTP status code, 100–999.</param>
    /// <param name="reason">The reason phrase, or null.</param>
    public DownloadHttpException(Uri url, int statusCode, string? reason)
        : base(url, $"HTTP {statusCode}{(string.IsNullOrEmpty(reason) ? "" : $" ({reason})")} from {url}")
        => StatusCode = statusCode;

    /// <summary>Creates the exception with a message (status unknown: 0).</summary>
    public DownloadHttpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause (status unknown: 0).</summary>
    public DownloadHttpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message (status unknown: 0).</summary>
    public DownloadHttpException()
    {
    }

    /// <summary>The HTTP status code the server returned (0 if unknown).</summary>
    public int StatusCode { get; }
}

/// <summary>The downloaded bytes do not have the expected SHA-256; nothing was kept.</summary>
public sealed class DownloadHashMismatchException : DownloadException
{
    /// <summary>Creates the exception naming the URL and both hashes.</summary>
    /// <param name="url">The URL fetched.</param>
    /// <param name="expectedSha256">The expected hash, 64 lowercase hex digits.</param>
    /// <param name="actualSha256">The hash of the bytes received, 64 lowercase hex digits.</param>
    public DownloadHashMismatchException(Uri url, string expectedSha256, string actualSha256)
        : base(url, $"SHA-256 mismatch for {url}: expected {expectedSha256}, got {actualSha256}; the download was deleted " +
            "(the file on the server changed, or the transfer was corrupted)")
    {
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    /// <summary>Creates the exception with a message (hashes unknown: empty).</summary>
    public DownloadHashMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause (hashes unknown: empty).</summary>
    public DownloadHashMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message (hashes unknown: empty).</summary>
    public DownloadHashMismatchException()
    {
    }

    /// <summary>The expected SHA-256, 64 lowercase hex digits (empty if unknown).</summary>
    public string ExpectedSha256 { get; } = "";

    /// <summary>The SHA-256 of the bytes received, 64 lowercase hex digits (empty if unknown).</summary>
    public string ActualSha256 { get; } = "";
}

/// <summary>
/// The host could not be reached (DNS failure, refused or failed connection, proxy failure, no
/// response in time): the machine seems offline or the host blocked. The message says where to put
/// the file by hand.
/// </summary>
public sealed class HostUnreachableException : DownloadException
{
    /// <summary>Creates the exception for a URL whose file belongs at a path.</summary>
    /// <param name="url">The URL that could not be fetched.</param>
    /// <param name="targetPath">Where the file is expected; a user can place it there manually.</param>
    /// <param name="detail">What failed, e.g. the socket error's message.</param>
    /// <param name="innerException">The underlying error, or null.</param>
    public HostUnreachableException(Uri url, string targetPath, string detail, Exception? innerException = null)
        : base(url, $"cannot reach {url.Host}: this machine seems to be offline or the host is blocked ({detail}); " +
            $"download {url} elsewhere and put it at {targetPath}", innerException)
        => TargetPath = targetPath;

    /// <summary>Creates the exception with a message (target path unknown: empty).</summary>
    public HostUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause (target path unknown: empty).</summary>
    public HostUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message (target path unknown: empty).</summary>
    public HostUnreachableException()
    {
    }

    /// <summary>The absolute path the file belongs at (empty if unknown).</summary>
    public string TargetPath { get; } = "";
}
