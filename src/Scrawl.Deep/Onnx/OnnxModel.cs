using Google.Protobuf;

namespace Scrawl.Deep.Onnx;

/// <summary>One ONNX tensor (an initializer or a Constant's value) as float32 values with its dims.</summary>
/// <param name="Name">The tensor's name in the graph.</param>
/// <param name="Dims">Its shape (empty for a scalar).</param>
/// <param name="Values">Its values, converted to float (from float, double, int32 or int64 data).</param>
public sealed record OnnxTensor(string Name, long[] Dims, float[] Values);

/// <summary>One attribute of a node: a float, an int, a string, floats, ints or a tensor (the others are null/empty).</summary>
/// <param name="Name">The attribute's name.</param>
/// <param name="Float">Value of a FLOAT attribute.</param>
/// <param name="Int">Value of an INT attribute.</param>
/// <param name="String">Value of a STRING attribute.</param>
/// <param name="Floats">Values of a FLOATS attribute.</param>
/// <param name="Ints">Values of an INTS attribute.</param>
/// <param name="Tensor">Value of a TENSOR attribute.</param>
public sealed record OnnxAttribute(string Name, float Float, long Int, string? String, float[] Floats, long[] Ints, OnnxTensor? Tensor);

/// <summary>One graph node: operator, inputs and outputs by name, attributes by name.</summary>
/// <param name="OpType">The operator, e.g. "Conv".</param>
/// <param name="Name">The node's name (may be empty).</param>
/// <param name="Inputs">Input value names ("" for an omitted optional input).</param>
/// <param name="Outputs">Output value names.</param>
/// <param name="Attributes">Attributes by name.</param>
public sealed record OnnxNode(string OpType, string Name, string[] Inputs, string[] Outputs, IReadOnlyDictionary<string, OnnxAttribute> Attributes);

/// <summary>
/// The parts of an ONNX model (onnx.proto3) an importer needs, read with Google.Protobuf's wire-format reader:
/// the graph's nodes in order, its initializers, and its real inputs and outputs (with their static dims, 0 = unknown).
/// </summary>
public sealed class OnnxModel
{
    /// <summary>Nodes in topological order (as stored).</summary>
    public List<OnnxNode> Nodes { get; } = [];

    /// <summary>Initializers (weights) by name.</summary>
    public Dictionary<string, OnnxTensor> Initializers { get; } = [];

    /// <summary>Graph inputs that are not initializers, with dims (0 where symbolic).</summary>
    public List<(string Name, long[] Dims)> Inputs { get; } = [];

    /// <summary>Graph outputs, with dims.</summary>
    public List<(string Name, long[] Dims)> Outputs { get; } = [];

