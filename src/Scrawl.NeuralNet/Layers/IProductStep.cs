using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// An optimizer that can apply its update to a weight whose gradient is a matrix product
/// G = op(A)·op(B) inside that product (e.g. W ← W − lr·AᵀB as one GEMM with alpha = −lr, beta = 1),
/// so the gradient is never written out and read back. The trainer attaches it to parameters when
/// <c>TrainingOptions.FuseUpdates</c> is on; results equal the unfused step up to float rounding.
/// It lives beside <see cref="Parameter"/> (which holds it), so Layers need not know Optimizers.
/// </summary>
public interface IProductStep
{
    /// <summary>
    /// Applies the update for <paramref name="parameter"/> given its gradient op(A)·op(B). When
    /// <paramref name="aRows"/> is given, A is those rows of <paramref name="a"/> (see <c>Gemm.MatMulGathered</c>).
    /// </summary>
    void StepWithProduct(Parameter parameter, Tensor a, Tensor b, bool transposeA, bool transposeB, ArraySegment<int>? aRows = null);
}
