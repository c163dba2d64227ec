using System.Diagnostics;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Training;

/// <summary>
/// Mini-batch training of a <see cref="Sequential"/> network: a seeded shuffle per epoch, forward,
/// loss, backward, optimizer step. Batch buffers are allocated once, so the loop does not allocate.
/// Progress is reported through a callback; the engine never prints.
/// </summary>
public sealed class Trainer
{
    private readonly Sequential _network;
    private readonly ILoss _loss;
    private readonly IOptimizer _optimizer;
    private readonly TrainingOptions _options;
    private SeededRandom _shuffle;
    private readonly Tensor _gradient = new(1, 1);
    private readonly float _baseRate;

    /// <summary>Creates a trainer; the options are validated here.</summary>
    public Trainer(Sequential network, ILoss loss, IOptimizer optimizer, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _network = network;
        _loss = loss;
        _optimizer = optimizer;
        _options = options;
        _shuffle = new SeededRandom(options.Seed);
        _baseRate = optimizer.LearningRate;
    }

    /// <summary>Epochs completed so far by this trainer (restored by <see cref="Restore"/>).</summary>
    public int EpochsDone { get; private set; }

    /// <summary>
    /// What a checkpoint must hold besides the weights and the optimizer's state to continue this run
    /// exactly: the epochs done and the shuffle generator's state.
    /// </summary>
    public TrainerState CaptureState() => new(EpochsDone, _shuffle.GetState());

    /// <summary>Continues from a captured state: Fit then runs only the remaining epochs.</summary>
    public void Restore(TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.EpochsDone < 0 || state.EpochsDone > _options.Epochs)
        {
            throw new ArgumentOutOfRangeException(nameof(state), $"A checkpoint after epoch {state.EpochsDone} does not fit a run of {_options.Epochs} epochs.");
        }

