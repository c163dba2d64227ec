using System.Diagnostics;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>
/// libtorch's NNPACK warning ("Could not initialize NNPACK! Reason: Unsupported hardware.") never reaches a user of scrawl deep,
/// and convolution gradients stay finite (oneDNN's came out NaN now and then on this project's machines).
/// </summary>
public sealed class BackendSwitchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-nnpack-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Loading_libtorch_turns_nnpack_and_onednn_off()
    {
        TorchRuntime.EnsureLoaded();
        Assert.False(BackendSwitches.IsNnpackEnabled(), "after EnsureLoaded libtorch's NNPACK switch must be off (null: its entry points were not found)");
        Assert.False(BackendSwitches.IsMkldnnEnabled(), "after EnsureLoaded libtorch's oneDNN switch must be off (null: its entry points were not found)");
    }

    [Fact]
    public void A_small_convolution_gives_the_same_finite_input_gradient_every_time()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        // With oneDNN on, about one pass in ten gave NaN here (the shapes of a tiny 'deep train --hidden 8' CNN's second block).
        TorchRuntime.Seed(7);
        using var conv = nn.Conv2d(4, 8, 3, padding: 1, bias: false);
        using var input = randn(32, 4, 16, 16);
        Tensor? first = null;
        for (int pass = 0; pass < 100; pass++)
        {
            using var scope = NewDisposeScope();
            var x = input.clone().requires_grad_(true);
            conv.forward(x).square().mean().backward();
            var gradient = x.grad!;
            Assert.True(gradient.isfinite().all().item<bool>(), $"pass {pass}: the input gradient has non-finite values");
            if (first is null)
            {
                first = gradient.detach().clone().MoveToOuterDisposeScope();
            }
            else
            {
                Assert.True(gradient.allclose(first, rtol: 1e-5, atol: 1e-7), $"pass {pass}: the input gradient differs from the first pass's");
            }
        }

        first?.Dispose();
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
