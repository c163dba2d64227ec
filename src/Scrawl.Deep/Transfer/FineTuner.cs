using System.Diagnostics;
using Scrawl.Deep.Onnx;
using Scrawl.Deep.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Transfer;

/// <summary>The settings of a fine-tuning run.</summary>
/// <param name="HeadEpochs">Epochs of phase 1 (linear head on cached frozen-backbone features), ≥ 0.</param>
/// <param name="TuneEpochs">Epochs of phase 2 (last blocks + head on cached features before them), ≥ 0.</param>
/// <param name="HeadRate">Adam learning rate of phase 1, &gt; 0.</param>
/// <param name="TuneRate">Adam learning rate of phase 2 (linear warm-up, then cosine to 0, per batch), &gt; 0.</param>
/// <param name="Batch">Batch size, ≥ 1.</param>
/// <param name="Seed">Seed of the head's weights and the shuffles.</param>
/// <param name="TuneBlocks">Residual blocks fine-tuned in phase 2, counted from the end (ML.NET's ResNet18.onnx, 9 blocks: 2 = the last two, 512 channels at 1/32 of the input side; 3 = the last stage; 5 = the last two stages), 1…8.</param>
/// <param name="LabelSmoothing">Label smoothing of the training loss, in [0, 1).</param>
/// <param name="WarmupEpochs">Epochs of phase 2 over which the rate rises linearly from 0 (per batch), in [0, TuneEpochs].</param>
/// <param name="EvalViews">Views of each valid/test image stacked view-major in their tensors (e.g. 2: image and mirror); predictions average their softmax; ≥ 1.</param>
public sealed record FineTuneOptions(int HeadEpochs = 30, int TuneEpochs = 6, double HeadRate = 1e-3, double TuneRate = 1e-4, int Batch = 32, long Seed = 0,
    int TuneBlocks = 2, double LabelSmoothing = 0, int WarmupEpochs = 0, int EvalViews = 1);

/// <summary>
/// Transfer learning on an imported backbone (e.g. ResNet18.onnx): features before the last blocks are computed once
/// (frozen, eval mode; for the training images of as many augmented views as the caller made, see <see cref="TransferViews"/>),
/// then phase 1 trains a linear head on the pooled backbone output and phase 2 fine-tunes the last blocks together with the
/// head (batch-norm statistics kept frozen). Valid/test predictions average the softmax over their views.
/// </summary>
public sealed class FineTuner(OnnxGraphModule backbone, int classes, FineTuneOptions options)
{
    private Linear head = Linear(512, classes);
    private optim.Optimizer? _optimizer;
    private byte[]? _restoredOptimizer;
    private int _resumeAfter; // epochs a restored checkpoint holds; 0: the next Fit starts afresh

    /// <summary>Every epoch of both phases, numbered on (restored ones included).</summary>
    public List<DeepEpoch> History { get; } = [];

    /// <summary>The run's settings.</summary>
    public FineTuneOptions Options => options;

    /// <summary>Classes of the head.</summary>
    public int Classes => classes;

    /// <summary>What training changes, in a fixed order: the head's weight and bias, then the fine-tuned blocks' parameters (checkpoints).</summary>
    internal IEnumerable<Tensor> TrainedParameters => head.parameters().Concat(backbone.ParametersAfter(Cut));

    /// <summary>The optimizer of the phase now running (null before <see cref="Fit"/>), whose state goes into checkpoints.</summary>
    internal optim.Optimizer? Optimizer => _optimizer;

    /// <summary>Replaces the history (resuming) and keeps the saved optimizer state until the phase it belongs to makes its optimizer.</summary>
    internal void Restore(IEnumerable<DeepEpoch> history, IEnumerable<(double Valid, double Test)> firstView, byte[]? optimizerState)
    {
        History.Clear();
        History.AddRange(history);
        FirstViewAccuracies.Clear();
        FirstViewAccuracies.AddRange(firstView);
        _restoredOptimizer = optimizerState;
        _resumeAfter = History.Count;
    }

    /// <summary>Per epoch of <see cref="History"/>, the valid and test accuracy of the first view alone (no test-time views).</summary>
    public List<(double Valid, double Test)> FirstViewAccuracies { get; } = [];

    /// <summary>Where the fine-tuned blocks start: the output of the (2·TuneBlocks + 1)-th last ReLU (ResNet18.onnx, 2 blocks: the output of its 7th block).</summary>
    public string Cut => backbone.OutputsOf("Relu")[^((2 * options.TuneBlocks) + 1)];

