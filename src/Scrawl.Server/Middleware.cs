using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Scrawl.Server;

/// <summary>The steps every request passes: one log line, JSON errors for every refusal and failure, the API key, security headers.</summary>
internal static class Middleware
{
    /// <summary>The paths that need the API key when one is set (health, the page and the OpenAPI document stay open).</summary>
    public static IReadOnlyList<string> KeyedPaths { get; } = ["/v1/ocr", "/v1/classify", "/v1/info"];

    /// <summary>
    /// Runs <paramref name="next"/> and then logs one line: UTC time, client address, method, path (no query: it may hold user words), status
    /// (499 when the client left first), bytes in and out, milliseconds.
    /// </summary>
    public static async Task LogAsync(HttpContext context, RequestDelegate next, Action<string> log)
    {
        var watch = Stopwatch.StartNew();
        var request = context.Request;
        var input = new CountingStream(request.Body);
        var output = new CountingStream(context.Response.Body);
        request.Body = input;
        context.Response.Body = output;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = output.Inner;
            bool gone = context.RequestAborted.IsCancellationRequested;
            string status = gone ? "499" : context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
            log(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {context.Connection.RemoteIpAddress} {request.Method} {request.Path} {status} in={input.Count} out={output.Count} {watch.Elapsed.TotalMilliseconds:F1}ms"));
        }
    }

    /// <summary>
    /// Turns what <paramref name="next"/> throws into <c>{ "error": "…" }</c> answers: <see cref="ApiException"/> its status, Kestrel's bad requests
    /// (e.g. a body over the limit: 413) theirs, an image the decoder refuses 400, a client that left nothing, anything else 500 (logged).
    /// </summary>
    public static async Task ErrorsAsync(HttpContext context, RequestDelegate next, Action<string> log)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (mid-upload, or while waiting): there is nobody to answer, and nothing went wrong here.
        }
        catch (ApiException e)
        {
            await ApiErrors.WriteAsync(context, e.Status, e.Message, e.RetryAfterSeconds).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await ApiErrors.WriteAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "the request body is larger than the server accepts (--max-upload-mb)." : $"bad request: {e.Message}").ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log($"internal error on {context.Request.Method} {context.Request.Path}: {e}");
            await ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, $"internal error ({e.GetType().Name}): {e.Message}").ConfigureAwait(false);
        }
    }

    /// <summary>401 for a keyed path (<see cref="KeyedPaths"/>) without the right key; everything else passes.</summary>
    public static Task KeyAsync(HttpContext context, RequestDelegate next, ApiKey? key)
    {
        if (key is null || !KeyedPaths.Contains(context.Request.Path.Value ?? "", StringComparer.OrdinalIgnoreCase) || key.Accepts(context.Request))
        {
            return next(context);
        }

        return ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "missing or wrong API key: send 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.");
    }

    /// <summary>Headers every answer carries: no MIME sniffing, no referrer, no framing by other sites.</summary>
    public static Task HeadersAsync(HttpContext context, RequestDelegate next)
    {
        // Set as the answer starts: an error answer clears the headers set before it.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>The JSON body of a status without one (404 for an unknown path, 405 for a wrong method), naming the request.</summary>
    public static Task EmptyStatusAsync(HttpContext context)
    {
        int status = context.Response.StatusCode;
        string what = $"{context.Request.Method} {context.Request.Path}";
        string message = status switch
        {
            StatusCodes.Status404NotFound => $"no such endpoint: {what} (GET /openapi.json lists them).",
            StatusCodes.Status405MethodNotAllowed => $"method not allowed: {what}{(context.Response.Headers.Allow is { Count: > 0 } allow ? $" (allowed: {allow})" : "")}.",
            _ => $"{what}: HTTP {status}.",
        };
        return ApiErrors.WriteAsync(context, status, message);
    }

    /// <summary>A stream that counts the bytes read from and written to the stream it wraps.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public Stream Inner => inner;

        public long Count { get; private set; }

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Count += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            Count += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private int Counted(int got)
        {
            Count += got;
            return got;
        }
    }
}
