namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// A layer's forward pass evaluated in float64 from its float32 parameters. The gradient checker uses
/// it so that central differences of the loss carry no float32 rounding noise: the check then
/// measures only the error of the analytic (float32) gradient, and its bound can stay tight.
/// </summary>
public interface IFloat64Forward
{
    /// <summary>
    /// output[rows × OutputFeatures(inputFeatures)] = layer(input[rows × inputFeatures]) in double,
    /// row-major; rows ≥ 1.
    /// </summary>
    void ForwardFloat64(ReadOnlySpan<double> input, int rows, int inputFeatures, Span<double> output);
}
