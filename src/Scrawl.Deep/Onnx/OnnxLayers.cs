using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Onnx;

/// <summary>The operator set of <see cref="OnnxGraphModule"/>: layers with weights, and functional ops.</summary>
internal static class OnnxLayers
{
    private static readonly HashSet<string> Functional =
        ["Relu", "Add", "Sub", "Mul", "Div", "MaxPool", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape", "Concat", "Identity", "Dropout"];

    /// <summary>A module with the node's weights (Conv, BatchNormalization, Gemm, MatMul with a constant), or null for a functional op.</summary>
    public static Module<Tensor, Tensor>? Create(OnnxNode node, IReadOnlyDictionary<string, OnnxTensor> init) => node.OpType switch
    {
        "Conv" => new OnnxConv(node, init),
        "BatchNormalization" => BatchNorm(node, init),
        "Gemm" or "MatMul" when node.Inputs.Length > 1 && init.ContainsKey(node.Inputs[1]) => Dense(node, init),
        _ => null,
    };

    /// <summary>Throws <see cref="NotSupportedException"/> unless the node is a supported functional op.</summary>
    public static void CheckFunctional(OnnxNode node)
    {
        if (!Functional.Contains(node.OpType))
        {
            throw new NotSupportedException($"ONNX operator {node.OpType} (node '{node.Name}') is not supported");
        }
    }

    /// <summary>Runs a functional node on its inputs (constants included).</summary>
    public static Tensor Apply(OnnxNode node, Tensor?[] a) => node.OpType switch
    {
        "Relu" => functional.relu(a[0]!),
        "Add" => a[0]! + a[1]!,
        "Sub" => a[0]! - a[1]!,
        "Mul" => a[0]! * a[1]!,
        "Div" => a[0]! / a[1]!,
        "Identity" or "Dropout" => a[0]!.alias(),
        "MaxPool" => Pool(node, a[0]!, max: true),
        "AveragePool" => Pool(node, a[0]!, max: false),
        "GlobalAveragePool" => functional.adaptive_avg_pool2d(a[0]!, [1, 1]),
        "Flatten" => a[0]!.flatten(Int(node, "axis", 1)),
        "Reshape" => a[0]!.reshape(Shape(a[0]!, a[1]!)),
        "Concat" => cat([.. a.Select(t => t!)], Int(node, "axis", 1)),
        _ => throw new NotSupportedException($"ONNX operator {node.OpType} is not supported"),
    };

    public static long Int(OnnxNode node, string name, long fallback) => node.Attributes.TryGetValue(name, out var a) ? a.Int : fallback;

    public static long[] Ints(OnnxNode node, string name, long[] fallback) => node.Attributes.TryGetValue(name, out var a) && a.Ints.Length > 0 ? a.Ints : fallback;

    /// <summary>ONNX pads [h_begin, w_begin, h_end, w_end] as F.pad's (left, right, top, bottom), or null when all zero.</summary>
    public static long[]? PadArgument(OnnxNode node)
    {
        if (node.Attributes.TryGetValue("auto_pad", out var auto) && auto.String is { } mode && mode is not ("NOTSET" or "VALID"))
        {
            throw new NotSupportedException($"auto_pad={mode} (node '{node.Name}') is not supported");
        }

        long[] p = Ints(node, "pads", [0, 0, 0, 0]);
        return p.All(v => v == 0) ? null : [p[1], p[3], p[0], p[2]];
    }

    private static Tensor Pool(OnnxNode node, Tensor x, bool max)
    {
        long[] k = Ints(node, "kernel_shape", []);
        long[] s = Ints(node, "strides", [1, 1]);
        long[]? pad = PadArgument(node);
        if (!max && pad is null && x.shape[2] <= k[0] && x.shape[3] <= k[1])
        {
            return functional.adaptive_avg_pool2d(x, [1, 1]);
        }

        if (pad is not null && !max && Int(node, "count_include_pad", 0) == 0)
        {
            throw new NotSupportedException($"AveragePool with pads and count_include_pad=0 (node '{node.Name}') is not supported");
        }

        using var padded = pad is null ? x.alias() : functional.pad(x, pad, PaddingModes.Constant, max ? double.NegativeInfinity : 0);
        return max ? functional.max_pool2d(padded, k, s) : functional.avg_pool2d(padded, k, s);
    }

    private static long[] Shape(Tensor x, Tensor shape)
    {
        long[] dims = [.. shape.data<float>().ToArray().Select(v => (long)v)];
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == 0)
            {
                dims[i] = x.shape[i];
            }
        }

