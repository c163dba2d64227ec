using Scrawl.NeuralNet.Layers;

namespace Scrawl.NeuralNet.Serialization;

/// <summary>
/// Turns a <see cref="Model"/> into the bytes of a model file and back (layout: see <see cref="ModelFile"/>).
/// The caller checks magic, version, length and checksum before <see cref="ReadBody"/>.
/// </summary>
internal static class ModelFileCodec
{
    /// <summary>Bytes before the body: magic (8), version (4), total length (8).</summary>
    public const int HeaderBytes = 20;

    /// <summary>Bytes of the trailing CRC-32.</summary>
    public const int ChecksumBytes = 4;

    /// <summary>The complete file for <paramref name="model"/>, checksum included.</summary>
    public static byte[] Write(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Network);
        ArgumentNullException.ThrowIfNull(model.Metadata);
        if (!ModelHead.IsKnown(model.Head))
        {
            throw new ArgumentException($"Unknown head '{model.Head}'; use one of: {string.Join(", ", ModelHead.All)}.", nameof(model));
        }

        var network = model.Network;
        using var w = new ModelFileWriter();
        w.WriteBytes(ModelFile.Magic);
        w.WriteUInt32(ModelFile.FormatVersion);
        w.WriteUInt64(0); // total length, patched below
        w.WriteString(model.Head);
        w.WriteCount(network.InputFeatures);
        w.WriteCount(network.Layers.Count);
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            var codec = ModelFileLayers.Find(layer.Kind) ?? throw new NotSupportedException(
                $"Layer {i} has kind '{layer.Kind}', which model files cannot store yet (known kinds: {ModelFileLayers.KnownKinds}).");
            w.WriteString(layer.Kind);
            w.WriteBlock(block => codec.WriteConfig(layer, block));
        }

        WriteMetadata(w, model.Metadata);
        var parameters = ExpectedParameters(network);
        w.WriteCount(parameters.Count);
        foreach (var (name, parameter) in parameters)
        {
            var value = parameter.Value;
            w.WriteString(name);
            w.WriteCount(value.Rank);
            foreach (int d in value.Shape)
            {
                w.WriteCount(d);
            }

            w.WriteFloats(value.Span);
        }

        w.PatchUInt64(12, (ulong)(w.Position + ChecksumBytes));
        w.WriteUInt32(Crc32.Compute(w.Written));
        return w.Written.ToArray();
    }

    /// <summary>Parses the body of a complete, checksum-verified file.</summary>
    public static Model ReadBody(byte[] file, string source)
    {
        var r = new ModelFileReader(file, HeaderBytes, file.Length - ChecksumBytes, source);
        string head = r.ReadString("the head");
        if (!ModelHead.IsKnown(head))
        {
            throw new InvalidDataException($"{source}: unknown head '{head}' (this build knows: {string.Join(", ", ModelHead.All)}).");
        }

        int inputs = r.ReadInt("the input feature count", 1, ModelFileLayers.MaxFeatures);
        int layerCount = r.ReadCount("the layer count", 8);
        if (layerCount == 0)
        {
            throw r.Malformed("the network has no layers");
        }

        var layers = new ILayer[layerCount];
        for (int i = 0; i < layerCount; i++)
        {
            string kind = r.ReadString($"layer {i}'s kind");
            var codec = ModelFileLayers.Find(kind) ?? throw new InvalidDataException(
                $"{source}: layer {i} has unknown kind '{kind}' (this build knows: {ModelFileLayers.KnownKinds}); the file may come from a newer Scrawl.");
            var block = r.ReadBlock($"layer {i}'s configuration");
            layers[i] = codec.Create(block);
            block.ExpectEnd($"layer {i}'s ('{kind}') configuration");
        }

        Sequential network;
        try
        {
            network = new Sequential(inputs, layers);
        }
        catch (ArgumentException e)
        {
            throw r.Malformed($"the layers do not fit together ({e.Message})");
        }

        var metadata = ReadMetadata(r);
        ReadParameters(r, network);
        r.ExpectEnd("the last parameter");
        return new Model(network, head, metadata);
    }

    /// <summary>Every parameter with its file name "LAYER.NAME" (e.g. "0.weight"), first layer first.</summary>
    private static List<(string Name, Parameter Parameter)> ExpectedParameters(Sequential network)
    {
        var result = new List<(string, Parameter)>();
        for (int i = 0; i < network.Layers.Count; i++)
        {
            foreach (var p in network.Layers[i].Parameters)
            {
                result.Add(($"{i}.{p.Name}", p));
            }
        }

        return result;
    }

    private static void WriteMetadata(ModelFileWriter w, IReadOnlyDictionary<string, string> metadata)
    {
        var keys = metadata.Keys.Order(StringComparer.Ordinal).ToList(); // sorted: identical models give identical files
        w.WriteCount(keys.Count);
        foreach (string key in keys)
        {
            if (string.IsNullOrEmpty(key) || metadata[key] is null)
            {
                throw new ArgumentException("Metadata keys must be non-empty and values non-null.", nameof(metadata));
            }

            w.WriteString(key);
            w.WriteString(metadata[key]);
        }
    }

    private static Dictionary<string, string> ReadMetadata(ModelFileReader r)
    {
        int count = r.ReadCount("the metadata entry count", 8);
        var metadata = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = r.ReadString($"metadata key {i}");
            string value = r.ReadString($"metadata value '{key}'");
            if (key.Length == 0 || !metadata.TryAdd(key, value))
            {
                throw r.Malformed($"metadata key {i} ('{key}') is empty or repeated");
            }
        }

        return metadata;
    }

    private static void ReadParameters(ModelFileReader r, Sequential network)
    {
        var expected = ExpectedParameters(network);
        int count = r.ReadCount("the parameter count", 12);
        if (count != expected.Count)
        {
            throw r.Malformed($"the file has {count} parameter tensors but its architecture has {expected.Count}");
        }

        Span<int> dims = stackalloc int[4];
        foreach (var (name, parameter) in expected)
        {
            string found = r.ReadString("a parameter name");
            if (found != name)
            {
                throw r.Malformed($"found parameter '{found}' where the architecture expects '{name}'");
            }

            int rank = r.ReadInt($"the rank of '{name}'", 1, 4);
            for (int d = 0; d < rank; d++)
            {
                dims[d] = r.ReadInt($"a dimension of '{name}'", 0, int.MaxValue);
            }

            var value = parameter.Value;
            if (!dims[..rank].SequenceEqual(value.Shape))
            {
                throw r.Malformed($"parameter '{name}' has shape [{string.Join(", ", dims[..rank].ToArray())}] but the architecture needs [{value.ShapeText}]");
            }

            r.ReadFloats(value.Span, $"the values of '{name}'");
        }
    }
}
