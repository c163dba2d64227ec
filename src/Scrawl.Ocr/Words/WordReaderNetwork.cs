using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.Ocr.Words;

/// <summary>
/// The word reader's network, fully convolutional over a <see cref="WordCrops"/> frame (1×32×192): conv 3×3 w (batch norm, ReLU, max-pool 2),
/// conv 3×3 2w (same, pool), two conv 3×3 4w (batch norm, ReLU) → 4w×8×48; each column's 4w·8 features then go through a 1×1 convolution to
/// 8w (the frame read as 4w·8 channels of a 1×48 strip: the same memory), a convolution across three neighbouring columns (8w), and a 1×1
/// convolution to the classes: logits for <see cref="Steps"/> steps of 4 pixels each, class-major (the layout of <c>CtcLoss</c>).
/// About 40 M multiply-adds per word at w = 16.
/// </summary>
public static class WordReaderNetwork
{
    /// <summary>Output steps across the frame (one per 4 pixels).</summary>
    public const int Steps = WordCrops.Width / 4;

    /// <summary>Builds the network for <paramref name="classes"/> (≥ 2, the blank included) with weights drawn from <paramref name="seed"/>; <paramref name="width"/> ≥ 2 is the first block's channels.</summary>
    public static Sequential Create(int classes, int width, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        var random = new SeededRandom(seed);
        var layers = new List<ILayer>();
        var shape = new ImageShape(1, WordCrops.Height, WordCrops.Width);
        ImageShape Block(ImageShape input, int channels, int kernel, int padding, bool pool)
        {
            var conv = new Conv2D(input, channels, kernel, 1, padding, random);
            layers.AddRange([conv, new BatchNorm2D(conv.Output), new Relu()]);
            if (!pool)
            {
                return conv.Output;
            }

            var max = new MaxPool2D(conv.Output, 2);
            layers.Add(max);
            return max.Output;
        }

        shape = Block(shape, width, 3, 1, pool: true);
        shape = Block(shape, 2 * width, 3, 1, pool: true);
        shape = Block(shape, 4 * width, 3, 1, pool: false);
        shape = Block(shape, 4 * width, 3, 1, pool: false);
        var strip = new ImageShape(shape.Channels * shape.Height, 1, shape.Width);
        shape = Block(strip, 8 * width, 1, 0, pool: false);
        shape = Block(shape, 8 * width, 3, 1, pool: false);
        layers.Add(new Conv2D(shape, classes, 1, 1, 0, random));
        return new Sequential(WordCrops.Height * WordCrops.Width, [.. layers]);
    }

    /// <summary>A one-line description for logs and the model's metadata.</summary>
    public static string Describe(int width, int classes) =>
        $"conv3x3 {width}-{2 * width}-{4 * width}-{4 * width} (batch norm, ReLU, max-pool 2 after the first two) + per column 1x1 {8 * width}, 1x3 {8 * width}, 1x1 {classes}; {Steps} steps";
}
