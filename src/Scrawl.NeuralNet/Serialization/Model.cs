namespace Scrawl.NeuralNet.Serialization;

/// <summary>
/// A trained model as stored in a model file: the network, the head that turns its outputs into
/// predictions (see <see cref="ModelHead"/>), and free-form string metadata (class names, input
/// convention, training options).
/// </summary>
/// <param name="Network">The network; every layer kind must be one model files can store.</param>
/// <param name="Head">How outputs become predictions: one of the <see cref="ModelHead"/> names.</param>
/// <param name="Metadata">String pairs kept verbatim; keys are non-empty.</param>
public sealed record Model(Sequential Network, string Head, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>A model with no metadata.</summary>
    public Model(Sequential network, string head)
        : this(network, head, new Dictionary<string, string>())
    {
    }
}

/// <summary>The known output heads of a <see cref="Model"/>.</summary>
public static class ModelHead
{
    /// <summary>Outputs are logits of a classifier; probabilities are their row-wise softmax.</summary>
    public const string Softmax = "softmax";

    /// <summary>Outputs are logits of independent binary decisions; probabilities are their sigmoid.</summary>
    public const string Sigmoid = "sigmoid";

    /// <summary>Outputs are the predictions as they are (regression, or a network ending in its own activation).</summary>
    public const string Identity = "identity";

    /// <summary>All known heads.</summary>
    public static IReadOnlyList<string> All { get; } = [Softmax, Sigmoid, Identity];

    /// <summary>True when <paramref name="head"/> is one of <see cref="All"/> (case-sensitive).</summary>
    public static bool IsKnown(string? head) => head is Softmax or Sigmoid or Identity;
}