        _shuffle = SeededRandom.FromState(state.ShuffleState);
        EpochsDone = state.EpochsDone;
    }

    /// <summary>
    /// Trains for the configured epochs on inputs [N × features] and targets [N × outputs]
    /// (one-hot rows for classification); validation data is optional. Calls
    /// <paramref name="onEpoch"/> after each epoch. Throws <see cref="TrainingDivergedException"/>
    /// when the loss stops being finite.
    /// </summary>
    public IReadOnlyList<EpochMetrics> Fit(
        Tensor trainInputs, Tensor trainTargets, Tensor? validInputs = null, Tensor? validTargets = null,
        Action<EpochMetrics>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        CheckPair(trainInputs, trainTargets, nameof(trainInputs));
        return Fit(_ => (trainInputs, trainTargets), validInputs, validTargets, onEpoch, cancellationToken);
    }

    /// <summary>
    /// Like the fixed-data overload, but asks <paramref name="epochData"/> for each epoch's training inputs and
    /// targets (argument: the 1-based epoch number), e.g. freshly sampled and augmented data. For an exact
    /// resume the function must depend only on the epoch number (and its own seed).
    /// </summary>
    public IReadOnlyList<EpochMetrics> Fit(
        Func<int, (Tensor Inputs, Tensor Targets)> epochData, Tensor? validInputs = null, Tensor? validTargets = null,
        Action<EpochMetrics>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(epochData);
        if ((validInputs is null) != (validTargets is null))
        {
            throw new ArgumentException("Give both validation inputs and targets, or neither.", nameof(validInputs));
        }

        if (validInputs is not null)
        {
            CheckPair(validInputs, validTargets!, nameof(validInputs));
        }

        var history = new List<EpochMetrics>(_options.Epochs);
        BatchBuffers? batch = null;
        var fused = _options.FuseUpdates ? _optimizer as IProductStep : null;
        try
        {
            foreach (var p in _network.Parameters)
            {
                p.FusedStep = fused;
                p.StepApplied = false;
            }

            while (EpochsDone < _options.Epochs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (x, y) = epochData(EpochsDone + 1);
                CheckPair(x, y, nameof(epochData));
                batch ??= new BatchBuffers(x, y, _options.BatchSize);
                _network.SetTraining(true); // dropout on, batch statistics (Evaluate switches back)
                var metrics = RunEpoch(x, y, validInputs, validTargets, batch);
                history.Add(metrics);
                onEpoch?.Invoke(metrics);
            }
        }
        finally
        {
            _network.SetTraining(false);
            _optimizer.LearningRate = _baseRate;
            foreach (var p in _network.Parameters)
            {
                p.FusedStep = null;
                p.StepApplied = false;
            }
        }

        return history;
    }

    private EpochMetrics RunEpoch(Tensor x, Tensor y, Tensor? vx, Tensor? vy, BatchBuffers batch)
    {
        var clock = Stopwatch.StartNew();
        int epoch = EpochsDone + 1;
        int n = x.Rows;
        int[] order = _options.Shuffle ? _shuffle.Permutation(n) : Enumerable.Range(0, n).ToArray();
        bool classify = _loss is SoftmaxCrossEntropy;
        double totalLoss = 0;
        long correct = 0;
        for (int start = 0; start < n; start += _options.BatchSize)
        {
            int count = Math.Min(_options.BatchSize, n - start);
            if (_options.Schedule is { } schedule)
            {
                double progress = (EpochsDone + ((double)start / n)) / _options.Epochs;
                _optimizer.LearningRate = Math.Max(float.Epsilon, (float)(_baseRate * schedule.Factor(progress)));
            }

            var (output, by) = ForwardBatch(x, y, order.AsSpan(start, count), batch);
            totalLoss += _loss.Compute(output, by, _gradient, _options.Reduction);
            if (classify)
            {
                correct += SoftmaxCrossEntropy.CountCorrect(output, by);
            }

            _network.Backward(_gradient);
            _optimizer.Step(_network.Parameters);
        }

        if (!double.IsFinite(totalLoss))
        {
            throw new TrainingDivergedException(epoch);
        }

        var (validLoss, validAccuracy) = vx is null ? (double.NaN, double.NaN) : Evaluate(vx, vy!);
        EpochsDone = epoch;
        return new EpochMetrics(epoch, totalLoss / n, classify ? (double)correct / n : double.NaN, validLoss, validAccuracy, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Forward on the batch of rows <paramref name="rows"/> of x; returns the output and the gathered
    /// targets. A row-selecting first layer (e.g. Dense) reads its rows straight from x (no copy of the inputs).
    /// </summary>
    private (Tensor Output, Tensor Targets) ForwardBatch(Tensor x, Tensor y, ReadOnlySpan<int> rows, BatchBuffers batch)
    {
        var layers = _network.Layers;
        if (layers[0] is not IRowSelectingLayer first)
        {
            var (bx, by) = batch.Gather(x, y, rows);
            return (_network.Forward(bx), by);
        }

        var output = first.ForwardRows(x, rows);
        for (int i = 1; i < layers.Count; i++)
        {
            output = layers[i].Forward(output);
        }

        return (output, batch.GatherTargets(y, rows));
    }

    /// <summary>Mean loss per sample and accuracy (NaN unless classifying) on a data set with the current weights, in inference mode.</summary>
    public (double Loss, double Accuracy) Evaluate(Tensor inputs, Tensor targets)
    {
        _network.SetTraining(false);
        CheckPair(inputs, targets, nameof(inputs));
        var output = _network.Forward(inputs);
        double loss = _loss.Compute(output, targets, null, Reduction.Sum) / inputs.Rows;
        double accuracy = _loss is SoftmaxCrossEntropy
            ? (double)SoftmaxCrossEntropy.CountCorrect(output, targets) / inputs.Rows
            : double.NaN;
        return (loss, accuracy);
    }

    private void CheckPair(Tensor inputs, Tensor targets, string name)
    {
        ArgumentNullException.ThrowIfNull(inputs, name);
        ArgumentNullException.ThrowIfNull(targets, name);
        if (inputs.Rank != 2 || inputs.Dim(1) != _network.InputFeatures)
        {
            throw new ArgumentException($"Inputs must be [N, {_network.InputFeatures}], got [{inputs.ShapeText}].", name);
        }

        if (targets.Rank != 2 || targets.Rows != inputs.Rows || targets.Dim(1) != _network.OutputFeatures)
        {
            throw new ArgumentException($"Targets must be [{inputs.Rows}, {_network.OutputFeatures}], got [{targets.ShapeText}].", name);
        }

        if (inputs.Rows == 0)
        {
            throw new ArgumentException("The data set is empty.", name);
        }
    }
}
