using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet;

/// <summary>
/// A chain of layers applied in order to batches of flat feature rows. The shapes are checked
/// when the network is built: each layer must accept the previous layer's output features.
/// </summary>
public sealed class Sequential
{
    private readonly ILayer[] _layers;
    private readonly Parameter[] _parameters;

    /// <summary>Builds a network taking <paramref name="inputFeatures"/> (≥ 1) features per sample.</summary>
    public Sequential(int inputFeatures, params ILayer[] layers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputFeatures, 1);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        if (layers.Distinct().Count() != layers.Length)
        {
            throw new ArgumentException("The same layer object appears twice; each position needs its own layer (layers own their buffers).", nameof(layers));
        }

        InputFeatures = inputFeatures;
        int features = inputFeatures;
        foreach (var layer in layers)
        {
            features = layer.OutputFeatures(features);
        }

        OutputFeatures = features;
        _layers = (ILayer[])layers.Clone();
        _parameters = [.. _layers.SelectMany(l => l.Parameters)];
    }

    /// <summary>
    /// The seed's classifier: in → hidden (sigmoid) → classes (logits; pair with softmax
    /// cross-entropy), Xavier-uniform weights from <paramref name="seed"/>, zero biases.
    /// </summary>
    public static Sequential Mlp(int inputs, int hidden, int classes, long seed)
    {
        var random = new SeededRandom(seed);
        return new Sequential(inputs, new Dense(inputs, hidden, random), new Sigmoid(), new Dense(hidden, classes, random));
    }

    /// <summary>Features each input row must have.</summary>
    public int InputFeatures { get; }

    /// <summary>Features of each output row.</summary>
    public int OutputFeatures { get; }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<ILayer> Layers => _layers;

    /// <summary>All trainable parameters, first layer first.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Total number of trainable scalars.</summary>
    public long ParameterCount => _parameters.Sum(p => (long)p.Value.Length);

    /// <summary>Runs the batch [rows × InputFeatures] through every layer; the result is owned by the last layer.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Dim(1) != InputFeatures)
        {
            throw new ArgumentException($"The network expects input [batch, {InputFeatures}], got [{input.ShapeText}].", nameof(input));
        }

        var x = input;
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <summary>
    /// The outputs [N × OutputFeatures] of every row of <paramref name="inputs"/> [N × InputFeatures] in a new tensor,
    /// evaluated in chunks of <paramref name="chunk"/> rows (≥ 1): small chunks keep a CNN's activations in cache,
    /// which is several times faster than one huge batch. Row results do not depend on the chunk size except
    /// through layers that mix rows (batch norm in training mode).
    /// </summary>
    public Tensor Predict(Tensor inputs, int chunk = 64)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        int features = inputs.RowLength;
        var result = new Tensor(inputs.Rows, OutputFeatures);
        for (int start = 0; start < inputs.Rows; start += chunk)
        {
            int count = Math.Min(chunk, inputs.Rows - start);
            var output = Forward(Tensor.FromSpan(inputs.Span.Slice(start * features, count * features), count, features));
            output.Span.CopyTo(result.Span.Slice(start * OutputFeatures, count * OutputFeatures));
        }

        return result;
    }

    /// <summary>
    /// The arg-max output (predicted class) of every row of <paramref name="inputs"/> [N × InputFeatures],
    /// evaluated in chunks of <paramref name="chunk"/> rows (≥ 1) so large sets need little memory.
    /// </summary>
    public int[] PredictClasses(Tensor inputs, int chunk = 1024)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        int features = inputs.RowLength;
        var predicted = new int[inputs.Rows];
        for (int start = 0; start < inputs.Rows; start += chunk)
        {
            int count = Math.Min(chunk, inputs.Rows - start);
            var batch = Tensor.FromSpan(inputs.Span.Slice(start * features, count * features), count, features);
            var output = Forward(batch);
            for (int r = 0; r < count; r++)
            {
                predicted[start + r] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(output.Row(r));
            }
        }

        return predicted;
    }

    /// <summary>
    /// Back-propagates dLoss/dOutput of the last Forward, setting every parameter's gradient. The
    /// first layer's input gradient is not computed unless <paramref name="needInputGradient"/>.
    /// </summary>
    public Tensor? Backward(Tensor outputGradient, bool needInputGradient = false)
    {
        Tensor? g = outputGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            bool need = i > 0 || needInputGradient;
            g = _layers[i].Backward(g!, need);
        }

        return g;
    }
}