        return dims;
    }

    private static BatchNorm2d BatchNorm(OnnxNode node, IReadOnlyDictionary<string, OnnxTensor> init)
    {
        var scale = init[node.Inputs[1]];
        var bn = BatchNorm2d(scale.Values.Length, eps: node.Attributes.TryGetValue("epsilon", out var e) ? e.Float : 1e-5);
        using (no_grad())
        {
            bn.weight!.copy_(tensor(scale.Values));
            bn.bias!.copy_(tensor(init[node.Inputs[2]].Values));
            bn.running_mean!.copy_(tensor(init[node.Inputs[3]].Values));
            bn.running_var!.copy_(tensor(init[node.Inputs[4]].Values));
        }

        return bn;
    }

    private static Linear Dense(OnnxNode node, IReadOnlyDictionary<string, OnnxTensor> init)
    {
        var w = init[node.Inputs[1]];
        bool transB = node.OpType == "Gemm" && Int(node, "transB", 0) == 1;
        if (node.OpType == "Gemm" && (Int(node, "transA", 0) != 0 || (node.Attributes.TryGetValue("alpha", out var al) && al.Float != 1)))
        {
            throw new NotSupportedException($"Gemm with transA or alpha ≠ 1 (node '{node.Name}') is not supported");
        }

        long outputs = transB ? w.Dims[0] : w.Dims[1];
        long inputs = transB ? w.Dims[1] : w.Dims[0];
        bool bias = node.OpType == "Gemm" && node.Inputs.Length > 2 && node.Inputs[2].Length > 0;
        var linear = Linear(inputs, outputs, hasBias: bias);
        using (no_grad())
        {
            using var weight = tensor(w.Values, w.Dims);
            linear.weight!.copy_(transB ? weight : weight.t());
            if (bias)
            {
                float beta = node.Attributes.TryGetValue("beta", out var b) ? b.Float : 1f;
                linear.bias!.copy_(tensor(init[node.Inputs[2]].Values).mul(beta));
            }
        }

        return linear;
    }
}

/// <summary>An ONNX Conv: optional asymmetric pad, then Conv2d with the node's weights, strides, dilations and groups.</summary>
internal sealed class OnnxConv : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly long[]? pad;

    public OnnxConv(OnnxNode node, IReadOnlyDictionary<string, OnnxTensor> init) : base(nameof(OnnxConv))
    {
        var w = init[node.Inputs[1]];
        long[] s = OnnxLayers.Ints(node, "strides", [1, 1]);
        long[] d = OnnxLayers.Ints(node, "dilations", [1, 1]);
        long groups = OnnxLayers.Int(node, "group", 1);
        bool bias = node.Inputs.Length > 2 && node.Inputs[2].Length > 0;
        pad = OnnxLayers.PadArgument(node);
        // Symmetric pads go into the convolution itself; only asymmetric ones need the explicit pad.
        (long, long) symmetric = (0, 0);
        if (pad is not null && pad[0] == pad[1] && pad[2] == pad[3])
        {
            symmetric = (pad[2], pad[0]);
            pad = null;
        }

        conv = Conv2d(w.Dims[1] * groups, w.Dims[0], (w.Dims[2], w.Dims[3]), stride: (s[0], s[1]), padding: symmetric, dilation: (d[0], d[1]), groups: groups, bias: bias);
        using (no_grad())
        {
            conv.weight!.copy_(tensor(w.Values, w.Dims));
            if (bias)
            {
                conv.bias!.copy_(tensor(init[node.Inputs[2]].Values));
            }
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (pad is null)
        {
            return conv.forward(input);
        }

        using var padded = functional.pad(input, pad);
        return conv.forward(padded);
    }
}
