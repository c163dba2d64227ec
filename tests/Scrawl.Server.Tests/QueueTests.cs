using System.Net;

namespace Scrawl.Server.Tests;

/// <summary>
/// The queue, time limit, cancellation and shutdown, made deterministic: the workers wait on a gate the test opens (the internal
/// <see cref="ServerOptions.BeforeEachJob"/> hook), and the test watches /v1/health until the server is in the state it wants.
/// </summary>
public sealed class QueueTests
{
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerOptions Gated(int queue = 1, double timeoutSeconds = 60) => new()
    {
        MaxConcurrency = 1,
        QueueLength = queue,
        RequestTimeoutSeconds = timeoutSeconds,
        BeforeEachJob = () => gate.Task,
    };

    [Fact]
    public async Task With_the_worker_busy_and_the_queue_full_a_request_gets_503_with_Retry_After()
    {
        await using var host = await TestHost.StartAsync(Gated(queue: 1));
        var running = host.PostAsync("/v1/ocr?format=txt", TestHost.Sample);
        await host.WaitForHealthAsync(h => h.GetProperty("busy").GetInt32() == 1, "one job runs");
        var queued = host.PostAsync("/v1/ocr?format=txt", TestHost.Sample);
        await host.WaitForHealthAsync(h => h.GetProperty("waiting").GetInt32() == 1, "one job waits");

        using var refused = await host.PostAsync("/v1/ocr?format=txt", TestHost.Sample);
        await TestHost.AssertErrorAsync(refused, HttpStatusCode.ServiceUnavailable, "busy: all 1 workers and 1 queue places are taken");
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);

        gate.SetResult();
        foreach (var response in await Task.WhenAll(running, queued))
        {
            Assert.Equal(TestHost.Truth, TestHost.Normalize(await response.Content.ReadAsStringAsync()));
        }

        var health = await host.HealthAsync();
        Assert.Equal(2, health.GetProperty("served").GetInt64());
        Assert.Equal(1, health.GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task A_request_past_its_time_limit_gets_503_and_the_server_recovers()
    {
        await using var host = await TestHost.StartAsync(Gated(timeoutSeconds: 0.5));
        using var late = await host.PostAsync("/v1/ocr", TestHost.Sample);
        await TestHost.AssertErrorAsync(late, HttpStatusCode.ServiceUnavailable, "not finished within the 0.5 s time limit");
        Assert.NotNull(late.Headers.RetryAfter);
        gate.SetResult();

        // The worker still finishes the late job (reading has no cancellation points), then its slot is free again.
        await host.WaitForHealthAsync(h => h.GetProperty("served").GetInt64() == 1 && h.GetProperty("busy").GetInt32() == 0 && h.GetProperty("waiting").GetInt32() == 0, "the late job is done");
    }

    [Fact]
    public async Task Work_of_a_client_that_went_away_is_skipped()
    {
        await using var host = await TestHost.StartAsync(Gated(queue: 2));
        var running = host.PostAsync("/v1/ocr", TestHost.Sample);
        await host.WaitForHealthAsync(h => h.GetProperty("busy").GetInt32() == 1, "one job runs");
        using var leave = new CancellationTokenSource();
        var abandoned = host.PostAsync("/v1/ocr", TestHost.Sample, cancel: leave.Token);
        await host.WaitForHealthAsync(h => h.GetProperty("waiting").GetInt32() == 1, "the second job waits");
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        gate.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        await host.WaitForHealthAsync(h => h.GetProperty("skipped").GetInt64() == 1 && h.GetProperty("waiting").GetInt32() == 0, "the abandoned job is skipped");
        Assert.Equal(1, (await host.HealthAsync()).GetProperty("served").GetInt64());
        Assert.Contains(host.Log, line => line.Contains("POST /v1/ocr 499", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_finishes_the_request_in_flight()
    {
        var host = await TestHost.StartAsync(Gated());
        var running = host.PostAsync("/v1/ocr?format=txt", TestHost.Sample);
        await host.WaitForHealthAsync(h => h.GetProperty("busy").GetInt32() == 1, "one job runs");
        var stopping = host.Server.StopAsync();
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "stopping waits for the request in flight");
        gate.SetResult();
        using var response = await running;
        Assert.Equal(TestHost.Truth, TestHost.Normalize(await response.Content.ReadAsStringAsync()));
        await stopping;
        Assert.Contains(host.Log, line => line.Contains("finishing 1 request(s) in flight", StringComparison.Ordinal));
        Assert.Contains(host.Log, line => line.StartsWith("scrawl serve: stopped (1 read", StringComparison.Ordinal));
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Every_request_gets_one_log_line_with_method_path_status_bytes_and_time()
    {
        await using var host = await TestHost.StartAsync(new ServerOptions { MaxConcurrency = 1 });
        using (await host.PostAsync("/v1/ocr?format=txt&user-words=SECRET", TestHost.Sample))
        using (await host.Client.GetAsync("/nothing"))
        {
        }

        // The line is written when the request's pipeline returns, which may be just after the client has the whole response.
        List<string> Lines() => host.Log.Where(l => !l.StartsWith("scrawl serve:", StringComparison.Ordinal)).ToList();
        for (var until = DateTime.UtcNow.AddSeconds(30); Lines().Count < 2 && DateTime.UtcNow < until;)
        {
            await Task.Delay(20);
        }

        var lines = Lines();
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z 127\.0\.0\.1 POST /v1/ocr 200 in=" + TestHost.Sample.Length + @" out=\d+ \d+\.\dms$", lines[0]);
        Assert.Matches(@" GET /nothing 404 in=0 out=\d+ ", lines[1]);
        Assert.DoesNotContain("SECRET", lines[0], StringComparison.Ordinal); // the query (user words) stays out of the log
    }

    [Fact]
    public void The_queue_admits_workers_plus_queue_length_requests_and_frees_their_slots()
    {
        using var queue = new WorkQueue(2, 3, () => []);
        var slots = Enumerable.Range(0, 5).Select(_ => queue.TryAdmit()).ToList();
        Assert.All(slots, Assert.NotNull);
        Assert.Null(queue.TryAdmit());
        Assert.Equal(1, queue.Rejected);
        slots[0]!.Dispose();
        slots[0]!.Dispose(); // twice frees once
        using var again = queue.TryAdmit();
        Assert.NotNull(again);
        Assert.Null(queue.TryAdmit());
        slots.Skip(1).ToList().ForEach(s => s!.Dispose());
    }
}
