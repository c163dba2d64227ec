using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Scrawl.NeuralNet.Optimizers;

/// <summary>Plain stochastic gradient descent: W ← W − lr·g.</summary>
public sealed class Sgd : Optimizer, IProductStep
{
    /// <summary>Creates the optimizer with a learning rate &gt; 0.</summary>
    public Sgd(float learningRate)
        : base(learningRate)
    {
    }

    /// <inheritdoc/>
    public override string Kind => "sgd";

    /// <inheritdoc/>
    public void StepWithProduct(Parameter parameter, Tensor a, Tensor b, bool transposeA, bool transposeB, ArraySegment<int>? aRows = null)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        Parameter.Product(a, b, parameter.Value, transposeA, transposeB, aRows, alpha: -LearningRate, beta: 1f);
    }

    /// <inheritdoc/>
    protected override void Update(Parameter parameter) =>
        TensorPrimitives.MultiplyAdd(parameter.Gradient.Span, -LearningRate, parameter.Value.Span, parameter.Value.Span);
}
