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
    /// <remarks>With <paramref name="aRows"/>, A is those rows of <paramref name="a"/>, read in place by the GEMM.</remarks>
    public void SetGradientToProduct(Tensor a, Tensor b, bool transposeA, bool transposeB, ArraySegment<int>? aRows = null)
    {
        if (FusedStep is { } step)
        {
            step.StepWithProduct(this, a, b, transposeA, transposeB, aRows);
            StepApplied = true;
            return;
        }

        Product(a, b, Gradient, transposeA, transposeB, aRows);
    }

    /// <summary>c = alpha·op(A)·op(b) + beta·c where A is <paramref name="a"/> or, given <paramref name="aRows"/>, those rows of it.</summary>
    public static void Product(Tensor a, Tensor b, Tensor c, bool transposeA, bool transposeB, ArraySegment<int>? aRows, float alpha = 1f, float beta = 0f)
    {
        if (aRows is { } rows)
        {
            Gemm.MatMulGathered(a, rows, b, c, transposeA, transposeB, alpha, beta);
        }
        else
        {
            Gemm.MatMul(a, b, c, transposeA, transposeB, alpha, beta);
        }
    }
}
