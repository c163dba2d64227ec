using Scrawl.Data.Downloads;
using static Scrawl.Data.Tests.Downloads.FileResponder;

namespace Scrawl.Data.Tests.Downloads;

public sealed class DownloaderTests : IDisposable
{
    private const string Name = "fixture.bin";
    private static readonly byte[] Data = Fixture(200 * 1024, seed: 7);
    private static readonly string DataSha = Sha256(Data);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scrawl-dl-" + Guid.NewGuid().ToString("N"));
    private readonly SocketsHttpHandler _handler = new() { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(3) };

    public void Dispose()
    {
        _handler.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string Target => Path.Combine(_folder, Name);

    private Downloader NewDownloader(int attempts = 3) => new(_folder, _handler)
    {
        MaxAttempts = attempts,
        RetryDelay = TimeSpan.Zero,
        ResponseTimeout = TimeSpan.FromSeconds(3),
        StallTimeout = TimeSpan.FromSeconds(3),
    };

    private void AssertOnlyFinalFile(bool finalExpected)
    {
        Assert.Equal(finalExpected, File.Exists(Target));
        Assert.False(File.Exists(Target + ".part"));
        Assert.False(File.Exists(Target + ".part.meta"));
    }

    [Fact]
    public async Task Downloads_verifies_places_and_then_returns_the_present_file_without_network()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t));
        using var downloader = NewDownloader();
        var result = await downloader.EnsureFileAsync(server.Url("data/" + Name), Name, DataSha.ToUpperInvariant());
        Assert.True(result.Downloaded);
        Assert.Equal(Target, result.Path);
        Assert.Equal(DataSha, result.Sha256);
        Assert.Equal(Data.Length, result.Length);
        Assert.Equal(Data, await File.ReadAllBytesAsync(Target));
        AssertOnlyFinalFile(true);
        Assert.Equal("/data/" + Name, server.Requests[0].Path);
        Assert.Null(server.Requests[0].Header("Range"));

        var again = downloader.EnsureFile(server.Url("data/" + Name), Name, DataSha);
        Assert.False(again.Downloaded);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Without_a_known_hash_the_computed_hash_is_returned_for_pinning()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t));
        using var downloader = NewDownloader();
        var result = await downloader.DownloadAsync(server.Url(Name), Name);
        Assert.Equal(DataSha, result.Sha256);
        var present = await downloader.EnsureFileAsync(server.Url(Name), Name);
        Assert.False(present.Downloaded);
        Assert.Equal(DataSha, present.Sha256);
    }

    [Fact]
    public async Task Wrong_hash_throws_naming_url_and_both_hashes_and_leaves_nothing()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t));
        using var downloader = NewDownloader();
        var wrong = new string('a', 64);
        var e = await Assert.ThrowsAsync<DownloadHashMismatchException>(() => downloader.EnsureFileAsync(server.Url(Name), Name, wrong));
        Assert.Contains(server.Url(Name).ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, e.Message, StringComparison.Ordinal);
        Assert.Contains(DataSha, e.Message, StringComparison.Ordinal);
        Assert.Equal(DataSha, e.ActualSha256);
        AssertOnlyFinalFile(false);
    }

    [Fact]
    public async Task Dropped_connection_is_resumed_with_a_range_request()
    {
        const int Cut = 100 * 1024;
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t, cutAfter: r.Index == 0 ? Cut : null));
        using var downloader = NewDownloader();
        var result = await downloader.EnsureFileAsync(server.Url(Name), Name, DataSha);
        Assert.Equal(Data, await File.ReadAllBytesAsync(result.Path));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal($"bytes={Cut}-", server.Requests[1].Header("Range"));
        AssertOnlyFinalFile(true);
    }

    [Fact]
    public async Task A_failed_call_keeps_the_part_and_the_next_call_resumes_it()
    {
        const int Cut = 70_000;
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t, cutAfter: r.Index == 0 ? Cut : null));
        using var downloader = NewDownloader(attempts: 1);
        var e = await Assert.ThrowsAsync<DownloadException>(() => downloader.EnsureFileAsync(server.Url(Name), Name, DataSha));
        Assert.Contains(Target + ".part", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
        Assert.Equal(Cut, new FileInfo(Target + ".part").Length);

        var result = await downloader.EnsureFileAsync(server.Url(Name), Name, DataSha);
        Assert.True(result.Downloaded);
        Assert.Equal(Data, await File.ReadAllBytesAsync(Target));
        Assert.Equal($"bytes={Cut}-", server.Requests[1].Header("Range"));
        AssertOnlyFinalFile(true);
    }

    [Fact]
    public async Task Server_ignoring_range_makes_the_download_restart_from_zero()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t, ignoreRange: true, cutAfter: r.Index == 0 ? 90_000 : null));
        using var downloader = NewDownloader();
        var progress = new List<DownloadProgress>();
        var result = await downloader.EnsureFileAsync(server.Url(Name), Name, DataSha, progress.Add);
        Assert.Equal(Data, await File.ReadAllBytesAsync(result.Path));
        Assert.Equal("bytes=90000-", server.Requests[1].Header("Range"));
        Assert.Contains(progress.Skip(1), p => p.BytesDone == 0); // the restart is visible to the callback
        AssertOnlyFinalFile(true);
    }

    [Fact]
    public async Task A_changed_remote_length_discards_the_part_and_fetches_everything()
    {
        var newer = Fixture(150 * 1024, seed: 8);
        await using var server = new LoopbackHttpServer((r, s, t) => r.Index switch
        {
            0 => ServeAsync(r, s, Data, t, cutAfter: 50_000),
            1 => ServeAsync(r, s, Data, t, announcedTotal: newer.Length), // claims another total: stale part
            _ => ServeAsync(r, s, newer, t),
        });
        using var downloader = NewDownloader();
        var result = await downloader.EnsureFileAsync(server.Url(Name), Name, Sha256(newer));
        Assert.Equal(newer, await File.ReadAllBytesAsync(result.Path));
        Assert.Equal(3, server.Requests.Count);
        Assert.Null(server.Requests[2].Header("Range"));
    }

    [Fact]
    public async Task A_complete_part_answered_with_416_is_verified_and_placed()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t, cutAfter: r.Index == 0 ? Data.Length : null));
        using var downloader = NewDownloader(attempts: 1);
        var first = await downloader.DownloadAsync(server.Url(Name), Name, DataSha); // full length, then closed: complete
        new PartialFile(Target).Start(new PartMeta(server.Url(Name).AbsoluteUri, Data.Length, null, null));
        File.Move(first.Path, Target + ".part"); // as if the process died before the final move
        var result = await downloader.EnsureFileAsync(server.Url(Name), Name, DataSha);
        Assert.Equal($"bytes={Data.Length}-", server.Requests[1].Header("Range"));
        Assert.Equal(Data, await File.ReadAllBytesAsync(result.Path));
        AssertOnlyFinalFile(true);
    }

    [Fact]
    public async Task Http_404_is_a_clear_error_and_is_not_retried()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => StatusAsync(s, 404, "Not Found", t));
        using var downloader = NewDownloader();
        var e = await Assert.ThrowsAsync<DownloadHttpException>(() => downloader.EnsureFileAsync(server.Url("missing.bin"), Name));
        Assert.Equal(404, e.StatusCode);
        Assert.Contains("404", e.Message, StringComparison.Ordinal);
        Assert.Contains(server.Url("missing.bin").ToString(), e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        AssertOnlyFinalFile(false);
    }

    [Fact]
    public async Task Http_500_is_retried_then_reported()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => StatusAsync(s, 500, "Internal Server Error", t));
        using var downloader = NewDownloader(attempts: 3);
        var e = await Assert.ThrowsAsync<DownloadHttpException>(() => downloader.EnsureFileAsync(server.Url(Name), Name));
        Assert.Equal(500, e.StatusCode);
        Assert.Contains(server.Url(Name).ToString(), e.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
        AssertOnlyFinalFile(false);
    }

    [Fact]
    public async Task Unreachable_host_reports_offline_and_where_to_put_the_file()
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackHttpServer.ClosedPort()}/{Name}");
        using var downloader = NewDownloader();
        var e = await Assert.ThrowsAsync<HostUnreachableException>(() => downloader.EnsureFileAsync(url, Name, DataSha));
        Assert.StartsWith("cannot reach 127.0.0.1: this machine seems to be offline or the host is blocked", e.Message, StringComparison.Ordinal);
        Assert.Contains($"download {url} elsewhere and put it at {Target}", e.Message, StringComparison.Ordinal);
        Assert.Equal(Target, e.TargetPath);
        Assert.False(File.Exists(Target));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_unreachable()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => Task.Delay(Timeout.Infinite, t));
        using var downloader = new Downloader(_folder, _handler) { ResponseTimeout = TimeSpan.FromMilliseconds(300) };
        var e = await Assert.ThrowsAsync<HostUnreachableException>(() => downloader.EnsureFileAsync(server.Url(Name), Name));
        Assert.Contains("no response within 0.3 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_transfer_is_abandoned_and_resumed()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t, cutAfter: r.Index == 0 ? 60_000 : null, hang: r.Index == 0));
        using var downloader = new Downloader(_folder, _handler) { RetryDelay = TimeSpan.Zero, StallTimeout = TimeSpan.FromMilliseconds(300) };
        var result = await downloader.EnsureFileAsync(server.Url(Name), Name, DataSha);
        Assert.Equal(Data, await File.ReadAllBytesAsync(result.Path));
        Assert.Equal("bytes=60000-", server.Requests[1].Header("Range"));
    }

    [Fact]
    public async Task Progress_is_synchronous_monotonic_and_ends_at_the_total()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t));
        using var downloader = NewDownloader();
        var reports = new List<DownloadProgress>();
        await downloader.EnsureFileAsync(server.Url(Name), Name, DataSha, reports.Add);
        Assert.True(reports.Count >= 2);
        Assert.All(reports, p => Assert.Equal(server.Url(Name), p.Url));
        Assert.All(reports, p => Assert.Equal(Data.Length, p.TotalBytes));
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.True(pair.Second.BytesDone > pair.First.BytesDone));
        Assert.Equal(Data.Length, reports[^1].BytesDone);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public async Task Cancellation_stops_the_download_and_keeps_only_the_part()
    {
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t));
        using var downloader = NewDownloader();
        using var cancel = new CancellationTokenSource();
        void OnProgress(DownloadProgress p)
        {
            if (p.BytesDone > 0)
            {
                cancel.Cancel();
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => downloader.EnsureFileAsync(server.Url(Name), Name, DataSha, OnProgress, cancel.Token));
        Assert.False(File.Exists(Target));
        Assert.True(File.Exists(Target + ".part"));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_present_file_with_the_wrong_hash_is_replaced()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllBytesAsync(Target, [1, 2, 3]);
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, Data, t));
        using var downloader = NewDownloader();
        var result = await downloader.EnsureFileAsync(server.Url(Name), Name, DataSha);
        Assert.True(result.Downloaded);
        Assert.Equal(Data, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    public void Bad_arguments_are_rejected_before_any_request()
    {
        using var downloader = NewDownloader();
        var url = new Uri("http://127.0.0.1:9/x");
        Assert.Throws<ArgumentException>(() => downloader.EnsureFile(url, Name, "abc"));
        Assert.Throws<ArgumentException>(() => downloader.EnsureFile(url, "../escape.bin"));
        Assert.Throws<ArgumentException>(() => downloader.EnsureFile(url, "sub/dir.bin"));
        Assert.Throws<ArgumentException>(() => downloader.EnsureFile(new Uri("ftp://127.0.0.1/x"), Name));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Downloader(_folder, _handler) { MaxAttempts = 0 });
        Assert.False(Directory.Exists(_folder));
    }
}
