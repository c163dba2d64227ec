using System.Net;
using System.Text.Json;

namespace Scrawl.Server.Tests;

/// <summary>The page and its files come from the assembly with the right types and a strict policy; the OpenAPI document lists exactly the routes served.</summary>
public sealed class PageAndOpenApiTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private TestHost Host => shared.Host;

    [Theory]
    [InlineData("/", "text/html", "<canvas id=\"pad\"")]
    [InlineData("/app.js", "text/javascript", "v1/ocr")]
    [InlineData("/pad.js", "text/javascript", "v1/classify")]
    [InlineData("/app.css", "text/css", "#pad")]
    public async Task The_page_and_its_files_are_served_from_the_assembly(string path, string type, string content)
    {
        using var response = await Host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Unchanged: 304 with no body.
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var cached = await Host.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
        Assert.Empty(await cached.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_page_loads_nothing_from_elsewhere()
    {
        using var response = await Host.Client.GetAsync("/");
        string html = await response.Content.ReadAsStringAsync();
        string policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        foreach (string asset in new[] { html, await Host.Client.GetStringAsync("/app.js"), await Host.Client.GetStringAsync("/pad.js"), await Host.Client.GetStringAsync("/app.css") })
        {
            Assert.DoesNotMatch(@"(src|href)\s*=\s*""(https?:)?//", asset);
            Assert.DoesNotContain("@import", asset, StringComparison.Ordinal);
        }

        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_form_control_of_the_page_has_a_label()
    {
        string html = await Host.Client.GetStringAsync("/");
        var ids = System.Text.RegularExpressions.Regex.Matches(html, @"<(input|select|textarea)[^>]*\bid=""([^""]+)""").Select(m => m.Groups[2].Value).ToList();
        Assert.True(ids.Count >= 8, $"found {ids.Count} controls");
        Assert.All(ids, id => Assert.Contains($"for=\"{id}\"", html, StringComparison.Ordinal));
        Assert.Contains("aria-label=\"Drawing area for one character\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_lists_exactly_the_routes_served()
    {
        using var response = await Host.Client.GetAsync("/openapi.json");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("VERSION", document.GetProperty("info").GetProperty("version").GetString());
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (Method: m.Name.ToUpperInvariant(), Path: p.Name))).ToHashSet();
        var served = Host.Server.Routes.Where(r => r.Method != "HEAD").ToHashSet();
        Assert.Equal(served.Order().ToList(), documented.Order().ToList());

        // Every $ref resolves.
        string text = document.GetRawText();
        foreach (var reference in System.Text.RegularExpressions.Regex.Matches(text, "\"#/components/(\\w+)/(\\w+)\"").Select(m => (m.Groups[1].Value, m.Groups[2].Value)))
        {
            Assert.True(document.GetProperty("components").GetProperty(reference.Item1).TryGetProperty(reference.Item2, out _), $"{reference} does not resolve");
        }
    }
}
