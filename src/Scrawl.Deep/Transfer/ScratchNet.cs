using Scrawl.Deep.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Transfer;

/// <summary>
/// An imported architecture trained from random weights: every Conv2d He-normal (fan-out), every batch norm reset
/// (γ 1, β 0, mean 0, variance 1), a fresh Linear(512 → classes) head; in training mode each batch is augmented
/// (random left-right flips per image, one random shift of up to ±<c>shift</c> pixels per batch, from libtorch's seeded generator).
/// </summary>
public sealed class ScratchNet : Module<Tensor, Tensor>
{
    private readonly OnnxGraphModule backbone;
    private readonly Linear head;
    private readonly long shift;

    /// <summary>Re-initialises <paramref name="graph"/>'s weights (seed libtorch first) and adds a head for <paramref name="classes"/> ≥ 1.</summary>
    public ScratchNet(OnnxGraphModule graph, int classes, int maxShift = 4) : base(nameof(ScratchNet))
    {
        ArgumentNullException.ThrowIfNull(graph);
        backbone = graph;
        shift = maxShift;
        using (no_grad())
        {
            foreach (var m in graph.modules())
            {
                if (m is Conv2d conv)
                {
                    init.kaiming_normal_(conv.weight!, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
                    conv.bias?.zero_();
                }
                else if (m is BatchNorm2d bn)
                {
                    bn.weight!.fill_(1);
                    bn.bias!.zero_();
                    bn.running_mean!.zero_();
                    bn.running_var!.fill_(1);
                }
            }
        }

        head = Linear(512, classes);
        RegisterComponents();
    }

    /// <summary>Logits [N × classes] of network inputs [N × 3 × H × W].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        if (training)
        {
            var flip = (rand(x.shape[0]) < 0.5).reshape(-1, 1, 1, 1);
            x = where(flip, x.flip(3), x);
            var offsets = randint(-shift, shift + 1, [2]).data<long>().ToArray();
            x = x.roll([offsets[0], offsets[1]], [2, 3]);
        }

        return head.forward(backbone.forward(x).flatten(1)).MoveToOuterDisposeScope();
    }
}
