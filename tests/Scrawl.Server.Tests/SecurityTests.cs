using System.Net;
using System.Net.Http.Headers;

namespace Scrawl.Server.Tests;

/// <summary>The API key (401 without it, both header forms accepted, health and the page open) and start-up refusals that name the file.</summary>
public sealed class SecurityTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scrawl-serve-key-").FullName;

    [Fact]
    public async Task With_an_api_key_the_reading_endpoints_need_it_and_health_and_the_page_do_not()
    {
        string keyFile = Path.Combine(folder, "key.txt");
        File.WriteAllText(keyFile, "  s3cret-key-0123456789  \nsecond line ignored\n");
        await using var host = await TestHost.StartAsync(new ServerOptions { MaxConcurrency = 1, ApiKeyFile = keyFile });

        using var none = await host.PostAsync("/v1/ocr", TestHost.Sample);
        await TestHost.AssertErrorAsync(none, HttpStatusCode.Unauthorized, "missing or wrong API key");
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        using var info = await host.Client.GetAsync("/v1/info");
        await TestHost.AssertErrorAsync(info, HttpStatusCode.Unauthorized, "API key");

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/v1/classify") { Content = new ByteArrayContent(TestHost.Sample) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-key-012345678"); // one character short
        await TestHost.AssertErrorAsync(await host.Client.SendAsync(wrong), HttpStatusCode.Unauthorized, "API key");

        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/v1/ocr?format=txt") { Content = new ByteArrayContent(TestHost.Sample) };
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-key-0123456789");
        using var bearerResponse = await host.Client.SendAsync(bearer);
        Assert.Equal(TestHost.Truth, TestHost.Normalize(await bearerResponse.Content.ReadAsStringAsync()));

        using var header = new HttpRequestMessage(HttpMethod.Get, "/v1/info");
        header.Headers.Add("X-Api-Key", "s3cret-key-0123456789");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(header)).StatusCode);

        Assert.True((await host.HealthAsync()).GetProperty("apiKeyRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_missing_or_empty_key_file_stops_the_start_naming_it()
    {
        string missing = Path.Combine(folder, "nope.txt");
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => ScrawlServer.StartAsync(new ServerOptions { Urls = "http://127.0.0.1:0", ApiKeyFile = missing }, _ => { }));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);

        string empty = Path.Combine(folder, "empty.txt");
        File.WriteAllText(empty, "\n");
        var blank = await Assert.ThrowsAsync<InvalidDataException>(() => ScrawlServer.StartAsync(new ServerOptions { Urls = "http://127.0.0.1:0", ApiKeyFile = empty }, _ => { }));
        Assert.Contains($"{empty}: holds no API key", blank.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_models_from_the_server_side_list_are_served_by_name()
    {
        string shipped = Scrawl.Reading.ModelLocator.ShippedModelPath();
        string copy = Path.Combine(folder, "second.scrawl");
        File.Copy(shipped, copy);
        await using var host = await TestHost.StartAsync(new ServerOptions { MaxConcurrency = 1, Models = [shipped, copy] });
        using var second = await host.PostAsync("/v1/ocr?model=second", TestHost.Sample);
        Assert.Contains("\"model\": \"second\"", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var path = await host.PostAsync($"/v1/ocr?model={Uri.EscapeDataString(copy)}", TestHost.Sample);
        await TestHost.AssertErrorAsync(path, HttpStatusCode.BadRequest, "not served here; the models are charmodel, second");
        using var mixed = await host.PostAsync("/v1/ocr?case=mixed", TestHost.Sample);
        await TestHost.AssertErrorAsync(mixed, HttpStatusCode.BadRequest, "case=mixed: no mixed-case model is served here");

        var twice = await Assert.ThrowsAsync<ArgumentException>(() => ScrawlServer.StartAsync(new ServerOptions { Urls = "http://127.0.0.1:0", Models = [copy, copy] }, _ => { }));
        Assert.Contains("a model named 'second' is already served", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_in_use_stops_the_start_with_an_io_error()
    {
        await using var host = await TestHost.StartAsync(new ServerOptions { MaxConcurrency = 1 });
        string taken = host.Server.Addresses[0].GetLeftPart(UriPartial.Authority);
        var e = await Assert.ThrowsAnyAsync<IOException>(() => ScrawlServer.StartAsync(new ServerOptions { Urls = taken, MaxConcurrency = 1 }, _ => { }));
        Assert.Contains("address already in use", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
