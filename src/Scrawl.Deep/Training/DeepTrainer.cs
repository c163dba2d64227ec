using System.Diagnostics;
using SeededRandom = Scrawl.Numerics.SeededRandom;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Training;

/// <summary>
/// Trains a TorchSharp classifier with softmax cross-entropy (mean over the batch; label smoothing and partial labels,
/// <see cref="PartialLabelLoss"/>, when the options and data ask for them): a seeded shuffle per epoch, one
/// dispose scope per batch, the epoch's learning rate from the schedule, evaluation of valid/test after each epoch.
/// </summary>
public sealed class DeepTrainer : IDisposable
{
    private readonly optim.Optimizer _optimizer;
    private readonly List<DeepEpoch> _history = [];

    /// <summary>A trainer for <paramref name="model"/> (already on <paramref name="device"/>) with <paramref name="options"/>' optimizer.</summary>
    public DeepTrainer(Module<Tensor, Tensor> model, DeepTrainOptions options, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(checkModel: false);
        Model = model;
        Options = options;
        Device = device;
        _optimizer = options.Optimizer == "adam"
            ? optim.Adam(model.parameters(), options.LearningRate)
            : optim.SGD(model.parameters(), options.LearningRate, momentum: 0.9);
    }

    /// <summary>The model being trained.</summary>
    public Module<Tensor, Tensor> Model { get; }

    /// <summary>The run's settings.</summary>
    public DeepTrainOptions Options { get; }

    /// <summary>Where batches are computed.</summary>
    public Device Device { get; }

    /// <summary>The optimizer (its state goes into checkpoints).</summary>
    public optim.Optimizer Optimizer => _optimizer;

    /// <summary>Every finished epoch so far (restored ones included).</summary>
    public IReadOnlyList<DeepEpoch> History => _history;

    /// <summary>Epochs finished so far.</summary>
    public int EpochsDone => _history.Count;

    /// <summary>Replaces the history (when resuming from a checkpoint).</summary>
    public void RestoreHistory(IEnumerable<DeepEpoch> history)
    {
        _history.Clear();
        _history.AddRange(history);
    }

    /// <summary>
    /// Trains the remaining epochs up to <see cref="DeepTrainOptions.Epochs"/>, calling <paramref name="onEpoch"/> after each
    /// (checkpoint there) and <paramref name="onBatch"/> with (batches done, batches per epoch). Throws
    /// <see cref="InvalidOperationException"/> when the loss stops being finite.
    /// </summary>
    public void Fit(LabelledTensors train, LabelledTensors? valid, LabelledTensors? test, Action<DeepEpoch>? onEpoch = null, Action<int, int>? onBatch = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        int n = train.Count;
        int batches = (n + Options.Batch - 1) / Options.Batch;
        for (int epoch = EpochsDone; epoch < Options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            double rate = Options.RateAt(epoch);
            foreach (var group in _optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }

            // Shuffle and dropout depend only on (seed, epoch), so a resumed run repeats an uninterrupted one.
            manual_seed(Options.Seed * 1_000_003 + epoch);
            int[] order = new SeededRandom(Options.Seed + 1 + epoch).Permutation(n);
            var augmentRandom = new SeededRandom((Options.Seed * 1_000_033) + 7 + epoch);
            Model.train();
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                int start = b * Options.Batch;
                int count = Math.Min(Options.Batch, n - start);
                var index = tensor(order.AsSpan(start, count).ToArray().Select(i => (long)i).ToArray());
                var x = BatchAugmentation.Apply(train.Images.index_select(0, index), Options.Augment, augmentRandom).to(Device);
                var y = train.Labels.index_select(0, index).to(Device);
                _optimizer.zero_grad();
                var logits = Model.forward(x);
                var loss = train.GroupMasks is not null ? PartialLabelLoss.Compute(logits, y, train.GroupMasks, Options.LabelSmoothing)
                    : Options.LabelSmoothing > 0 ? functional.cross_entropy(logits, y, label_smoothing: Options.LabelSmoothing)
                    : functional.cross_entropy(logits, y);
                loss.backward();
                _optimizer.step();
                double value = loss.item<float>();
                if (!double.IsFinite(value))
                {
                    throw new InvalidOperationException($"The training loss became {value} in epoch {epoch + 1}, batch {b + 1}; lower --lr.");
                }

                lossSum += value * count;
                correct += train.GroupMasks is null ? logits.argmax(1).eq(y).sum().item<long>() : PartialLabelLoss.Hits(logits, y, train.GroupMasks);
                onBatch?.Invoke(b + 1, batches);
            }

            var (validLoss, validAcc) = valid is null ? (double.NaN, double.NaN) : Evaluate(valid);
            var (testLoss, testAcc) = test is null ? (double.NaN, double.NaN) : Evaluate(test);
            var result = new DeepEpoch(epoch + 1, lossSum / n, (double)correct / n, validLoss, validAcc, testLoss, testAcc, rate, clock.Elapsed.TotalSeconds);
            _history.Add(result);
            onEpoch?.Invoke(result);
        }
    }

    /// <summary>Mean cross-entropy and accuracy of the model (eval mode, no gradients) on <paramref name="data"/>, in chunks of <paramref name="chunk"/> ≥ 1.</summary>
    public (double Loss, double Accuracy) Evaluate(LabelledTensors data, int chunk = 512)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (loss, predictions) = Predict(Model, Device, data.Images, data.Labels, chunk);
        using (predictions)
        {
            using var hits = predictions.eq(data.Labels).sum();
            return (loss, data.Count == 0 ? double.NaN : (double)hits.item<long>() / data.Count);
        }
    }

    /// <summary>Mean cross-entropy (NaN without labels) and predicted classes [N] (on the CPU) of <paramref name="model"/> in eval mode.</summary>
    public static (double Loss, Tensor Predictions) Predict(Module<Tensor, Tensor> model, Device device, Tensor images, Tensor? labels, int chunk = 512)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        model.eval();
        long n = images.shape[0];
        var parts = new List<Tensor>();
        double lossSum = 0;
        using (no_grad())
        {
            for (long start = 0; start < n; start += chunk)
            {
                using var scope = NewDisposeScope();
                long count = Math.Min(chunk, n - start);
                var logits = model.forward(images.narrow(0, start, count).to(device));
                if (labels is not null)
                {
                    lossSum += functional.cross_entropy(logits, labels.narrow(0, start, count).to(device), reduction: Reduction.Sum).item<float>();
                }

                parts.Add(logits.argmax(1).cpu().MoveToOuterDisposeScope());
            }
        }

        var all = parts.Count == 0 ? empty(0, ScalarType.Int64) : cat(parts, 0);
        foreach (var p in parts)
        {
            p.Dispose();
        }

        return (labels is null || n == 0 ? double.NaN : lossSum / n, all);
    }

    /// <inheritdoc/>
    public void Dispose() => _optimizer.Dispose();
}
