using static TorchSharp.torch;

namespace Scrawl.Deep.Models;

/// <summary>Builds the named models of <c>deep train</c>.</summary>
public static class ModelFactory
{
    /// <summary>The model names <see cref="Create"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Names = ["mlp", "cnn"];

    /// <summary>
    /// A fresh <paramref name="name"/> model ("mlp": <paramref name="hidden"/> sigmoid units; "cnn": base width <paramref name="hidden"/>/2)
    /// for images C×H×W and <paramref name="classes"/> classes, weights from libtorch's generator (seed it first).
    /// </summary>
    public static nn.Module<Tensor, Tensor> Create(string name, int channels, int height, int width, int classes, int hidden = 64) => name switch
    {
        "mlp" => new MlpNet(channels * height * width, hidden, classes),
        "cnn" => new CnnNet(channels, height, width, classes, Math.Max(1, hidden / 2)),
        _ => throw new ArgumentException($"--model must be one of {string.Join(", ", Names)}, got '{name}'.", nameof(name)),
    };
}
