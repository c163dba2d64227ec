using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Models;

/// <summary>
/// The CNN of <c>scrawl deep train --model cnn</c>: three blocks of conv 3×3 (pad 1) + batch norm + ReLU + max-pool 2
/// (channels c, 2c, 4c), dropout, Linear(4c·(H/8)·(W/8) → 128) + ReLU, dropout, Linear(128 → classes).
/// </summary>
public sealed class CnnNet : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Sequential head;

    /// <summary>A CNN for [N × <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>] input (H, W ≥ 8), base width <paramref name="width0"/> ≥ 1.</summary>
    public CnnNet(int channels, int height, int width, int classes, int width0 = 32, double dropout = 0.3) : base(nameof(CnnNet))
    {
        if (height < 8 || width < 8)
        {
            throw new ArgumentException($"The CNN needs images of at least 8×8, got {height}×{width}.", nameof(height));
        }

        features = Sequential(
            Block(channels, width0), Block(width0, 2 * width0), Block(2 * width0, 4 * width0));
        int flat = 4 * width0 * (height / 8) * (width / 8);
        head = Sequential(
            Flatten(), Dropout(dropout), Linear(flat, 128), ReLU(), Dropout(dropout), Linear(128, classes));
        RegisterComponents();
    }

    /// <summary>Logits [N × classes] of images [N × C × H × W].</summary>
    public override Tensor forward(Tensor input)
    {
        using var f = features.forward(input);
        return head.forward(f);
    }

    private static Sequential Block(int inputs, int outputs) => Sequential(
        Conv2d(inputs, outputs, 3, padding: 1, bias: false), BatchNorm2d(outputs), ReLU(), MaxPool2d(2));
}
