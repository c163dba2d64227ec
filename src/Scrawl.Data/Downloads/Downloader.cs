using System.Net;
using System.Security.Cryptography;

namespace Scrawl.Data.Downloads;

/// <summary>
/// Fetches files over HTTP(S) into one folder (usually <see cref="DataCache.DatasetFolder"/>), with
/// SHA-256 verification, resumable transfers and atomic placement. Bytes land in
/// <c>&lt;name&gt;.part</c> (plus a small <c>.part.meta</c> sidecar); an interrupted transfer is
/// retried up to <see cref="MaxAttempts"/> times with <c>Range: bytes=N-</c>, and a later call resumes
/// what an earlier one left. Only a complete, verified file is moved to its final name, so a failed
/// download never leaves a file there. Nothing is printed: progress goes to a callback.
/// </summary>
public sealed partial class Downloader : IDisposable
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    /// <summary>Creates a downloader for a folder, using its own client or one built on a given handler.</summary>
    /// <param name="directory">The folder files are placed in (created on first download); non-empty.</param>
    /// <param name="handler">The message handler to send requests through (not disposed by this object), or null for a default one that honours the system proxy settings.</param>
    public Downloader(string directory, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _client = handler is null
            ? new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _client.Timeout = Timeout.InfiniteTimeSpan; // ResponseTimeout and StallTimeout bound each phase instead.
        _ownsClient = true;
    }

    /// <summary>Creates a downloader for a folder that sends requests through a caller-owned client (not disposed here; its own Timeout also applies).</summary>
    /// <param name="directory">The folder files are placed in (created on first download); non-empty.</param>
    /// <param name="client">The client to use; it must not decompress responses automatically.</param>
    public Downloader(string directory, HttpClient client)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(client);
        Directory = Path.GetFullPath(directory);
        _client = client;
    }

    /// <summary>The absolute folder files are placed in.</summary>
    public string Directory { get; }

    /// <summary>Transfers tried per call before giving up on an interrupted connection or a 408/429/5xx answer; 1–20 (default 4).</summary>
    public int MaxAttempts
    {
        get;
        init => field = value is >= 1 and <= 20 ? value : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, "Must be 1 to 20.");
    } = 4;

    /// <summary>Pause before retry k is k × RetryDelay; 0 to 5 minutes (default 1 s).</summary>
    public TimeSpan RetryDelay
    {
        get;
        init => field = value >= TimeSpan.Zero && value <= TimeSpan.FromMinutes(5) ? value : throw new ArgumentOutOfRangeException(nameof(RetryDelay), value, "Must be 0 to 5 minutes.");
    } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for a connection and the response headers before the host counts as unreachable; 1 ms to 10 minutes (default 30 s).</summary>
    public TimeSpan ResponseTimeout
    {
        get;
        init => field = IsTimeout(value) ? value : throw new ArgumentOutOfRangeException(nameof(ResponseTimeout), value, "Must be 1 ms to 10 minutes.");
    } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time without receiving a byte before the transfer counts as interrupted (and is retried); 1 ms to 10 minutes (default 60 s).</summary>
    public TimeSpan StallTimeout
    {
        get;
        init => field = IsTimeout(value) ? value : throw new ArgumentOutOfRangeException(nameof(StallTimeout), value, "Must be 1 ms to 10 minutes.");
    } = TimeSpan.FromSeconds(60);

    /// <summary>The absolute path a file of this name is placed at.</summary>
    /// <param name="fileName">A plain file name: letters, digits, '.', '-', '_' (no folders).</param>
    public string PathFor(string fileName)
    {
        DataCache.ValidateName(fileName, nameof(fileName));
        return Path.Combine(Directory, fileName);
    }

    /// <summary>
    /// Returns the file at once when it is already present (and, if <paramref name="sha256"/> is given,
    /// has that hash); otherwise downloads it as <see cref="DownloadAsync"/> does. A present file with the
    /// wrong hash is deleted and fetched again. The result always carries the file's SHA-256: with no
    /// expected hash it is computed (one read of the file), so a caller can pin it.
    /// </summary>
    /// <param name="url">An absolute http or https URL.</param>
    /// <param name="fileName">The file's name in <see cref="Directory"/>: letters, digits, '.', '-', '_'.</param>
    /// <param name="sha256">The expected SHA-256 as 64 hex digits (any case), or null when not known yet.</param>
    /// <param name="progress">Called synchronously with each chunk received, or null.</param>
    /// <param name="cancellationToken">Cancels the call; the partial file is kept for a later resume.</param>
    /// <exception cref="HostUnreachableException">The host cannot be reached; the message says where to put the file by hand.</exception>
    /// <exception cref="DownloadHttpException">The server answered with an error status.</exception>
    /// <exception cref="DownloadHashMismatchException">The bytes have another SHA-256 (nothing is kept).</exception>
    /// <exception cref="DownloadException">The transfer kept failing through every attempt.</exception>
    public async Task<DownloadResult> EnsureFileAsync(Uri url, string fileName, string? sha256 = null,
        Action<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ValidateUrl(url);
        var target = PathFor(fileName);
        var expected = NormalizeSha256(sha256);
        if (File.Exists(target))
        {
            var actual = await HashFileAsync(target, cancellationToken).ConfigureAwait(false);
            if (expected is null || actual == expected)
            {
                new PartialFile(target).Discard();
                return new DownloadResult(target, actual, new FileInfo(target).Length, Downloaded: false);
            }

            File.Delete(target); // present but not the expected file: fetch it again
        }

        return await DownloadAsync(url, fileName, expected, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Synchronous form of <see cref="EnsureFileAsync"/> (same arguments, results and exceptions).</summary>
    /// <param name="url">An absolute http or https URL.</param>
    /// <param name="fileName">The file's name in <see cref="Directory"/>: letters, digits, '.', '-', '_'.</param>
    /// <param name="sha256">The expected SHA-256 as 64 hex digits (any case), or null when not known yet.</param>
    /// <param name="progress">Called synchronously with each chunk received, or null.</param>
    /// <param name="cancellationToken">Cancels the call; the partial file is kept for a later resume.</param>
    public DownloadResult EnsureFile(Uri url, string fileName, string? sha256 = null,
        Action<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
        => EnsureFileAsync(url, fileName, sha256, progress, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Downloads a file (resuming a matching <c>.part</c> left by an earlier try), verifies it and moves it
    /// to its final name, replacing any file there. With <paramref name="sha256"/> null the hash is not
    /// checked but computed and returned, so a caller can pin it.
    /// </summary>
    /// <param name="url">An absolute http or https URL.</param>
    /// <param name="fileName">The file's name in <see cref="Directory"/>: letters, digits, '.', '-', '_'.</param>
    /// <param name="sha256">The expected SHA-256 as 64 hex digits (any case), or null when not known yet.</param>
    /// <param name="progress">Called synchronously with each chunk received, or null.</param>
    /// <param name="cancellationToken">Cancels the call; the partial file is kept for a later resume.</param>
    /// <exception cref="HostUnreachableException">The host cannot be reached; the message says where to put the file by hand.</exception>
    /// <exception cref="DownloadHttpException">The server answered with an error status.</exception>
    /// <exception cref="DownloadHashMismatchException">The bytes have another SHA-256 (nothing is kept).</exception>
    /// <exception cref="DownloadException">The transfer kept failing through every attempt.</exception>
    public async Task<DownloadResult> DownloadAsync(Uri url, string fileName, string? sha256 = null,
        Action<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ValidateUrl(url);
        var target = PathFor(fileName);
        var expected = NormalizeSha256(sha256);
        System.IO.Directory.CreateDirectory(Directory);
        var part = new PartialFile(target);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await TransferAsync(url, part, progress, cancellationToken).ConfigureAwait(false);
            if (outcome.Failure is null)
            {
                break;
            }

            if (attempt >= MaxAttempts)
            {
                throw FinalFailure(url, part, outcome, attempt);
            }

            await Task.Delay(RetryDelay * attempt, cancellationToken).ConfigureAwait(false);
        }

        var actual = await HashFileAsync(part.PartPath, cancellationToken).ConfigureAwait(false);
        if (expected is not null && actual != expected)
        {
            part.Discard();
            throw new DownloadHashMismatchException(url, expected, actual);
        }

        var length = new FileInfo(part.PartPath).Length;
        part.Promote();
        return new DownloadResult(target, actual, length, Downloaded: true);
    }

    /// <summary>Disposes the HTTP client when this object created it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>The SHA-256 of a file as 64 lowercase hex digits.</summary>
    internal static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(hash);
        }
    }

    /// <summary>Null stays null; otherwise 64 hex digits (surrounding spaces ignored), returned in lowercase.</summary>
    internal static string? NormalizeSha256(string? sha256)
    {
        if (sha256 is null)
        {
            return null;
        }

        var trimmed = sha256.Trim();
        if (trimmed.Length != 64 || !trimmed.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 hash (64 hex digits).", nameof(sha256));
        }

        return trimmed.ToLowerInvariant();
    }

    private static bool IsTimeout(TimeSpan value) => value >= TimeSpan.FromMilliseconds(1) && value <= TimeSpan.FromMinutes(10);

    private static void ValidateUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{url}' is not an absolute http or https URL.", nameof(url));
        }
    }

    private static DownloadException FinalFailure(Uri url, PartialFile part, Outcome outcome, int attempts)
    {
        if (outcome.StatusCode != 0)
        {
            return new DownloadHttpException(url, outcome.StatusCode, outcome.Reason);
        }

        var kept = File.Exists(part.PartPath) ? new FileInfo(part.PartPath).Length : 0;
        var resume = kept > 0 ? $"; the {kept} bytes received are kept in {part.PartPath} and the next try resumes from there" : "";
        return new DownloadException(url, $"download of {url} failed after {attempts} attempt(s): {outcome.Failure}{resume}");
    }
}
