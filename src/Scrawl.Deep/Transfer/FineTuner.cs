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
/// <param name="TuneEpochs">Epochs of phase 2 (last block + head on cached features before it), ≥ 0.</param>
/// <param name="HeadRate">Adam learning rate of phase 1, &gt; 0.</param>
/// <param name="TuneRate">Adam learning rate of phase 2 (cosine to 0), &gt; 0.</param>
/// <param name="Batch">Batch size, ≥ 1.</param>
/// <param name="Seed">Seed of the head's weights and the shuffles.</param>
public sealed record FineTuneOptions(int HeadEpochs = 30, int TuneEpochs = 6, double HeadRate = 1e-3, double TuneRate = 1e-4, int Batch = 32, long Seed = 0);

/// <summary>
/// Transfer learning on an imported backbone (e.g. ResNet18.onnx): features before the last block are computed once
/// (frozen, eval mode; each training image also flipped left-right as augmentation), then phase 1 trains a linear head
/// on the pooled backbone output and phase 2 fine-tunes the last block together with the head (batch-norm statistics
/// kept frozen).
/// </summary>
public sealed class FineTuner(OnnxGraphModule backbone, int classes, FineTuneOptions options)
{
    private Linear head = Linear(512, classes);

    /// <summary>Every epoch of both phases, numbered on.</summary>
    public List<DeepEpoch> History { get; } = [];

    /// <summary>Where the last block starts: the output of the fifth-last ReLU (ResNet18: the end of stage 3).</summary>
    public string Cut => backbone.OutputsOf("Relu")[^5];

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
    /// Runs both phases on cached last-block inputs (train: [2N × …] with flips; valid and test: [N × …]) and their labels;
    /// <paramref name="onEpoch"/> sees every epoch. Returns the final test accuracy.
    /// </summary>
    public double Fit(LabelledTensors train, LabelledTensors valid, LabelledTensors test, Action<string, DeepEpoch>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        manual_seed(options.Seed);
        head.Dispose();
        head = Linear(512, classes);
        // Phase 1: the backbone's pooled output is fixed, so it is computed once.
        using (var pooledTrain = Pooled(train.Images))
        using (var pooledValid = Pooled(valid.Images))
        using (var pooledTest = Pooled(test.Images))
        {
            using var opt = optim.Adam(head.parameters(), options.HeadRate, weight_decay: 1e-4);
            var phase = new LabelledTensors(pooledTrain.alias(), train.Labels.alias());
            for (int e = 0; e < options.HeadEpochs; e++)
            {
                var (loss, acc, seconds) = Epoch(x => head.forward(x.flatten(1)), phase, opt, e, trainBackbone: false);
                Record("head", onEpoch, loss, acc, seconds, x => head.forward(x.flatten(1)), pooledValid, valid.Labels, pooledTest, test.Labels, options.HeadRate);
            }
        }

        // Phase 2: the last block and the head, from the cached block inputs.
        var parameters = backbone.ParametersAfter(Cut).Concat(head.parameters()).ToList();
        using var tune = optim.Adam(parameters, options.TuneRate, weight_decay: 1e-4);
        Func<Tensor, Tensor> tail = x =>
        {
            using var pooled = backbone.Run(Cut, x, backbone.OutputName);
            return head.forward(pooled.flatten(1));
        };
        for (int e = 0; e < options.TuneEpochs; e++)
        {
            double rate = options.TuneRate * 0.5 * (1 + Math.Cos(Math.PI * e / options.TuneEpochs));
            tune.ParamGroups.First().LearningRate = rate;
            var (loss, acc, seconds) = Epoch(tail, train, tune, e, trainBackbone: true);
            Record("tune", onEpoch, loss, acc, seconds, tail, valid.Images, valid.Labels, test.Images, test.Labels, rate);
        }

        return History.Count == 0 ? double.NaN : History[^1].TestAccuracy;
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

    private (double Loss, double Accuracy, double Seconds) Epoch(Func<Tensor, Tensor> forward, LabelledTensors data, optim.Optimizer opt, int epoch, bool trainBackbone)
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
            opt.zero_grad();
            var logits = forward(x);
            var loss = functional.cross_entropy(logits, y);
            loss.backward();
            opt.step();
            lossSum += loss.item<float>() * count;
            correct += logits.argmax(1).eq(y).sum().item<long>();
        }

        return (lossSum / n, (double)correct / n, clock.Elapsed.TotalSeconds);
    }

    private void Record(string phase, Action<string, DeepEpoch>? onEpoch, double loss, double acc, double seconds, Func<Tensor, Tensor> forward,
        Tensor validX, Tensor validY, Tensor testX, Tensor testY, double rate)
    {
        var (vl, va) = Evaluate(forward, validX, validY);
        var (tl, ta) = Evaluate(forward, testX, testY);
        var epoch = new DeepEpoch(History.Count + 1, loss, acc, vl, va, tl, ta, rate, seconds);
        History.Add(epoch);
        onEpoch?.Invoke(phase, epoch);
    }

    private (double Loss, double Accuracy) Evaluate(Func<Tensor, Tensor> forward, Tensor x, Tensor y)
    {
        head.eval();
        backbone.eval();
        using var _ = no_grad();
        double lossSum = 0;
        long correct = 0;
        long n = x.shape[0];
        for (long s = 0; s < n; s += 64)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(64, n - s);
            var logits = forward(x.narrow(0, s, count));
            var labels = y.narrow(0, s, count);
            lossSum += functional.cross_entropy(logits, labels, reduction: Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(labels).sum().item<long>();
        }

        return (lossSum / n, (double)correct / n);
    }
}
