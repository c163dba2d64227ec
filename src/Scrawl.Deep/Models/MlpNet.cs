using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Models;

/// <summary>The seed's fully connected classifier in TorchSharp: flatten → Linear(in, hidden) → sigmoid → Linear(hidden, classes) (logits).</summary>
public sealed class MlpNet : Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    /// <summary>A network with <paramref name="inputs"/> features, <paramref name="hidden"/> sigmoid units and <paramref name="classes"/> outputs (all ≥ 1).</summary>
    public MlpNet(int inputs, int hidden, int classes) : base(nameof(MlpNet))
    {
        fc1 = Linear(inputs, hidden);
        fc2 = Linear(hidden, classes);
        RegisterComponents();
    }

    /// <summary>The first layer (weight [hidden × inputs]).</summary>
    public Linear Hidden => fc1;

    /// <summary>The output layer (weight [classes × hidden]).</summary>
    public Linear Output => fc2;

    /// <summary>Logits [N × classes] of inputs [N × …] (flattened per sample).</summary>
    public override Tensor forward(Tensor input)
    {
        using var flat = input.flatten(1);
        using var h = fc1.forward(flat);
        using var s = torch.sigmoid(h);
        return fc2.forward(s);
    }
}
