using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests;

/// <summary>The seed's theory facts as properties on random inputs (fixed seeds).</summary>
public class TheoryPropertyTests
{
    public static TheoryData<long> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Softmax_is_invariant_to_adding_a_constant(long seed)
    {
        var random = new SeededRandom(seed);
        var x = new float[36];
        random.FillUniform(x, -5f, 5f);
        float c = (float)random.Uniform(-50, 50);
        var shifted = x.Select(v => v + c).ToArray();
        var p = new float[36];
        var q = new float[36];
        Softmax.Row(x, p);
        Softmax.Row(shifted, q);
        for (int i = 0; i < p.Length; i++)
        {
            // Shifting by c rounds x + c to float32 (up to 2⁻¹⁸ absolute for |x + c| < 64), which moves p by p·2⁻¹⁸.
            Assert.Equal(p[i], q[i], 1e-5f);
        }

        Assert.Equal(1.0, p.Sum(v => (double)v), 1e-5);
    }

    [Fact]
    public void Softmax_survives_huge_logits()
    {
        var p = new float[3];
        Softmax.Row([1000f, 999f, -1000f], p);
        Assert.All(p, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1 / (1 + MathF.Exp(-1)), p[0], 1e-6f);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Sigmoid_derivative_is_sigma_times_one_minus_sigma(long seed)
    {
        var input = TestData.Uniform(seed, -6f, 6f, 3, 40);
        var layer = new Sigmoid();
        var y = layer.Forward(input).Clone();
        var ones = new Tensor(3, 40);
        ones.Fill(1f);
        var derivative = layer.Backward(ones, needInputGradient: true)!;
        for (int i = 0; i < y.Length; i++)
        {
            double x = input.Span[i];
            double s = 1 / (1 + Math.Exp(-x));
            Assert.Equal(s, y.Span[i], 1e-6);
            Assert.Equal(s * (1 - s), derivative.Span[i], 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Tanh_equals_two_sigma_of_two_x_minus_one(long seed)
    {
        var input = TestData.Uniform(seed, -5f, 5f, 2, 50);
        var tanh = new Tanh().Forward(input).Clone();
        var doubled = input.Clone();
        System.Numerics.Tensors.TensorPrimitives.Multiply(doubled.Span, 2f, doubled.Span);
        var sigma = new Sigmoid().Forward(doubled);
        for (int i = 0; i < input.Length; i++)
        {
            Assert.Equal(tanh.Span[i], (2 * sigma.Span[i]) - 1, 2e-6f);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_stack_of_linear_layers_equals_one_linear_layer(long seed)
    {
        var random = new SeededRandom(seed);
        var a = new Dense(9, 7, random);
        var b = new Dense(7, 5, random);
        var c = new Dense(5, 4, random);
        foreach (var d in new[] { a, b, c })
        {
            random.FillUniform(d.Bias.Value.Span, -1f, 1f);
        }

        // Collapse: W = Wa·Wb·Wc, bias = ((ba·Wb) + bb)·Wc + bc.
        var wab = new Tensor(9, 5);
        Gemm.MatMul(a.Weight.Value, b.Weight.Value, wab);
        var single = new Dense(9, 4);
        Gemm.MatMul(wab, c.Weight.Value, single.Weight.Value);
        var bias = a.Bias.Value.Reshape(1, 7);
        var bb = b.Bias.Value.Clone().Reshape(1, 5);
        Gemm.MatMul(bias, b.Weight.Value, bb, beta: 1f);
        var bc = c.Bias.Value.Clone().Reshape(1, 4);
        Gemm.MatMul(bb, c.Weight.Value, bc, beta: 1f);
        bc.Span.CopyTo(single.Bias.Value.Span);

        var x = TestData.Uniform(seed + 100, -1f, 1f, 6, 9);
        var stacked = new Sequential(9, a, b, c).Forward(x).Clone();
        var collapsed = new Sequential(9, single).Forward(x);
        Assert.True(stacked.MaxAbsDifference(collapsed) < 1e-5f, $"max diff {stacked.MaxAbsDifference(collapsed)}");
    }
}
