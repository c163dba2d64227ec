using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scrawl.Server;

/// <summary>
/// <c>scrawl serve</c>: Kestrel serving the reading API and the page (<see cref="ServerOptions"/>). Everything it says goes through a log callback,
/// one line at a time: a line when it starts and stops, one per request, and warnings from ASP.NET Core.
/// </summary>
/// <example>
/// <code>
/// await using var server = await ScrawlServer.StartAsync(new ServerOptions { Urls = "http://127.0.0.1:0" }, Console.Error.WriteLine);
/// Console.WriteLine(server.Addresses[0]);     // e.g. http://127.0.0.1:43125
/// </code>
/// </example>
public static class ScrawlServer
{
    /// <summary>
    /// Serves until the process gets SIGINT (Ctrl+C) or SIGTERM, then stops taking requests, finishes those in flight and returns.
    /// Start-up problems (a bad option, model or key file; an address in use) throw before anything is served.
    /// </summary>
    public static void Run(ServerOptions options, Action<string> log)
    {
        var server = StartAsync(options, log).GetAwaiter().GetResult();
        try
        {
            server.WaitForShutdownSignal();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Starts serving and returns once the addresses are bound (<see cref="RunningServer.Addresses"/> holds the real ports when port 0 was asked for).
    /// <see cref="ArgumentException"/> for an option out of range; <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming a model
    /// or key file that cannot be used; <see cref="IOException"/> when an address cannot be bound.
    /// </summary>
    public static async Task<RunningServer> StartAsync(ServerOptions options, Action<string> log, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        var key = ApiKey.Load(options.ApiKeyFile);
        var catalog = ModelCatalog.Load(options.Models);
        var queue = new WorkQueue(options.MaxConcurrency, options.QueueLength, catalog.Open, options.BeforeEachJob);
        try
        {
            var state = new ServerState(options, catalog, queue, key is not null, new StaticAssets(ServerState.Version));
            var app = Build(options, log, state, key);
            try
            {
                await app.StartAsync(cancel).ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
            log($"scrawl serve: listening on {string.Join(", ", addresses)} — {queue.Workers} worker(s), queue {queue.QueueLength}, uploads up to {options.MaxUploadMegabytes} MiB, "
                + $"{options.RequestTimeoutSeconds:0.#} s a request, model(s) {string.Join(", ", catalog.Models.Select(m => m.Name))}{(key is null ? "" : ", API key required")}; Ctrl+C stops.");
            return new RunningServer(app, queue, addresses, log);
        }
        catch
        {
            queue.Dispose();
            throw;
        }
    }

    private static WebApplication Build(ServerOptions options, Action<string> log, ServerState state, ApiKey? key)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new LogForwarder(log));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls([.. options.ListenAddresses().Select(a => a.GetLeftPart(UriPartial.Authority))]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + Uploads.FormAllowanceBytes;
        });

        // Stopping waits for requests in flight: each ends within its time limit, so that plus a margin is enough.
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.RequestTimeout + TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.Use((context, next) => Middleware.LogAsync(context, next, log));
        app.Use(Middleware.HeadersAsync);
        app.Use((context, next) => Middleware.ErrorsAsync(context, next, log));
        app.UseStatusCodePages(status => Middleware.EmptyStatusAsync(status.HttpContext));
        app.Use((context, next) => Middleware.KeyAsync(context, next, key));
        app.UseRouting();
        Endpoints.Map(app, state);
        return app;
    }

    /// <summary>Forwards ASP.NET Core's warnings and errors to the log callback as single lines.</summary>
    private sealed class LogForwarder(Action<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Action<string> log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log($"scrawl serve: {logLevel.ToString().ToLowerInvariant()}: {category}: {formatter(state, exception).ReplaceLineEndings(" ")}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
                }
            }
        }
    }
}
