using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics.Formats;

namespace Scrawl.NeuralNet.Serialization;

/// <summary>
/// Builds a <see cref="Sequential"/> multilayer perceptron from an .npz of numpy weights, as saved by
/// the seed-style numpy code: for each layer NAME a weight <c>WNAME</c> (inputs × outputs) and a bias
/// <c>bNAME</c> (outputs, or 1 × outputs), float32 or float64. The network is
/// Dense → activation → … → Dense (the last layer gives logits; no activation after it), with
/// weights converted to float32. The reference NIST36 model has layers "layer1" and "output".
/// </summary>
public static class ReferenceModelImporter
{
    /// <summary>The layer names of ../shared/models/nist36-mlp-reference.npz, first to last.</summary>
    public static IReadOnlyList<string> Nist36LayerNames { get; } = ["layer1", "output"];

    /// <summary>
    /// Loads the .npz at <paramref name="path"/>. <paramref name="layerNames"/> gives the layer order
    /// (null: the archive order of the W keys, which numpy.savez keeps from its keyword order);
    /// <paramref name="hiddenActivation"/> makes the layer between dense layers (null: sigmoid).
    /// </summary>
    public static Sequential ImportMlp(string path, IReadOnlyList<string>? layerNames = null, Func<ILayer>? hiddenActivation = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return ImportMlp(stream, path, layerNames, hiddenActivation);
    }

    /// <summary>As <see cref="ImportMlp(string, IReadOnlyList{string}?, Func{ILayer}?)"/> from a stream; <paramref name="sourceName"/> names it in errors.</summary>
    public static Sequential ImportMlp(Stream stream, string sourceName, IReadOnlyList<string>? layerNames = null, Func<ILayer>? hiddenActivation = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var entries = NpzReader.ReadEntries(stream, sourceName);
        var arrays = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var names = layerNames ?? [.. entries.Select(e => e.Key).Where(k => k.Length > 1 && k[0] == 'W').Select(k => k[1..])];
        if (names.Count == 0)
        {
            throw new InvalidDataException($"{sourceName}: no weight arrays found (expected keys W<name> and b<name>; the archive has: {string.Join(", ", arrays.Keys)}).");
        }

        var layers = new List<ILayer>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        int inputs = 0;
        int features = 0;
        for (int i = 0; i < names.Count; i++)
        {
            string weightKey = "W" + names[i], biasKey = "b" + names[i];
            var weight = Get(arrays, weightKey, sourceName);
            var bias = Get(arrays, biasKey, sourceName);
            used.Add(weightKey);
            used.Add(biasKey);
            if (weight.Shape.Count != 2 || weight.Shape[0] < 1 || weight.Shape[1] < 1)
            {
                throw new InvalidDataException($"{sourceName}: key '{weightKey}' has shape ({weight.ShapeText}); a weight must be inputs × outputs.");
            }

            int rows = weight.Shape[0], cols = weight.Shape[1];
            bool biasFits = (bias.Shape.Count == 1 && bias.Shape[0] == cols) || (bias.Shape.Count == 2 && bias.Shape[0] == 1 && bias.Shape[1] == cols);
            if (!biasFits)
            {
                throw new InvalidDataException($"{sourceName}: key '{biasKey}' has shape ({bias.ShapeText}) but '{weightKey}' has {cols} outputs.");
            }

            if (i == 0)
            {
                inputs = rows;
            }
            else if (rows != features)
            {
                throw new InvalidDataException($"{sourceName}: key '{weightKey}' has {rows} inputs but the previous layer '{names[i - 1]}' gives {features} outputs.");
            }

            if (i > 0)
            {
                layers.Add(hiddenActivation?.Invoke() ?? new Sigmoid());
            }

            var dense = new Dense(rows, cols);
            weight.Data.CopyTo(dense.Weight.Value.Span);
            bias.Data.CopyTo(dense.Bias.Value.Span);
            layers.Add(dense);
            features = cols;
        }

        var unused = arrays.Keys.Where(k => !used.Contains(k) && k.Length > 1 && k[0] is 'W' or 'b').Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
        {
            throw new InvalidDataException($"{sourceName}: keys {string.Join(", ", unused)} belong to no listed layer ({string.Join(", ", names)}); pass all layer names.");
        }

        return new Sequential(inputs, [.. layers]);
    }

    private static NpyArray Get(Dictionary<string, NpyArray> arrays, string key, string source)
    {
        if (!arrays.TryGetValue(key, out var array))
        {
            throw new InvalidDataException($"{source}: key '{key}' is missing (the archive has: {string.Join(", ", arrays.Keys)}).");
        }

        if (array.IsInteger)
        {
            throw new InvalidDataException($"{source}: key '{key}' holds integers (dtype '{array.DType}'); weights must be float32 or float64.");
        }

        return array;
    }
}
