using System.CommandLine;
using System.Globalization;
using Scrawl.NeuralNet.Benchmarks;
using Scrawl.Numerics;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl bench mlp</c>: times the seed's MLP training run (the speed bar against numpy/PyTorch); <c>bench cnn</c> is in <see cref="BenchCnnCommand"/>.</summary>
internal static class BenchCommand
{
    public static Command Create(CliOutput io)
    {
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train (≥ 1)", DefaultValueFactory = _ => 100 };
        var data = new Option<string?>("--data") { Description = "Data: a folder of train_x/train_y/valid_x/valid_y .npy files (../shared/bench/common.py --export DIR) or any catalog name or path; default: built-in synthetic data of the NIST36 shape" };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units (≥ 1)", DefaultValueFactory = _ => 64 };
        var batch = new Option<int>("--batch") { Description = "Batch size (≥ 1)", DefaultValueFactory = _ => 64 };
        var rate = new Option<float>("--lr") { Description = "Learning rate (> 0), applied to summed batch gradients", DefaultValueFactory = _ => 0.02f };
        var seed = new Option<long>("--seed") { Description = "Seed for weights and shuffling", DefaultValueFactory = _ => 0 };
        var quiet = new Option<bool>("--quiet") { Description = "Print only every 10th epoch" };
        var mlp = new Command("mlp", "Train the seed's 1024-64-36 sigmoid/softmax MLP (batch 64, lr 0.02, summed gradients) and time it; ends with 'seconds: <train seconds>'.")
        {
            epochs, data, hidden, batch, rate, seed, quiet,
        };
        mlp.SetAction(r => RunMlp(io, new MlpBenchOptions(
            r.GetValue(epochs), r.GetValue(data), r.GetValue(hidden), r.GetValue(batch), r.GetValue(rate), r.GetValue(seed), r.GetValue(quiet))));
        return new Command("bench", "Benchmarks of the engine.") { mlp, BenchCnnCommand.Create(io) };
    }

    private sealed record MlpBenchOptions(int Epochs, string? Data, int Hidden, int Batch, float LearningRate, long Seed, bool Quiet);

    private static int RunMlp(CliOutput io, MlpBenchOptions o)
    {
        if (o.Epochs < 1 || o.Hidden < 1 || o.Batch < 1 || !(o.LearningRate > 0))
        {
            throw new CliException("--epochs, --hidden and --batch must be ≥ 1 and --lr > 0.");
        }

        var (trainX, trainY, validX, validY, source) = LoadData(o.Data);
        int classes = Math.Max(trainY.Max(), validY.Max()) + 1;
        if (trainX.Dim(1) != validX.Dim(1))
        {
            throw new CliException($"train and validation rows differ: {trainX.Dim(1)} vs {validX.Dim(1)} features.");
        }

        io.Out.WriteLine($"data: {source}; train {trainX.Rows}×{trainX.Dim(1)}, valid {validX.Rows}×{validX.Dim(1)}, {classes} classes");
        io.Out.WriteLine($"gemm: {Gemm.BestPath}, {Environment.ProcessorCount} cores");
        var (seconds, last) = MlpBenchmark.Run(trainX, trainY, validX, validY, classes, o.Hidden, o.Batch, o.LearningRate, o.Seed, o.Epochs, m =>
        {
            if (!o.Quiet || m.Epoch % 10 == 0 || m.Epoch == o.Epochs)
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {m.Epoch,4}  train_loss {m.TrainLoss:F5}  train_acc {m.TrainAccuracy:F4}  valid_loss {m.ValidLoss:F5}  valid_acc {m.ValidAccuracy:F4}  {m.Seconds * 1000,7:F1} ms"));
            }
        });
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final: train_acc {last.TrainAccuracy:F4}  valid_acc {last.ValidAccuracy:F4}  ({seconds / o.Epochs * 1000:F1} ms/epoch)"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds: {seconds:F3}"));
        return ExitCodes.Ok;
    }

    private static (Tensor TrainX, int[] TrainY, Tensor ValidX, int[] ValidY, string Source) LoadData(string? data)
    {
        if (data is null)
        {
            var (tx, ty, vx, vy) = SyntheticNist36.Generate();
            return (tx, ty, vx, vy, "built-in synthetic NIST36-shaped set (seed 1234)");
        }

        var splits = CliData.Load(data);

        var valid = splits.Valid ?? splits.Test
            ?? throw new CliException($"{data}: the benchmark needs a validation (or test) split besides train.");
        return (splits.Train.Features(), splits.Train.Labels, valid.Features(), valid.Labels, data);
    }
}
