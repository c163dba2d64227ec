using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Scrawl.Server.Tests;

/// <summary>A real server (Kestrel on 127.0.0.1, a free port) for one test or class, with an HTTP client and the log lines it wrote.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(RunningServer server, ConcurrentQueue<string> log)
    {
        Server = server;
        Log = log;
        Client = new HttpClient { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromSeconds(120) };
    }

    public RunningServer Server { get; }

    public HttpClient Client { get; }

    public ConcurrentQueue<string> Log { get; }

    /// <summary>The shipped sample photo's bytes.</summary>
    public static byte[] Sample { get; } = File.ReadAllBytes(RepositoryFile("samples/sample-page.jpg"));

    /// <summary>The sample's text, one line per text line.</summary>
    public static string Truth { get; } = Normalize(File.ReadAllText(RepositoryFile("samples/sample-page.txt")));

    /// <summary>Starts a server with <paramref name="options"/> (default: the defaults) on a free loopback port.</summary>
    internal static async Task<TestHost> StartAsync(ServerOptions? options = null)
    {
        var log = new ConcurrentQueue<string>();
        var server = await ScrawlServer.StartAsync((options ?? new ServerOptions()) with { Urls = "http://127.0.0.1:0" }, log.Enqueue);
        return new TestHost(server, log);
    }

    public static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Scrawl.slnx")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new DirectoryNotFoundException($"Scrawl.slnx not found above {AppContext.BaseDirectory}");
    }

    public static string Normalize(string text) => text.ReplaceLineEndings("\n").Trim();

    /// <summary>POSTs <paramref name="body"/> as the raw request body with <paramref name="contentType"/> (null: none).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? contentType = "image/jpeg", CancellationToken cancel = default)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return Client.PostAsync(path, content, cancel);
    }

    /// <summary>POSTs <paramref name="image"/> as the multipart field <c>image</c> named <paramref name="fileName"/>, with <paramref name="fields"/>.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, byte[] image, string fileName = "photo.jpg", params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
        form.Add(file, "image", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return Client.PostAsync(path, form);
    }

    public async Task<JsonElement> HealthAsync()
    {
        using var response = await Client.GetAsync("/v1/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls <paramref name="condition"/> on the health document until it holds (at most 30 s).</summary>
    public async Task WaitForHealthAsync(Func<JsonElement, bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!condition(await HealthAsync()))
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting until {what}; health: {await HealthAsync()}");
            await Task.Delay(20);
        }
    }

    /// <summary>Checks that <paramref name="response"/> is the error shape: <paramref name="status"/>, JSON with one non-empty "error" string containing <paramref name="contains"/>.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string contains)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var property = Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal("error", property.Name);
        string message = property.Value.GetString()!;
        Assert.Contains(contains, message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("nosniff", response.Headers.TryGetValues("X-Content-Type-Options", out var v) ? v.Single() : null);
        return message;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>One server shared by the tests of a class that only read (defaults, two workers).</summary>
public sealed class SharedHost : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    // A generous time limit: 24 pages at once on a loaded 2-core machine must all be read, not timed out.
    public async Task InitializeAsync() => Host = await TestHost.StartAsync(new ServerOptions { MaxConcurrency = 2, MaxUploadMegabytes = 2, RequestTimeoutSeconds = 600 });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
