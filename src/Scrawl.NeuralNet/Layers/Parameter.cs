using Scrawl.NeuralNet.Optimizers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>A trainable tensor and the gradient of the loss with respect to it (same shape).</summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter around <paramref name="value"/> with a zero gradient of the same shape.</summary>
    public Parameter(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Gradient = new Tensor(value.Shape.ToArray());
    }

    /// <summary>The parameter's name within its layer, e.g. "weight" or "bias".</summary>
    public string Name { get; }

    /// <summary>The current values.</summary>
    public Tensor Value { get; }

    /// <summary>
    /// dLoss/dValue from the last backward pass. Not written when a fused optimizer step was applied
    /// instead (see <see cref="FusedStep"/>).
    /// </summary>
    public Tensor Gradient { get; }

    /// <summary>
    /// When set, <see cref="SetGradientToProduct"/> applies this optimizer's update directly instead of
    /// storing the gradient. Set by the trainer for the duration of a run; null otherwise.
    /// </summary>
    public IProductStep? FusedStep { get; set; }

    /// <summary>True when the update for the current batch was already applied during backprop.</summary>
    public bool StepApplied { get; set; }

    /// <summary>
    /// Records a gradient of the form op(A)·op(B) (shape checked by the GEMM): stores it in
    /// <see cref="Gradient"/>, or, with a <see cref="FusedStep"/>, applies the update and marks
    /// <see cref="StepApplied"/>. Layers call this after anything that still needs the old value.
    /// </summary>
    public void SetGradientToProduct(Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        if (FusedStep is { } step)
        {
            step.StepWithProduct(this, a, b, transposeA, transposeB);
            StepApplied = true;
            return;
        }

        Gemm.MatMul(a, b, Gradient, transposeA, transposeB);
    }
}
