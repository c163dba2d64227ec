using System.Globalization;

namespace Scrawl.Server;

/// <summary>How <c>scrawl serve</c> listens, how much it accepts and how many photos it reads at once; the defaults suit one machine on loopback.</summary>
public sealed record ServerOptions
{
    /// <summary>The default listening address: loopback only, port 5080.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The largest <see cref="MaxUploadMegabytes"/> accepted (1 GiB).</summary>
    public const int MaxUploadLimitMegabytes = 1024;

    /// <summary>The most workers <see cref="MaxConcurrency"/> may ask for.</summary>
    public const int MaxWorkers = 256;

    /// <summary>The longest <see cref="QueueLength"/> accepted.</summary>
    public const int MaxQueueLength = 100_000;

    /// <summary>Where to listen: one or more <c>http://HOST:PORT</c> addresses separated by <c>;</c> or <c>,</c> (port 0: any free port); default <see cref="DefaultUrls"/>.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The largest image accepted, in MiB (1–<see cref="MaxUploadLimitMegabytes"/>); larger bodies get 413.</summary>
    public int MaxUploadMegabytes { get; init; } = 20;

    /// <summary>How many photos are read at once: the fixed number of workers (1–<see cref="MaxWorkers"/>); default one per processor.</summary>
    public int MaxConcurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>How many more requests may wait (uploading or queued) while every worker is busy (0–<see cref="MaxQueueLength"/>); beyond that, 503 with Retry-After.</summary>
    public int QueueLength { get; init; } = 16;

    /// <summary>The time limit of one request from its first byte to its answer, in seconds (0.1–3600); past it, 503 with Retry-After.</summary>
    public double RequestTimeoutSeconds { get; init; } = 30;

    /// <summary>A file holding the API key (its first line, trimmed): requests to <c>/v1/ocr</c>, <c>/v1/classify</c> and <c>/v1/info</c> must send it; null: no key.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>The models clients may choose by name (a file's name without its extension): <c>.scrawl</c> or NIST36 <c>.npz</c> files, the first the default; empty: the shipped model only.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>The largest upload in bytes.</summary>
    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    /// <summary>The request time limit.</summary>
    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    /// <summary>Tests only: awaited by a worker before each job it runs (holds workers busy on purpose).</summary>
    internal Func<Task>? BeforeEachJob { get; init; }

    /// <summary>The listening addresses of <see cref="Urls"/>, checked: absolute <c>http://</c> URLs with a host and a port (0–65535), no path.</summary>
    public IReadOnlyList<Uri> ListenAddresses()
    {
        var parts = Urls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new ArgumentException("--urls: give at least one address such as http://127.0.0.1:5080.");
        }

        var addresses = new List<Uri>();
        foreach (string part in parts)
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"--urls '{part}': not an http:// address (e.g. http://127.0.0.1:5080, http://0.0.0.0:8080).");
            }

            if (uri.Scheme == "https")
            {
                throw new ArgumentException($"--urls '{part}': HTTPS is not served here; listen on http:// and put a TLS proxy (nginx, Caddy, a load balancer) in front.");
            }

            if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || !HasExplicitPort(part))
            {
                throw new ArgumentException($"--urls '{part}': give scheme, host and port only, e.g. http://127.0.0.1:5080.");
            }

            addresses.Add(uri);
        }

        return addresses;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range (with the CLI's option names).</summary>
    public void Validate()
    {
        Check(MaxUploadMegabytes is >= 1 and <= MaxUploadLimitMegabytes, $"--max-upload-mb {MaxUploadMegabytes}: must be 1–{MaxUploadLimitMegabytes}.");
        Check(MaxConcurrency is >= 1 and <= MaxWorkers, $"--max-concurrency {MaxConcurrency}: must be 1–{MaxWorkers}.");
        Check(QueueLength is >= 0 and <= MaxQueueLength, $"--queue {QueueLength}: must be 0–{MaxQueueLength}.");
        Check(RequestTimeoutSeconds is >= 0.1 and <= 3600, $"--request-timeout {RequestTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}: must be 0.1–3600 seconds.");
        _ = ListenAddresses();
    }

    private static bool HasExplicitPort(string url)
    {
        int hostStart = url.IndexOf("//", StringComparison.Ordinal) + 2;
        int colon = url.LastIndexOf(':');
        return colon > hostStart && !url[colon..].Contains(']', StringComparison.Ordinal);
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
