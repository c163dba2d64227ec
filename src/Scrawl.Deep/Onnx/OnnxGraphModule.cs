using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Onnx;

/// <summary>
/// An ONNX graph as a trainable TorchSharp module: Conv → Conv2d, BatchNormalization → BatchNorm2d, Gemm/MatMul with a
/// constant weight → Linear (weights and running statistics copied from the initializers); Relu, Add, Sub, Mul, Div,
/// MaxPool, AveragePool, GlobalAveragePool, Flatten, Reshape and Concat run as functional ops. Asymmetric pads are
/// applied with an explicit pad. An AveragePool whose window covers its whole input becomes a global average pool, so
/// the graph also runs at a smaller input resolution than it was exported for.
/// </summary>
public sealed class OnnxGraphModule : Module<Tensor, Tensor>
{
    private readonly OnnxModel graph;
    private readonly Dictionary<OnnxNode, Module<Tensor, Tensor>> layers = [];
    private readonly Dictionary<string, Tensor> constants = [];
    private readonly string inputName;
    private readonly string outputName;

    /// <summary>
    /// Builds the module for <paramref name="model"/> (one real input, one output); throws <see cref="NotSupportedException"/>
    /// naming the first unsupported operator or attribute.
    /// </summary>
    public OnnxGraphModule(OnnxModel model) : base(nameof(OnnxGraphModule))
    {
        ArgumentNullException.ThrowIfNull(model);
        graph = model;
        if (model.Inputs.Count != 1 || model.Outputs.Count != 1)
        {
            throw new NotSupportedException($"only graphs with one input and one output are supported (this one: {model.Inputs.Count} inputs, {model.Outputs.Count} outputs)");
        }

        inputName = model.Inputs[0].Name;
        outputName = model.Outputs[0].Name;
        int index = 0;
        foreach (var node in model.Nodes)
        {
            var layer = OnnxLayers.Create(node, model.Initializers);
            if (layer is not null)
            {
                layers[node] = layer;
                register_module($"n{index:D3}_{Sanitize(node.OpType)}", layer);
            }
            else
            {
                OnnxLayers.CheckFunctional(node);
            }

            index++;
        }

        // Initializers used by the functional ops (Add/Sub/Mul/Div operands, Reshape shapes) stay constant.
        foreach (var node in model.Nodes.Where(n => !layers.ContainsKey(n)))
        {
            foreach (string name in node.Inputs.Where(model.Initializers.ContainsKey))
            {
                var t = model.Initializers[name];
                constants.TryAdd(name, tensor(t.Values, t.Dims));
            }
        }
    }

    /// <summary>The graph's input name.</summary>
    public string InputName => inputName;

    /// <summary>The graph's output name.</summary>
    public string OutputName => outputName;

    /// <summary>The graph being run.</summary>
    public OnnxModel Graph => graph;

    /// <summary>The graph's output for its input (e.g. [N × 512 × 1 × 1] for ResNet18).</summary>
    public override Tensor forward(Tensor input) => Run(inputName, input, outputName);

    /// <summary>
    /// Runs the part of the graph between the value <paramref name="from"/> (given as <paramref name="value"/>) and the value
    /// <paramref name="to"/>: nodes whose inputs cannot be computed from it are skipped. Throws <see cref="ArgumentException"/>
    /// when <paramref name="to"/> cannot be reached.
    /// </summary>
    public Tensor Run(string from, Tensor value, string to)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var scope = NewDisposeScope();
        var values = new Dictionary<string, Tensor> { [from] = value };
        foreach (var node in graph.Nodes)
        {
            if (!node.Inputs.Where(i => i.Length > 0 && !graph.Initializers.ContainsKey(i)).All(values.ContainsKey))
            {
                continue;
            }

            var args = node.Inputs.Select(i => values.TryGetValue(i, out var v) ? v : constants.GetValueOrDefault(i)).ToArray();
            values[node.Outputs[0]] = layers.TryGetValue(node, out var layer) ? layer.forward(args[0]!) : OnnxLayers.Apply(node, args);
            if (node.Outputs[0] == to)
            {
                return values[to].MoveToOuterDisposeScope();
            }
        }

        throw new ArgumentException($"the value '{to}' cannot be computed from '{from}'", nameof(to));
    }

    /// <summary>The trainable layers of the nodes that run between <paramref name="from"/> and the output (for fine-tuning the last blocks).</summary>
    public IEnumerable<Parameter> ParametersAfter(string from)
    {
        var known = new HashSet<string> { from };
        foreach (var node in graph.Nodes)
        {
            if (node.Inputs.Where(i => i.Length > 0 && !graph.Initializers.ContainsKey(i)).All(known.Contains))
            {
                known.Add(node.Outputs[0]);
                if (layers.TryGetValue(node, out var layer))
                {
                    foreach (var p in layer.parameters())
                    {
                        yield return p;
                    }
                }
            }
        }
    }

    /// <summary>The output names of the nodes of type <paramref name="opType"/>, in graph order.</summary>
    public IReadOnlyList<string> OutputsOf(string opType) => [.. graph.Nodes.Where(n => n.OpType == opType).Select(n => n.Outputs[0])];

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var c in constants.Values)
            {
                c.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private static string Sanitize(string s) => new([.. s.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
}
