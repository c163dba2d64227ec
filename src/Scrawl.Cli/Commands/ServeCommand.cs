using System.CommandLine;
using Scrawl.Server;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl serve [--urls URLS] [--max-upload-mb 20] [--max-concurrency N] [--queue 16] [--request-timeout 30] [--api-key-file FILE] [--model FILE…]</c>:
/// the HTTP API and web page (<see cref="ScrawlServer"/>) until Ctrl+C or SIGTERM; one log line per request on stderr.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliOutput io)
    {
        var defaults = new ServerOptions();
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen: http://HOST:PORT, several separated by ; (loopback only by default; http://0.0.0.0:5080 for every interface, port 0 for any free port)",
            DefaultValueFactory = _ => ServerOptions.DefaultUrls,
        };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = $"The largest image accepted, in MiB (1–{ServerOptions.MaxUploadLimitMegabytes}); larger uploads get 413", DefaultValueFactory = _ => defaults.MaxUploadMegabytes };
        var concurrency = new Option<int>("--max-concurrency") { Description = $"Photos read at once: the number of workers (1–{ServerOptions.MaxWorkers}; default: one per processor)", DefaultValueFactory = _ => defaults.MaxConcurrency };
        var queue = new Option<int>("--queue") { Description = "Requests that may wait while every worker is busy; beyond that, 503 with Retry-After", DefaultValueFactory = _ => defaults.QueueLength };
        var timeout = new Option<double>("--request-timeout") { Description = "Seconds one request may take, waiting included (0.1–3600); past it, 503 with Retry-After", DefaultValueFactory = _ => defaults.RequestTimeoutSeconds };
        var keyFile = new Option<string?>("--api-key-file") { Description = "A file whose first line is the API key: /v1/ocr, /v1/classify and /v1/info then need 'Authorization: Bearer KEY' or 'X-Api-Key: KEY' (401 otherwise)", HelpName = "FILE" };
        var models = new Option<string[]>("--model")
        {
            Description = "The models clients may choose by name (the file's name without extension): .scrawl or NIST36 .npz files, the first the default; repeat for several; default: the shipped models/charmodel.scrawl",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("serve", "Serve the reading API (/v1/ocr, /v1/classify, /v1/health, /v1/info, /openapi.json) and a web page at / until Ctrl+C; one log line per request.")
        {
            urls, maxUpload, concurrency, queue, timeout, keyFile, models,
        };
        command.SetAction(r =>
        {
            var options = new ServerOptions
            {
                Urls = r.GetValue(urls)!,
                MaxUploadMegabytes = r.GetValue(maxUpload),
                MaxConcurrency = r.GetValue(concurrency),
                QueueLength = r.GetValue(queue),
                RequestTimeoutSeconds = r.GetValue(timeout),
                ApiKeyFile = r.GetValue(keyFile),
                Models = r.GetValue(models) ?? [],
            };
            Library.Validate(options.Validate);
            ScrawlServer.Run(options, io.Error.WriteLine);
            return ExitCodes.Ok;
        });
        return command;
    }
}
