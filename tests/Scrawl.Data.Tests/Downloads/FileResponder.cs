using System.Globalization;
using System.Security.Cryptography;

namespace Scrawl.Data.Tests.Downloads;

/// <summary>Serves fixture bytes the way test scenarios need: honouring or ignoring Range, cut short, or hanging.</summary>
internal static class FileResponder
{
    /// <summary>Seeded random bytes of a given length.</summary>
    public static byte[] Fixture(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>
    /// Answers with <paramref name="data"/>: 206 for "Range: bytes=N-" unless <paramref name="ignoreRange"/>,
    /// else 200. <paramref name="cutAfter"/> closes the connection after that many body bytes (the headers
    /// still announce the full length); <paramref name="hang"/> then keeps it open silently instead.
    /// <paramref name="announcedTotal"/> overrides the total in Content-Range (a file that changed).
    /// </summary>
    public static async Task ServeAsync(ReceivedRequest request, Stream stream, byte[] data, CancellationToken token,
        bool ignoreRange = false, int? cutAfter = null, bool hang = false, long? announcedTotal = null)
    {
        var from = 0;
        var range = request.Header("Range");
        if (range is not null && !ignoreRange)
        {
            Assert.StartsWith("bytes=", range, StringComparison.Ordinal);
            Assert.EndsWith("-", range, StringComparison.Ordinal);
            from = int.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
        }

        if (from >= data.Length && range is not null && !ignoreRange)
        {
            await LoopbackHttpServer.WriteAsync(stream, 416, "Range Not Satisfiable",
                [("Content-Range", $"bytes */{data.Length}"), ("Content-Length", "0")], ReadOnlyMemory<byte>.Empty, token);
            return;
        }

        var body = data.AsMemory(from);
        List<(string, string)> headers = [("Content-Type", "application/octet-stream"), ("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture))];
        if (from > 0)
        {
            headers.Add(("Content-Range", $"bytes {from}-{data.Length - 1}/{announcedTotal ?? data.Length}"));
        }

        var sent = cutAfter is int cut ? body[..Math.Min(cut, body.Length)] : body;
        await LoopbackHttpServer.WriteAsync(stream, from > 0 ? 206 : 200, from > 0 ? "Partial Content" : "OK", headers, sent, token);
        if (hang)
        {
            await Task.Delay(Timeout.Infinite, token);
        }
    }

    /// <summary>Answers with a bodiless error status.</summary>
    public static Task StatusAsync(Stream stream, int status, string reason, CancellationToken token)
        => LoopbackHttpServer.WriteAsync(stream, status, reason, [("Content-Length", "0")], ReadOnlyMemory<byte>.Empty, token);
}
