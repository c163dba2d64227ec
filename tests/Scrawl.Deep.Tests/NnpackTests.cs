using System.Diagnostics;

namespace Scrawl.Deep.Tests;

/// <summary>libtorch's NNPACK warning ("Could not initialize NNPACK! Reason: Unsupported hardware.") never reaches a user of scrawl deep.</summary>
public sealed class NnpackTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-nnpack-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Loading_libtorch_turns_nnpack_off()
    {
        TorchRuntime.EnsureLoaded();
        Assert.False(NnpackSwitch.IsEnabled(), "after EnsureLoaded libtorch's NNPACK switch must be off (null: its entry points were not found)");
    }

    [Fact]
    public async Task A_deep_cnn_run_writes_no_nnpack_line_to_the_native_stderr()
    {
        // A child process: libtorch writes the warning to file descriptor 2, which no in-process TextWriter sees.
        string program = Path.Combine(AppContext.BaseDirectory, "scrawl-deep.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in (string[])[program, "train", "--model", "cnn", "--data", TestData.Nist36Folder(), "--epochs", "1", "--out", Path.Combine(_dir, "run")])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdoutRead = process.StandardOutput.ReadToEndAsync();
        string stderr = await process.StandardError.ReadToEndAsync();
        string stdout = await stdoutRead;
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "scrawl-deep train did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, stderr);
        Assert.Contains("test-accuracy:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NNPACK", stderr, StringComparison.OrdinalIgnoreCase);
    }
}
