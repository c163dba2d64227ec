using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Scrawl.Deep.Models;
using Scrawl.Deep.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scrawl.Deep.Cli.Commands;

/// <summary>
/// <c>scrawl deep bench cnn</c>: training throughput of the small CNN of <c>scrawl bench cnn</c> in TorchSharp, then the same
/// model and loop in PyTorch (<c>bench/torch_cnn.py</c> under Debian's python3-torch) on the same data, side by side.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliOutput io)
    {
        var epochs = new Option<int>("--epochs") { Description = "Epochs (≥ 1), all timed", DefaultValueFactory = _ => 3 };
        var data = new Option<string>("--data") { Description = "28×28 grey data set", DefaultValueFactory = _ => "mnist-10k" };
        var batch = new Option<int>("--batch") { Description = "Batch size (≥ 1)", DefaultValueFactory = _ => 64 };
        var rate = new Option<double>("--lr") { Description = "Adam learning rate (> 0)", DefaultValueFactory = _ => 1e-3 };
        var seed = new Option<long>("--seed") { Description = "Seed", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Threads of both libtorch runs (≥ 1)", DefaultValueFactory = _ => 2 };
        var limit = new Option<int>("--limit") { Description = "Train on the first N samples only (0: all)", DefaultValueFactory = _ => 0 };
        var python = new Option<string>("--python") { Description = "Python with torch for the reference; 'none' skips it", DefaultValueFactory = _ => "/usr/bin/python3" };
        var cnn = new Command("cnn", "TorchSharp vs PyTorch CPU training throughput of the small CNN (Adam, mean cross-entropy); ends with ratio: torchsharp/pytorch.")
        {
            epochs, data, batch, rate, seed, threads, limit, python,
        };
        cnn.SetAction(r => RunCnn(io, new BenchSettings(r.GetValue(epochs), r.GetValue(data)!, r.GetValue(batch), r.GetValue(rate), r.GetValue(seed), r.GetValue(threads), r.GetValue(limit)), r.GetValue(python)!));
        return new Command("bench", "Throughput benchmarks of the TorchSharp track.") { cnn };
    }

    /// <summary>The settings both engines get.</summary>
    private sealed record BenchSettings(int Epochs, string Data, int Batch, double Rate, long Seed, int Threads, int Limit);

    private static int RunCnn(CliOutput io, BenchSettings settings, string python)
    {
        var (epochs, data, batch, rate, seed, threads, limit) = settings;
        if (epochs < 1 || batch < 1 || threads < 1 || !(rate > 0) || limit < 0)
        {
            throw new CliException("--epochs, --batch and --threads must be ≥ 1, --limit ≥ 0 and --lr > 0.");
        }

        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(threads);
        var splits = DeepCli.Load(data, seed);
        var trainSet = limit > 0 && limit < splits.Train.Count ? splits.Train.Subset([.. Enumerable.Range(0, limit)]) : splits.Train;
        using var train = LabelledTensors.From(trainSet)!;
        using var valid = LabelledTensors.From(splits.Valid);
        TorchRuntime.Seed(seed);
        using var model = new BenchCnn(splits.Train.Channels, splits.Train.ClassNames.Count);
        using var optimizer = optim.Adam(model.parameters(), rate);
        io.Out.WriteLine($"torchsharp: libtorch {torch.__version__}, {torch.get_num_threads()} threads; data {splits.Name}: train {train.Count:N0}");
        double seconds = 0;
        int n = train.Count;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            int[] order = new Numerics.SeededRandom(seed + 1 + epoch).Permutation(n);
            model.train();
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            for (int start = 0; start < n; start += batch)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(batch, n - start);
                var index = tensor(order.AsSpan(start, count).ToArray().Select(i => (long)i).ToArray());
                var x = train.Images.index_select(0, index);
                var y = train.Labels.index_select(0, index);
                var loss = nn.functional.cross_entropy(model.forward(x), y);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * count;
            }

            double s = clock.Elapsed.TotalSeconds;
            seconds += s;
            double validAcc = valid is null ? double.NaN : DeepTrainer.Predict(model, CPU, valid.Images, valid.Labels).Predictions is var p
                ? Accuracy(p, valid.Labels) : double.NaN;
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch + 1,3}  train_loss {lossSum / n:F5}  valid_acc {validAcc:F4}  {s:F3} s  {n / s,8:F0} samples/s"));
        }

        double ours = n * (double)epochs / seconds;
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"torchsharp: {ours:F1} samples/s ({seconds:F2} s of training)"));
        double? theirs = python == "none" ? null : RunPyTorch(io, python, settings);
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| engine | samples/s |\n|---|---|\n| TorchSharp 0.107 (libtorch {torch.__version__}) | {ours:F0} |"));
        if (theirs is { } t)
        {
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| PyTorch CPU ({python}) | {t:F0} |"));
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: torchsharp/pytorch {ours / t:F2}x"));
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"samples-per-second: {ours:F1}"));
        return ExitCodes.Ok;
    }

    private static double Accuracy(Tensor predictions, Tensor labels)
    {
        using (predictions)
        {
            using var hits = predictions.eq(labels).sum();
            return (double)hits.item<long>() / labels.shape[0];
        }
    }

    /// <summary>Runs bench/torch_cnn.py (found above the working folder or the program) and returns its samples/s, or null when it cannot run.</summary>
    private static double? RunPyTorch(CliOutput io, string python, BenchSettings s)
    {
        var (epochs, data, batch, rate, seed, threads, limit) = s;
        string? script = FindAbove(Directory.GetCurrentDirectory(), "bench/torch_cnn.py") ?? FindAbove(AppContext.BaseDirectory, "bench/torch_cnn.py");
        string? folder = data == "mnist-10k" ? FindAbove(Directory.GetCurrentDirectory(), "../shared/datasets/mnist-10k") : Directory.Exists(data) ? data : null;
        if (script is null || folder is null || !File.Exists(python))
        {
            io.Error.WriteLine($"scrawl deep: PyTorch reference skipped (needs {python} with torch, bench/torch_cnn.py and an IDX folder as --data).");
            return null;
        }

        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { script, "--epochs", $"{epochs}", "--batch", $"{batch}", "--lr", rate.ToString("R", CultureInfo.InvariantCulture), "--seed", $"{seed}", "--threads", $"{threads}", "--limit", $"{limit}", "--data", folder })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["LD_LIBRARY_PATH"] = "/usr/lib/x86_64-linux-gnu/openblas-openmp";
        using var process = Process.Start(info)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            io.Out.WriteLine("  pytorch: " + line);
        }

        var result = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT", StringComparison.Ordinal))?.Split(' ').FirstOrDefault(w => w.StartsWith("samples_per_s=", StringComparison.Ordinal));
        if (process.ExitCode != 0 || result is null)
        {
            io.Error.WriteLine($"scrawl deep: PyTorch reference failed (exit {process.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}");
            return null;
        }

        return double.Parse(result["samples_per_s=".Length..], CultureInfo.InvariantCulture);
    }

    private static string? FindAbove(string start, string relative)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.GetFullPath(Path.Combine(dir.FullName, relative));
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
