using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Xunit.Abstractions;

namespace Scrawl.Cli.Tests.CrashSafety;

/// <summary>
/// `scrawl train` as a child process, killed with SIGKILL at seeded moments (mid-epoch, and as soon as a checkpoint
/// is being written), resumed with --resume until it finishes: the final model must be byte-identical to an
/// uninterrupted run, every kill may lose only the epoch in progress, and the checkpoint must load after every kill.
/// </summary>
public partial class TrainKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Epochs = 6;
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-kill-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Killed_and_resumed_training_ends_byte_identical_and_loses_at_most_the_epoch_in_progress()
    {
        string data = Path.Combine(_dir, "data.npz");
        Assert.Equal(0, CliRunner.Run("data", "synth", "--per-class", "1200", "--seed", "3", "--out", data).Code);

        string reference = Path.Combine(_dir, "reference");
        var whole = Train(data, reference, resume: false, kill: null);
        Assert.True(whole.Code == 0, whole.Err);
        double epochSeconds = EpochSeconds(whole.Out);

        string run = Path.Combine(_dir, "killed");
        var random = new Random(20261127);
        int kills = 0, inWrites = 0;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            string checkpoint = Path.Combine(run, "checkpoint.ckpt");
            bool resume = File.Exists(checkpoint);
            int before = resume ? Checkpoint.Load(checkpoint).Trainer.EpochsDone : 0;

            // Odd attempts die as soon as the 1st or 2nd checkpoint write of the run starts; even ones at a random moment.
            bool atWrite = attempt % 2 == 1;
            var delay = TimeSpan.FromSeconds(random.NextDouble() * epochSeconds);
            int afterEpoch = attempt == 0 ? 0 : before + 1;
            int orphans = Directory.Exists(run) ? Directory.EnumerateFiles(run, "checkpoint.ckpt.tmp-*").Count() : 0;
            var result = Train(data, run, resume, atWrite ? new KillAt(0, null, random.Next(1, 3)) : new KillAt(afterEpoch, delay));
            if (!result.Killed)
            {
                Assert.True(result.Code == 0, result.Err);
                break;
            }

            kills++;
            inWrites += Directory.Exists(run) && Directory.EnumerateFiles(run, "checkpoint.ckpt.tmp-*").Count() > orphans ? 1 : 0;
            if (File.Exists(Path.Combine(run, "model.scrawl")))
            {
                // Killed after training, while writing figures: the model file is whole, the checkpoint complete.
                Assert.NotNull(ModelFile.Load(Path.Combine(run, "model.scrawl")));
                Assert.Equal(Epochs, Checkpoint.Load(checkpoint).Trainer.EpochsDone);
            }

            int reported = LastReportedEpoch(result.Out);
            if (File.Exists(checkpoint))
            {
                // Never half-written: it loads, and holds every epoch the killed process had reported finished.
                int done = Checkpoint.Load(checkpoint).Trainer.EpochsDone;
                Assert.True(done >= reported, $"the checkpoint holds {done} epochs but the killed run had reported {reported}");
                Assert.True(done >= before, "a resumed run's checkpoint went backwards");
            }
            else
            {
                Assert.Equal(0, reported);
            }

            output.WriteLine($"kill {kills}: {(atWrite ? "at a checkpoint write" : $"{delay.TotalSeconds:F3} s after epoch {afterEpoch}")}, epochs {before} → reported {reported}");
        }

        // Finish (resuming where the last kill left off).
        string final = Path.Combine(run, "checkpoint.ckpt");
        var last = Train(data, run, File.Exists(final), null);
        Assert.True(last.Code == 0, last.Err);
        Assert.True(kills >= 3, $"only {kills} of the runs were killed before finishing");
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "model.scrawl")), File.ReadAllBytes(Path.Combine(run, "model.scrawl")));
        Assert.Equal(Epochs, Checkpoint.Load(final).Trainer.EpochsDone);

        // Temporary files left by kills during checkpoint writes are removed by the next successful write of the checkpoint.
        Assert.Empty(Directory.EnumerateFiles(run, "checkpoint.ckpt.tmp-*"));
        output.WriteLine($"{kills} kills, {inWrites} left a checkpoint write unfinished; final model byte-identical");
    }

    /// <summary>When to kill: <see cref="Delay"/> after the run reports epoch <see cref="AfterEpoch"/> (0: once training starts), or when this process's checkpoint write number <see cref="AtWrite"/> (≥ 1) begins.</summary>
    private sealed record KillAt(int AfterEpoch, TimeSpan? Delay, int AtWrite = 0);

    private sealed record Outcome(int Code, bool Killed, string Out, string Err);

    private static Outcome Train(string data, string outDir, bool resume, KillAt? kill)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])[Path.Combine(AppContext.BaseDirectory, "scrawl.dll"), "train", "--data", data, "--hidden", "16", "--epochs", Epochs.ToString(CultureInfo.InvariantCulture), "--batch", "8", "--out", outDir, .. resume ? ["--resume"] : Array.Empty<string>()])
        {
            start.ArgumentList.Add(a);
        }

        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var training = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lines.Enqueue(line);
                if (kill is not null && (kill.AfterEpoch == 0 ? line.StartsWith("data: ", StringComparison.Ordinal) : line.StartsWith($"epoch {kill.AfterEpoch,4}/", StringComparison.Ordinal)))
                {
                    training.Set();
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        bool killed = false;
        if (kill is not null && WaitFor(training, process))
        {
            var clock = Stopwatch.StartNew();
            var writes = new HashSet<string>(Directory.Exists(outDir) ? Directory.EnumerateFiles(outDir, "checkpoint.ckpt.tmp-*") : []);
            int seen = 0;
            while (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                foreach (string temp in Directory.Exists(outDir) ? Directory.EnumerateFiles(outDir, "checkpoint.ckpt.tmp-*") : [])
                {
                    seen += writes.Add(temp) ? 1 : 0;
                }

                // A checkpoint write can start and finish between two looks at the folder on a loaded machine; once the
                // epoch it belongs to has been reported, kill at once (just after that write) rather than let the run end.
                int reported = lines.Count(l => l.StartsWith("epoch ", StringComparison.Ordinal));
                if (kill.Delay is { } delay ? clock.Elapsed >= delay : seen >= kill.AtWrite || reported >= kill.AtWrite)
                {
                    process.Kill(); // SIGKILL on Unix
                    killed = true;
                    break;
                }
            }
        }

        process.WaitForExit();
        killed &= process.ExitCode != 0;
        return new Outcome(process.ExitCode, killed, string.Join('\n', lines), stderr.Result);
    }

    /// <summary>Waits for the signal unless the process ends first.</summary>
    private static bool WaitFor(ManualResetEventSlim signal, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (!signal.Wait(10))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                return false;
            }
        }

        return true;
    }

    private static double EpochSeconds(string log)
    {
        var seconds = EpochLine().Matches(log).Select(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Epochs, seconds.Count);
        return Math.Max(0.02, seconds.Average());
    }

    private static int LastReportedEpoch(string log) => EpochLine().Matches(log).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    [GeneratedRegex(@"^epoch\s+(\d+)/\d+\s.*\s(\d+\.\d+) s$", RegexOptions.Multiline)]
    private static partial Regex EpochLine();
}
