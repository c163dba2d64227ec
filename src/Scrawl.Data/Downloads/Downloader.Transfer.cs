using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Scrawl.Data.Downloads;

/// <content>One transfer attempt: the (range) request, reading the answer, appending to the part file.</content>
public sealed partial class Downloader
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Brings the part file to the remote file's full length, resuming when possible. Returns a failure
    /// worth retrying (interrupted, stalled, 408/429/5xx); throws for everything that is not.
    /// </summary>
    private async Task<Outcome> TransferAsync(Uri url, PartialFile part, Action<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        // A second pass happens only after a stale part was discarded, and then asks for the whole file.
        for (var pass = 0; ; pass++)
        {
            var (have, meta) = part.Resumable(url);
            using var request = CreateRequest(url, have, meta);
            var (response, failure) = await SendAsync(request, url, part.FinalPath, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return new Outcome(failure);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (have > 0 && response.StatusCode == HttpStatusCode.PartialContent)
                {
                    var range = response.Content.Headers.ContentRange;
                    if (range is { From: long from, Length: long total } && from == have && (meta!.Length ?? total) == total)
                    {
                        return await ReceiveAsync(url, response, part, have, total, progress, cancellationToken).ConfigureAwait(false);
                    }
                }
                else if (have > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    // Asking for bytes past the end: the part may already be complete.
                    var total = response.Content.Headers.ContentRange?.Length;
                    if (total == have && (meta!.Length ?? have) == have)
                    {
                        progress?.Invoke(new DownloadProgress(url, have, have));
                        return Outcome.Done;
                    }
                }
                else if (response.StatusCode == HttpStatusCode.OK)
                {
                    // A full answer (also what a server that ignores Range, or whose file changed, sends): start over.
                    var total = response.Content.Headers.ContentLength;
                    var etag = response.Headers.ETag is { IsWeak: false } tag ? tag.Tag : null;
                    part.Start(new PartMeta(url.AbsoluteUri, total, etag, response.Content.Headers.LastModified));
                    return await ReceiveAsync(url, response, part, 0, total, progress, cancellationToken).ConfigureAwait(false);
                }
                else if (status is 408 or 429 or >= 500 and <= 599)
                {
                    return new Outcome($"HTTP {status} from {url}", status, response.ReasonPhrase);
                }
                else if (status is >= 200 and <= 299)
                {
                    throw new DownloadException(url, $"unexpected HTTP {status} ({response.ReasonPhrase}) from {url} to a {(have > 0 ? "range" : "plain")} request");
                }
                else
                {
                    throw new DownloadHttpException(url, status, response.ReasonPhrase);
                }
            }

            // The part does not fit the server's file (other offset or total length): fetch everything.
            // After the discard no range is asked for, so this cannot repeat; the guard only bounds the loop.
            part.Discard();
            if (pass > 0)
            {
                throw new DownloadException(url, $"the download of {url} could not be restarted from zero");
            }
        }
    }

    private static HttpRequestMessage CreateRequest(Uri url, long have, PartMeta? meta)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Scrawl", "1.0"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
        if (have > 0 && meta is not null)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
            if (meta.ETag is not null && EntityTagHeaderValue.TryParse(meta.ETag, out var etag) && !etag.IsWeak)
            {
                request.Headers.IfRange = new RangeConditionHeaderValue(etag); // changed file → the server sends 200
            }
            else if (meta.LastModified is DateTimeOffset modified)
            {
                request.Headers.IfRange = new RangeConditionHeaderValue(modified);
            }
        }

        return request;
    }

    /// <summary>Sends the request and waits for the headers; unreachable hosts throw, other transport failures are retryable.</summary>
    private async Task<(HttpResponseMessage? Response, string? Failure)> SendAsync(
        HttpRequestMessage request, Uri url, string target, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResponseTimeout);
        try
        {
            var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return (response, null);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = ResponseTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new HostUnreachableException(url, target, $"no response within {seconds} s", e);
        }
        catch (HttpRequestException e) when (IsUnreachable(e))
        {
            throw new HostUnreachableException(url, target, e.Message, e);
        }
        catch (HttpRequestException e)
        {
            return (null, $"request failed ({e.Message})");
        }
    }

    /// <summary>True for failures to resolve or connect to the host (as opposed to a connection lost later).</summary>
    private static bool IsUnreachable(HttpRequestException e)
        => e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.ProxyTunnelError
            || e.InnerException is SocketException;

    /// <summary>Appends the response body to the part file (already holding <paramref name="done"/> bytes).</summary>
    private async Task<Outcome> ReceiveAsync(Uri url, HttpResponseMessage response, PartialFile part, long done, long? total,
        Action<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var file = new FileStream(part.PartPath, done > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        try
        {
            progress?.Invoke(new DownloadProgress(url, done, total));
            Stream body;
            try
            {
                stall.CancelAfter(StallTimeout);
                body = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (IsInterruption(e, cancellationToken))
            {
                return Interrupted(e, done, total);
            }

            await using (body.ConfigureAwait(false))
            {
                while (true)
                {
                    int read;
                    try
                    {
                        stall.CancelAfter(StallTimeout);
                        read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), stall.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (IsInterruption(e, cancellationToken))
                    {
                        return Interrupted(e, done, total);
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    if (total is long limit && done + read > limit)
                    {
                        await file.DisposeAsync().ConfigureAwait(false);
                        part.Discard();
                        throw new DownloadException(url, $"{url} sent more than the {limit} bytes it announced");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    done += read;
                    progress?.Invoke(new DownloadProgress(url, done, total));
                }
            }

            file.Flush(flushToDisk: true);
        }
        finally
        {
            await file.DisposeAsync().ConfigureAwait(false);
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return total is long expected && done < expected
            ? new Outcome($"the connection ended after {done} of {expected} bytes")
            : Outcome.Done;
    }

    private static bool IsInterruption(Exception e, CancellationToken cancellationToken)
        => e is IOException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private Outcome Interrupted(Exception e, long done, long? total)
    {
        var of = total is long t ? $" of {t}" : "";
        return e is OperationCanceledException
            ? new Outcome($"no data for {StallTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s after {done}{of} bytes")
            : new Outcome($"the connection was lost after {done}{of} bytes ({e.Message})");
    }

    /// <summary>The result of one attempt: done (no failure), or a retryable failure with the HTTP status if one caused it.</summary>
    private readonly record struct Outcome(string? Failure, int StatusCode = 0, string? Reason = null)
    {
        public static Outcome Done => default;
    }
}
