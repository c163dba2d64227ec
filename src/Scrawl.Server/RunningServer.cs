using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Scrawl.Server;

/// <summary>A started server: where it listens, and how to stop it gracefully (no new requests; those in flight are finished and answered).</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly WorkQueue queue;
    private readonly Action<string> log;
    private int stopped;

    internal RunningServer(WebApplication app, WorkQueue queue, IReadOnlyList<Uri> addresses, Action<string> log)
    {
        this.app = app;
        this.queue = queue;
        this.log = log;
        Addresses = addresses;
    }

    /// <summary>The addresses bound, with real port numbers (e.g. <c>http://127.0.0.1:43125/</c>).</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>Requests being read or waiting for a worker now (for tests and monitoring).</summary>
    public int InFlight => queue.Busy + queue.Waiting;

    /// <summary>The routes served, as (method, path) pairs (for the test that holds the OpenAPI document to them).</summary>
    internal IReadOnlyList<(string Method, string Path)> Routes =>
        [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))];

    /// <summary>Blocks until the process is asked to stop (SIGINT, SIGTERM) or <see cref="StopAsync"/> is called.</summary>
    public void WaitForShutdownSignal() => app.Lifetime.ApplicationStopping.WaitHandle.WaitOne();

    /// <summary>Stops taking connections, waits for the requests in flight (each within its time limit), then stops the workers. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        int inFlight = InFlight;
        log($"scrawl serve: stopping{(inFlight > 0 ? $"; finishing {inFlight} request(s) in flight" : "")}.");
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        queue.Dispose();
        await app.DisposeAsync().ConfigureAwait(false);
        log($"scrawl serve: stopped ({queue.Served} read, {queue.Rejected} refused as busy).");
    }

    /// <summary>Stops the server (<see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
