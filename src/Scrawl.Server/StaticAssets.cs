using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Scrawl.Server;

/// <summary>
/// The page (<c>/</c>), its script and style, and the OpenAPI document, served from resources embedded in this assembly (nothing from disk
/// or a CDN: the page works offline); each with its content type, an ETag (304 when unchanged) and, for the page, a strict Content-Security-Policy.
/// </summary>
internal sealed class StaticAssets
{
    /// <summary>What the page may load: only this server's own script, style and API, the photos the user chose (blob:) and data: icons.</summary>
    public const string PagePolicy = "default-src 'self'; img-src 'self' blob: data:; script-src 'self'; style-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly Dictionary<string, (byte[] Body, string Type, string ETag)> files = new(StringComparer.Ordinal);

    /// <summary>The assets from the embedded resources; the OpenAPI document gets <paramref name="version"/> as its <c>info.version</c>.</summary>
    public StaticAssets(string version)
    {
        Add("/", "index.html", "text/html; charset=utf-8");
        Add("/app.js", "app.js", "text/javascript; charset=utf-8");
        Add("/pad.js", "pad.js", "text/javascript; charset=utf-8");
        Add("/app.css", "app.css", "text/css; charset=utf-8");
        var openApi = JsonNode.Parse(Resource("openapi.json"))!;
        openApi["info"]!["version"] = version;
        Add("/openapi.json", System.Text.Encoding.UTF8.GetBytes(openApi.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })), "application/json; charset=utf-8");
    }

    /// <summary>The paths served.</summary>
    public IEnumerable<string> Paths => files.Keys;

    /// <summary>The body served at <paramref name="path"/> (one of <see cref="Paths"/>).</summary>
    public byte[] Body(string path) => files[path].Body;

    /// <summary>Answers GET or HEAD for <paramref name="path"/>: 304 when the client's ETag matches, else the file.</summary>
    public async Task ServeAsync(HttpContext context, string path)
    {
        var (body, type, etag) = files[path];
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = "no-cache";
        if (type.StartsWith("text/html", StringComparison.Ordinal))
        {
            response.Headers.ContentSecurityPolicy = PagePolicy;
        }

        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = type;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream($"web/{name}")
            ?? throw new InvalidOperationException($"The embedded resource web/{name} is missing from {typeof(StaticAssets).Assembly.GetName().Name} (a build problem).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private void Add(string path, string resource, string type) => Add(path, Resource(resource), type);

    private void Add(string path, byte[] body, string type) =>
        files[path] = (body, type, $"\"{Convert.ToHexString(SHA256.HashData(body), 0, 8).ToLowerInvariant()}\"");
}
