using Google.Protobuf;

namespace Scrawl.Deep.Tests;

/// <summary>
/// A small ONNX model written with Google.Protobuf's wire writer, exercising the operators ResNet18 lacks:
/// X[1,2,4,4] → Conv(3×2×3×3, pads 1, bias) → Relu → MaxPool 2 → Flatten → A[1,12];
/// Gemm(A, W[5×12]ᵀ, b) and MatMul(A, M[12×5]) → Concat(axis 1)[1,10] → Reshape([2,5]) → Y;
/// weights from a seed.
/// </summary>
internal static class OnnxFixture
{
    public static byte[] Build(long seed)
    {
        var random = new Numerics.SeededRandom(seed);
        float[] Values(int n) { var v = new float[n]; random.FillUniform(v, -1, 1); return v; }
        var graph = new List<byte[]>();
        void Node(string op, string[] inputs, string output, params byte[][] attributes) =>
            graph.Add(Field(1, Message(w =>
            {
                foreach (string i in inputs) { w.WriteTag(1, WireFormat.WireType.LengthDelimited); w.WriteString(i); }
                w.WriteTag(2, WireFormat.WireType.LengthDelimited); w.WriteString(output);
                w.WriteTag(3, WireFormat.WireType.LengthDelimited); w.WriteString(output + "_node");
                w.WriteTag(4, WireFormat.WireType.LengthDelimited); w.WriteString(op);
                foreach (var a in attributes) { w.WriteTag(5, WireFormat.WireType.LengthDelimited); w.WriteBytes(ByteString.CopyFrom(a)); }
            })));
        Node("Conv", ["X", "CW", "CB"], "c", Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1));
        Node("Relu", ["c"], "r");
        Node("MaxPool", ["r"], "p", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        Node("Flatten", ["p"], "A", Int("axis", 1));
        Node("Gemm", ["A", "GW", "GB"], "g", Int("transB", 1));
        Node("MatMul", ["A", "MM"], "m");
        Node("Concat", ["g", "m"], "k", Int("axis", 1));
        Node("Reshape", ["k", "S"], "Y");
        graph.Add(Field(5, Tensor("CW", [3, 2, 3, 3], Values(54))));
        graph.Add(Field(5, Tensor("CB", [3], Values(3))));
        graph.Add(Field(5, Tensor("GW", [5, 12], Values(60))));
        graph.Add(Field(5, Tensor("GB", [5], Values(5))));
        graph.Add(Field(5, Tensor("MM", [12, 5], Values(60))));
        graph.Add(Field(5, Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited); w.WriteBytes(Packed(o => { o.WriteInt64(2); })); // dims [2]
            w.WriteTag(2, WireFormat.WireType.Varint); w.WriteInt32(7); // INT64
            w.WriteTag(7, WireFormat.WireType.LengthDelimited); w.WriteBytes(Packed(o => { o.WriteInt64(2); o.WriteInt64(5); }));
            w.WriteTag(8, WireFormat.WireType.LengthDelimited); w.WriteString("S");
        })));
        graph.Add(Field(11, ValueInfo("X", [1, 2, 4, 4])));
        graph.Add(Field(12, ValueInfo("Y", [2, 5])));
        byte[] graphBytes = [.. graph.SelectMany(b => b)];
        return Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.Varint); w.WriteInt64(7); // ir_version
            w.WriteTag(7, WireFormat.WireType.LengthDelimited); w.WriteBytes(ByteString.CopyFrom(graphBytes));
            w.WriteTag(8, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(Message(o => { o.WriteTag(2, WireFormat.WireType.Varint); o.WriteInt64(13); })));
        });
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }

    private static ByteString Packed(Action<CodedOutputStream> write) => ByteString.CopyFrom(Message(write));

    private static byte[] Field(int number, byte[] message) => Message(w =>
    {
        w.WriteTag(number, WireFormat.WireType.LengthDelimited);
        w.WriteBytes(ByteString.CopyFrom(message));
    });

    private static byte[] Int(string name, long value) => Message(w =>
    {
        w.WriteTag(1, WireFormat.WireType.LengthDelimited); w.WriteString(name);
        w.WriteTag(3, WireFormat.WireType.Varint); w.WriteInt64(value);
        w.WriteTag(20, WireFormat.WireType.Varint); w.WriteInt32(2); // INT
    });

    private static byte[] Ints(string name, params long[] values) => Message(w =>
    {
        w.WriteTag(1, WireFormat.WireType.LengthDelimited); w.WriteString(name);
        w.WriteTag(8, WireFormat.WireType.LengthDelimited); w.WriteBytes(Packed(o => { foreach (long v in values) { o.WriteInt64(v); } }));
        w.WriteTag(20, WireFormat.WireType.Varint); w.WriteInt32(7); // INTS
    });

    private static byte[] Tensor(string name, long[] dims, float[] values) => Message(w =>
    {
        w.WriteTag(1, WireFormat.WireType.LengthDelimited); w.WriteBytes(Packed(o => { foreach (long d in dims) { o.WriteInt64(d); } }));
        w.WriteTag(2, WireFormat.WireType.Varint); w.WriteInt32(1); // FLOAT
        w.WriteTag(4, WireFormat.WireType.LengthDelimited); w.WriteBytes(Packed(o => { foreach (float v in values) { o.WriteFloat(v); } }));
        w.WriteTag(8, WireFormat.WireType.LengthDelimited); w.WriteString(name);
    });

    private static byte[] ValueInfo(string name, long[] dims)
    {
        byte[] shape = [.. dims.SelectMany(d => Field(1, Message(o => { o.WriteTag(1, WireFormat.WireType.Varint); o.WriteInt64(d); })))];
        byte[] tensorType = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.Varint); w.WriteInt32(1);
            w.WriteTag(2, WireFormat.WireType.LengthDelimited); w.WriteBytes(ByteString.CopyFrom(shape));
        });
        return Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited); w.WriteString(name);
            w.WriteTag(2, WireFormat.WireType.LengthDelimited); w.WriteBytes(ByteString.CopyFrom(Field(1, tensorType)));
        });
    }
}
