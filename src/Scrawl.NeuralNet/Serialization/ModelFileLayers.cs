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
        new("conv2d", WriteConv2D, ReadConv2D),
        new("maxpool2d", WriteMaxPool2D, ReadMaxPool2D),
        new("global_avg_pool", (layer, writer) => WriteImage(((GlobalAveragePool)layer).Input, writer), reader => new GlobalAveragePool(ReadImage(reader, "a global average pool's input"))),
        new("dropout", WriteDropout, ReadDropout),
        new("batchnorm2d", WriteBatchNorm2D, ReadBatchNorm2D),
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

    /// <summary>An image shape as three counts C, H, W.</summary>
    private static void WriteImage(ImageShape shape, ModelFileWriter writer)
    {
        writer.WriteCount(shape.Channels);
        writer.WriteCount(shape.Height);
        writer.WriteCount(shape.Width);
    }

    private static ImageShape ReadImage(ModelFileReader reader, string what)
    {
        int channels = reader.ReadInt($"{what} channel count", 1, MaxFeatures);
        int height = reader.ReadInt($"{what} height", 1, MaxFeatures);
        int width = reader.ReadInt($"{what} width", 1, MaxFeatures);
        if ((long)channels * height * width > MaxFeatures)
        {
            throw reader.Malformed($"{what} {channels}×{height}×{width} exceeds {MaxFeatures} features");
        }

        return new ImageShape(channels, height, width);
    }

    private static void WriteConv2D(ILayer layer, ModelFileWriter writer)
    {
        var conv = (Conv2D)layer;
        WriteImage(conv.Input, writer);
        writer.WriteCount(conv.OutChannels);
        writer.WriteCount(conv.Kernel);
        writer.WriteCount(conv.Stride);
        writer.WriteCount(conv.Padding);
    }

    private static Conv2D ReadConv2D(ModelFileReader reader)
    {
        var input = ReadImage(reader, "a convolution's input");
        int outChannels = reader.ReadInt("a convolution's output channel count", 1, MaxFeatures);
        int kernel = reader.ReadInt("a convolution's kernel size", 1, Math.Max(input.Height, input.Width) + 2);
        int stride = reader.ReadInt("a convolution's stride", 1, MaxFeatures);
        int padding = reader.ReadInt("a convolution's padding", 0, kernel - 1);
        reader.EnsureFits((long)outChannels * input.Channels * kernel * kernel, $"a {outChannels}-filter {kernel}×{kernel} convolution's weights");
        try
        {
            return new Conv2D(input, outChannels, kernel, stride, padding);
        }
        catch (ArgumentException e)
        {
            throw reader.Malformed($"the convolution's geometry is invalid ({e.Message})");
        }
    }

    private static void WriteMaxPool2D(ILayer layer, ModelFileWriter writer)
    {
        var pool = (MaxPool2D)layer;
        WriteImage(pool.Input, writer);
        writer.WriteCount(pool.Kernel);
        writer.WriteCount(pool.Stride);
    }

    private static MaxPool2D ReadMaxPool2D(ModelFileReader reader)
    {
        var input = ReadImage(reader, "a max pool's input");
        int kernel = reader.ReadInt("a max pool's kernel size", 1, Math.Min(input.Height, input.Width));
        int stride = reader.ReadInt("a max pool's stride", 1, MaxFeatures);
        return new MaxPool2D(input, kernel, stride);
    }

    private static void WriteDropout(ILayer layer, ModelFileWriter writer)
    {
        var dropout = (Dropout)layer;
        writer.WriteUInt64(BitConverter.DoubleToUInt64Bits(dropout.Rate));
        writer.WriteUInt64((ulong)dropout.Seed);
    }

    private static Dropout ReadDropout(ModelFileReader reader)
    {
        double rate = BitConverter.UInt64BitsToDouble(ReadUInt64(reader));
        long seed = (long)ReadUInt64(reader);
        if (!(rate >= 0 && rate < 1))
        {
            throw reader.Malformed($"the dropout rate is {rate}, outside [0, 1)");
        }

        return new Dropout(rate, seed);
    }

    /// <summary>Configuration: the image shape, ε and momentum (float64 bits), then the running mean and variance (C floats each).</summary>
    private static void WriteBatchNorm2D(ILayer layer, ModelFileWriter writer)
    {
        var norm = (BatchNorm2D)layer;
        WriteImage(norm.Input, writer);
        writer.WriteUInt64(BitConverter.DoubleToUInt64Bits(norm.Epsilon));
        writer.WriteUInt64(BitConverter.DoubleToUInt64Bits(norm.Momentum));
        writer.WriteFloats(norm.RunningMean.Span);
        writer.WriteFloats(norm.RunningVariance.Span);
    }

    private static BatchNorm2D ReadBatchNorm2D(ModelFileReader reader)
    {
        var input = ReadImage(reader, "a batch norm's input");
        double epsilon = BitConverter.UInt64BitsToDouble(ReadUInt64(reader));
        double momentum = BitConverter.UInt64BitsToDouble(ReadUInt64(reader));
        if (!(epsilon > 0) || double.IsInfinity(epsilon) || !(momentum >= 0 && momentum <= 1))
        {
            throw reader.Malformed($"the batch norm's epsilon {epsilon} or momentum {momentum} is out of range");
        }

        reader.EnsureFits(2L * input.Channels, $"a {input.Channels}-channel batch norm's running statistics");
        var norm = new BatchNorm2D(input, epsilon, momentum);
        reader.ReadFloats(norm.RunningMean.Span, "the batch norm's running mean");
        reader.ReadFloats(norm.RunningVariance.Span, "the batch norm's running variance");
        return norm;
    }

    private static ulong ReadUInt64(ModelFileReader reader) => reader.ReadUInt32() | ((ulong)reader.ReadUInt32() << 32);
}