    /// <summary>The cached input of the last block for a batch of network inputs (eval, no gradients).</summary>
    public Tensor Features(Tensor inputs, int chunk = 32)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        backbone.eval();
        var parts = new List<Tensor>();
        using (no_grad())
        {
            for (long s = 0; s < inputs.shape[0]; s += chunk)
            {
                using var x = inputs.narrow(0, s, Math.Min(chunk, inputs.shape[0] - s));
                parts.Add(backbone.Run(backbone.InputName, x, Cut));
            }
        }

        var all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return all;
    }

    /// <summary>
    /// Runs both phases on cached block inputs (train: its views stacked; valid, when given, and test: <see cref="FineTuneOptions.EvalViews"/>
    /// views stacked view-major) and their labels; <paramref name="onEpoch"/> sees every epoch (save checkpoints there). After
    /// <see cref="FineTuneCheckpoint.Load"/> it trains only the epochs left, and ends bit-identical to an uninterrupted run:
    /// the shuffles and rates depend only on (seed, epoch). Returns the final test accuracy.
    /// </summary>
    public double Fit(LabelledTensors train, LabelledTensors? valid, LabelledTensors test, Action<string, DeepEpoch>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        int done = _resumeAfter;
        _resumeAfter = 0;
        if (done == 0)
        {
            manual_seed(options.Seed);
            head.Dispose();
            head = Linear(512, classes);
        }

        // Phase 1: the backbone's pooled output is fixed, so it is computed once.
        if (done < options.HeadEpochs)
        {
            using var pooledTrain = Pooled(train.Images);
            using var pooledValid = valid is null ? null : Pooled(valid.Images);
            using var pooledTest = Pooled(test.Images);
            using var opt = Resumed(optim.Adam(head.parameters(), options.HeadRate, weight_decay: 1e-4), done > 0);
            var phase = new LabelledTensors(pooledTrain.alias(), train.Labels.alias());
            for (int e = done; e < options.HeadEpochs; e++)
            {
                var (loss, acc, seconds) = Epoch(x => head.forward(x.flatten(1)), phase, opt, e, trainBackbone: false, _ => options.HeadRate);
                Record("head", onEpoch, loss, acc, seconds, x => head.forward(x.flatten(1)), pooledValid, valid?.Labels, pooledTest, test.Labels, options.HeadRate);
            }
        }

        // Phase 2: the last blocks and the head, from the cached block inputs; the rate warms up, then follows a cosine, per batch.
        var parameters = backbone.ParametersAfter(Cut).Concat(head.parameters()).ToList();
        using var tune = Resumed(optim.Adam(parameters, options.TuneRate, weight_decay: 1e-4), done > options.HeadEpochs);
        Func<Tensor, Tensor> tail = x =>
        {
            using var pooled = backbone.Run(Cut, x, backbone.OutputName);
            return head.forward(pooled.flatten(1));
        };
        int batches = (train.Count + options.Batch - 1) / options.Batch;
        for (int e = Math.Max(0, done - options.HeadEpochs); e < options.TuneEpochs; e++)
        {
            int first = e * batches;
            var (loss, acc, seconds) = Epoch(tail, train, tune, e, trainBackbone: true, b => TuneRateAt(first + b, batches));
            Record("tune", onEpoch, loss, acc, seconds, tail, valid?.Images, valid?.Labels, test.Images, test.Labels, TuneRateAt(first, batches));
        }

        return History.Count == 0 ? double.NaN : History[^1].TestAccuracy;
    }

    /// <summary>
    /// The softmax of every view of <paramref name="data"/> (cached block inputs, <see cref="FineTuneOptions.EvalViews"/> views
    /// stacked view-major) under the current model (the last blocks and the head), saved as split <paramref name="name"/>.
    /// </summary>
    public SplitProbabilities Probabilities(string name, LabelledTensors data)
    {
        ArgumentNullException.ThrowIfNull(data);
        head.eval();
        backbone.eval();
        using var _ = no_grad();
        int views = options.EvalViews, n = data.Count / views;
        if (n * views != data.Count)
        {
            throw new ArgumentException($"{data.Count} samples are not {views} views.", nameof(data));
        }

        var values = new List<float>(data.Count * classes);
        for (long s = 0; s < data.Count; s += 64)
        {
            using var scope = NewDisposeScope();
            var x = data.Images.narrow(0, s, Math.Min(64, data.Count - s));
            using var pooled = backbone.Run(Cut, x, backbone.OutputName);
            values.AddRange(functional.softmax(head.forward(pooled.flatten(1)), 1).data<float>());
        }

        int[] labels = [.. data.Labels.narrow(0, 0, n).data<long>().ToArray().Select(l => (int)l)];
        return new SplitProbabilities(name, labels, views, classes, [.. values]);
    }

    /// <summary>The running phase's optimizer, given the restored state when the run resumes inside its phase.</summary>
    private optim.Optimizer Resumed(optim.Optimizer optimizer, bool inPhase)
    {
        if (inPhase && _restoredOptimizer is not null)
        {
            using var reader = new BinaryReader(new MemoryStream(_restoredOptimizer));
            ((OptimizerHelper)optimizer).load_state_dict(reader);
        }

        _restoredOptimizer = null;
        _optimizer = optimizer;
        return optimizer;
    }

    /// <summary>Phase 2's learning rate at 0-based batch <paramref name="step"/> of a run with <paramref name="batches"/> ≥ 1 batches an epoch.</summary>
    public double TuneRateAt(int step, int batches)
    {
        int warm = options.WarmupEpochs * batches, total = options.TuneEpochs * batches;
        return step < warm
            ? options.TuneRate * (step + 1) / warm
            : options.TuneRate * 0.5 * (1 + Math.Cos(Math.PI * (step - warm) / Math.Max(1, total - warm)));
    }

    private Tensor Pooled(Tensor blockInputs)
    {
        using var _ = no_grad();
        backbone.eval();
        var parts = new List<Tensor>();
        for (long s = 0; s < blockInputs.shape[0]; s += 64)
        {
            using var x = blockInputs.narrow(0, s, Math.Min(64, blockInputs.shape[0] - s));
            parts.Add(backbone.Run(Cut, x, backbone.OutputName));
        }

        var all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return all;
    }

    private (double Loss, double Accuracy, double Seconds) Epoch(Func<Tensor, Tensor> forward, LabelledTensors data, optim.Optimizer opt, int epoch, bool trainBackbone, Func<int, double> rate)
    {
        var clock = Stopwatch.StartNew();
        backbone.eval(); // batch-norm statistics stay those of ImageNet
        head.train();
        int n = data.Count;
        int[] order = new Numerics.SeededRandom(options.Seed + 17 + epoch + (trainBackbone ? 1000 : 0)).Permutation(n);
        double lossSum = 0;
        long correct = 0;
        for (int s = 0; s < n; s += options.Batch)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(options.Batch, n - s);
            var index = tensor(order.AsSpan(s, count).ToArray().Select(i => (long)i).ToArray());
            var x = data.Images.index_select(0, index);
            var y = data.Labels.index_select(0, index);
            opt.ParamGroups.First().LearningRate = rate(s / options.Batch);
            opt.zero_grad();
            var logits = forward(x);
            var loss = functional.cross_entropy(logits, y, label_smoothing: options.LabelSmoothing);
            loss.backward();
            opt.step();
            lossSum += loss.item<float>() * count;
            correct += logits.argmax(1).eq(y).sum().item<long>();
        }

        return (lossSum / n, (double)correct / n, clock.Elapsed.TotalSeconds);
    }

    private void Record(string phase, Action<string, DeepEpoch>? onEpoch, double loss, double acc, double seconds, Func<Tensor, Tensor> forward,
        Tensor? validX, Tensor? validY, Tensor testX, Tensor testY, double rate)
    {
        var (vl, va, va1) = validX is null || validY is null ? (double.NaN, double.NaN, double.NaN) : Evaluate(forward, validX, validY);
        var (tl, ta, ta1) = Evaluate(forward, testX, testY);
        var epoch = new DeepEpoch(History.Count + 1, loss, acc, vl, va, tl, ta, rate, seconds);
        History.Add(epoch);
        FirstViewAccuracies.Add((va1, ta1));
        onEpoch?.Invoke(phase, epoch);
    }

    /// <summary>Loss and accuracy of the view-averaged softmax, and the accuracy of the first view alone.</summary>
    private (double Loss, double Accuracy, double FirstView) Evaluate(Func<Tensor, Tensor> forward, Tensor x, Tensor y)
    {
        head.eval();
        backbone.eval();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        long all = x.shape[0], views = options.EvalViews, n = all / views;
        if (n * views != all || y.shape[0] != all)
        {
            throw new ArgumentException($"{all} evaluation samples are not {views} views of {y.shape[0] / Math.Max(1, views)} images.", nameof(x));
        }

        var parts = new List<Tensor>();
        for (long s = 0; s < all; s += 64)
        {
            using var chunk = NewDisposeScope();
            parts.Add(functional.softmax(forward(x.narrow(0, s, Math.Min(64, all - s))), 1).MoveToOuterDisposeScope());
        }

        var probabilities = cat(parts, 0).view(views, n, -1);
        var labels = y.narrow(0, 0, n);
        var mean = probabilities.mean([0]);
        double loss = n == 0 ? double.NaN : -mean.gather(1, labels.unsqueeze(1)).clamp_min(1e-12).log().mean().item<float>();
        double accuracy = (double)mean.argmax(1).eq(labels).sum().item<long>() / n;
        double first = (double)probabilities[0].argmax(1).eq(labels).sum().item<long>() / n;
        return (loss, accuracy, first);
    }
}
