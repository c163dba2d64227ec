using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.Ocr.Training;

/// <summary>
/// The character CNN: three blocks of conv 3×3 (same padding) + batch norm + ReLU + max-pool 2×2 with
/// <c>w</c>, 2w, 4w channels (32 → 16 → 8 → 4 pixels), then dense 16w·… → 128 + ReLU + dropout, dense → classes.
/// About 2.6 M multiply-adds per 32×32 crop at w = 16, so a page of crops classifies in milliseconds.
/// </summary>
public static class CharModelNetwork
{
    /// <summary>Builds the network with weights drawn from <paramref name="seed"/>; <paramref name="width"/> ≥ 1 is the first block's channels.</summary>
    public static Sequential Create(int side, int classes, int width, long seed)
    {
        var random = new SeededRandom(seed);
        var layers = new List<ILayer>();
        var shape = new ImageShape(1, side, side);
        foreach (int channels in new[] { width, 2 * width, 4 * width })
        {
            var conv = new Conv2D(shape, channels, 3, 1, 1, random);
            var pool = new MaxPool2D(conv.Output, 2);
            layers.AddRange([conv, new BatchNorm2D(conv.Output), new Relu(), pool]);
            shape = pool.Output;
        }

        layers.AddRange([
            new Dense(shape.Features, 128, random), new Relu(), new Dropout(0.3, seed + 7),
            new Dense(128, classes, random),
        ]);
        return new Sequential(side * side, [.. layers]);
    }

    /// <summary>A one-line description for logs and the manifest (36 classes).</summary>
    public static string Describe(int width) => Describe(width, 36);

    /// <summary>A one-line description for logs and the manifest of a network with <paramref name="classes"/> (≥ 1) outputs.</summary>
    public static string Describe(int width, int classes) =>
        $"conv3x3 {width}-{2 * width}-{4 * width} (batch norm, ReLU, max-pool 2) + dense 128 (ReLU, dropout 0.3) + dense {classes}";
}