    /// <summary>Reads an ONNX model file; throws <see cref="InvalidDataException"/> naming <paramref name="path"/> when it is not valid ONNX.</summary>
    public static OnnxModel Load(string path)
    {
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a readable ONNX model ({e.Message}).", e);
        }
    }

    /// <summary>Parses the bytes of an ONNX ModelProto; throws on malformed data.</summary>
    public static OnnxModel Parse(byte[] bytes)
    {
        var model = new OnnxModel();
        bool sawGraph = false;
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 7)
            {
                model.ReadGraph(input.ReadBytes().ToByteArray());
                sawGraph = true;
            }
            else
            {
                input.SkipLastField();
            }
        }

        return sawGraph ? model : throw new InvalidDataException("no graph in the model");
    }

    private void ReadGraph(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        var declared = new List<(string, long[])>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: Nodes.Add(ReadNode(input.ReadBytes().ToByteArray())); break;
                case 5: AddInitializer(ReadTensor(input.ReadBytes().ToByteArray())); break;
                case 11: declared.Add(ReadValueInfo(input.ReadBytes().ToByteArray())); break;
                case 12: Outputs.Add(ReadValueInfo(input.ReadBytes().ToByteArray())); break;
                default: input.SkipLastField(); break;
            }
        }

        Inputs.AddRange(declared.Where(d => !Initializers.ContainsKey(d.Item1)));
    }

    private void AddInitializer(OnnxTensor t) => Initializers[t.Name] = t;

    private static void AddAttribute(Dictionary<string, OnnxAttribute> into, OnnxAttribute a) => into[a.Name] = a;

    private static OnnxNode ReadNode(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        List<string> inputs = [], outputs = [];
        string op = "", name = "";
        var attributes = new Dictionary<string, OnnxAttribute>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: inputs.Add(input.ReadString()); break;
                case 2: outputs.Add(input.ReadString()); break;
                case 3: name = input.ReadString(); break;
                case 4: op = input.ReadString(); break;
                case 5: AddAttribute(attributes, ReadAttribute(input.ReadBytes().ToByteArray())); break;
                default: input.SkipLastField(); break;
            }
        }

        return new OnnxNode(op, name, [.. inputs], [.. outputs], attributes);
    }

    private static OnnxAttribute ReadAttribute(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        string name = "";
        float f = 0;
        long i = 0;
        string? s = null;
        OnnxTensor? t = null;
        List<float> floats = [];
        List<long> ints = [];
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            int field = WireFormat.GetTagFieldNumber(tag);
            var wire = WireFormat.GetTagWireType(tag);
            switch (field)
            {
                case 1: name = input.ReadString(); break;
                case 2: f = input.ReadFloat(); break;
                case 3: i = input.ReadInt64(); break;
                case 4: s = input.ReadBytes().ToStringUtf8(); break;
                case 5: t = ReadTensor(input.ReadBytes().ToByteArray()); break;
                case 7: ReadRepeated(input, wire, floats, r => r.ReadFloat()); break;
                case 8: ReadRepeated(input, wire, ints, r => r.ReadInt64()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new OnnxAttribute(name, f, i, s, [.. floats], [.. ints], t);
    }

    /// <summary>Reads a TensorProto (float, double, int32 or int64; raw or typed data) into floats.</summary>
    internal static OnnxTensor ReadTensor(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        List<long> dims = [];
        List<float> floats = [];
        List<double> doubles = [];
        List<long> longs = [];
        List<int> ints = [];
        int type = 0;
        string name = "";
        byte[]? raw = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var wire = WireFormat.GetTagWireType(tag);
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: ReadRepeated(input, wire, dims, r => r.ReadInt64()); break;
                case 2: type = input.ReadInt32(); break;
                case 4: ReadRepeated(input, wire, floats, r => r.ReadFloat()); break;
                case 5: ReadRepeated(input, wire, ints, r => r.ReadInt32()); break;
                case 7: ReadRepeated(input, wire, longs, r => r.ReadInt64()); break;
                case 8: name = input.ReadString(); break;
                case 9: raw = input.ReadBytes().ToByteArray(); break;
                case 10: ReadRepeated(input, wire, doubles, r => r.ReadDouble()); break;
                default: input.SkipLastField(); break;
            }
        }

        float[] values = (type, raw) switch
        {
            (1, not null) => [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw)],
            (11, not null) => [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(raw).ToArray().Select(v => (float)v)],
            (7, not null) => [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(raw).ToArray().Select(v => (float)v)],
            (6, not null) => [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(raw).ToArray().Select(v => (float)v)],
            (1, null) => [.. floats],
            (11, null) => [.. doubles.Select(v => (float)v)],
            (7, null) => [.. longs.Select(v => (float)v)],
            (6, null) => [.. ints.Select(v => (float)v)],
            _ => throw new InvalidDataException($"tensor '{name}' has data type {type}; only float, double, int32 and int64 are supported"),
        };
        long count = dims.Aggregate(1L, (a, d) => a * d);
        return values.Length == count ? new OnnxTensor(name, [.. dims], values)
            : throw new InvalidDataException($"tensor '{name}' holds {values.Length} values for dims [{string.Join(", ", dims)}]");
    }

    private static (string, long[]) ReadValueInfo(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        string name = "";
        long[] dims = [];
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: name = input.ReadString(); break;
                case 2: dims = ReadTypeDims(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }

        return (name, dims);
    }

    /// <summary>TypeProto → tensor_type(1) → shape(2) → dim(1) → dim_value(1) (0 for a symbolic dim).</summary>
    private static long[] ReadTypeDims(byte[] type)
    {
        byte[]? tensorType = Field(type, 1);
        byte[]? shape = tensorType is null ? null : Field(tensorType, 2);
        if (shape is null)
        {
            return [];
        }

        var dims = new List<long>();
        var input = new CodedInputStream(shape);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != 1)
            {
                input.SkipLastField();
                continue;
            }

            var dim = new CodedInputStream(input.ReadBytes().ToByteArray());
            long value = 0;
            uint t;
            while ((t = dim.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(t) == 1)
                {
                    value = dim.ReadInt64();
                }
                else
                {
                    dim.SkipLastField();
                }
            }

            dims.Add(value);
        }

        return [.. dims];
    }

    private static byte[]? Field(byte[] message, int number)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number)
            {
                return input.ReadBytes().ToByteArray();
            }

            input.SkipLastField();
        }

        return null;
    }

    private static void ReadRepeated<T>(CodedInputStream input, WireFormat.WireType wire, List<T> into, Func<CodedInputStream, T> read)
    {
        if (wire != WireFormat.WireType.LengthDelimited)
        {
            into.Add(read(input));
            return;
        }

        var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
        while (!packed.IsAtEnd)
        {
            into.Add(read(packed));
        }
    }
}
