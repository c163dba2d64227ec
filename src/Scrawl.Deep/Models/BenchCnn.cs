using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Models;

/// <summary>
/// The small CNN of <c>scrawl bench cnn</c> and <c>bench/torch_cnn.py</c>: conv 3×3 C→16 (pad 1) + ReLU + max-pool 2,
/// conv 3×3 16→32 + ReLU + max-pool 2, global average pool, Linear(32 → classes); He-uniform conv and Xavier-uniform
/// dense weights, zero biases (as the other two).
/// </summary>
public sealed class BenchCnn : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc;

    /// <summary>The network for <paramref name="channels"/> input channels (≥ 1) and <paramref name="classes"/> classes (≥ 1).</summary>
    public BenchCnn(int channels, int classes) : base(nameof(BenchCnn))
    {
        conv1 = Conv2d(channels, 16, 3, padding: 1);
        conv2 = Conv2d(16, 32, 3, padding: 1);
        fc = Linear(32, classes);
        using (no_grad())
        {
            foreach (var (conv, fanIn) in new[] { (conv1, channels * 9), (conv2, 16 * 9) })
            {
                double a = Math.Sqrt(6.0 / fanIn);
                conv.weight!.uniform_(-a, a);
                conv.bias!.zero_();
            }

            double b = Math.Sqrt(6.0 / (32 + classes));
            fc.weight!.uniform_(-b, b);
            fc.bias!.zero_();
        }

        RegisterComponents();
    }

    /// <summary>Logits [N × classes] of images [N × C × H × W] (H, W ≥ 4).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.max_pool2d(functional.relu(conv1.forward(input)), 2);
        x = functional.max_pool2d(functional.relu(conv2.forward(x)), 2);
        return fc.forward(x.mean([2, 3])).MoveToOuterDisposeScope();
    }
}
