using Scrawl.NeuralNet.Layers;

namespace Scrawl.NeuralNet.Serialization;

/// <summary>
/// How one layer kind is stored in a model file: <see cref="WriteConfig"/> writes the layer's
/// configuration (sizes, options; not its parameters), <see cref="Create"/> reads it back and
/// builds a layer with freshly allocated parameters, which the file's parameter section then fills.
/// </summary>
internal sealed record LayerCodec(string Kind, Action<ILayer, ModelFileWriter> WriteConfig, Func<ModelFileReader, ILayer> Create);

/// <summary>
/// The registry of layer kinds model files can store, keyed by <see cref="ILayer.Kind"/>. Supporting
/// a new kind is one entry here: a codec that writes its configuration and rebuilds it.
/// </summary>
internal static class ModelFileLayers
{
    /// <summary>The largest dense layer side accepted when reading (guards against absurd sizes).</summary>
    public const int MaxFeatures = 1 << 24;

    private static readonly Dictionary<string, LayerCodec> Codecs = new LayerCodec[]
    {
        new("dense", WriteDense, ReadDense),
        Parameterless("sigmoid", () => new Sigmoid()),
        Parameterless("tanh", () => new Tanh()),
        Parameterless("relu", () => new Relu()),
        Parameterless("softmax", () => new Softmax()),
    }.ToDictionary(c => c.Kind, StringComparer.Ordinal);

    /// <summary>The kinds this build can store, sorted, for error messages.</summary>
    public static string KnownKinds => string.Join(", ", Codecs.Keys.Order(StringComparer.Ordinal));

    /// <summary>The codec for <paramref name="kind"/>, or null when model files cannot store it.</summary>
    public static LayerCodec? Find(string kind) => Codecs.GetValueOrDefault(kind);

    private static LayerCodec Parameterless(string kind, Func<ILayer> create) => new(kind, (_, _) => { }, _ => create());

    private static void WriteDense(ILayer layer, ModelFileWriter writer)
    {
        var dense = (Dense)layer;
        writer.WriteCount(dense.Inputs);
        writer.WriteCount(dense.Outputs);
    }

    private static Dense ReadDense(ModelFileReader reader)
    {
        int inputs = reader.ReadInt("a dense layer's input count", 1, MaxFeatures);
        int outputs = reader.ReadInt("a dense layer's output count", 1, MaxFeatures);

        // Its weights must still be in the file, so a damaged size cannot make us allocate gigabytes.
        reader.EnsureFits((long)inputs * outputs, $"a dense {inputs}×{outputs} layer's weights");
        return new Dense(inputs, outputs);
    }
}
