using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests.Layers;

/// <summary>
/// Pooling and activations split a large batch over the cores: the batch's results must be bit for bit those of each sample
/// passed alone (which stays on one thread), both ways.
/// </summary>
public class ParallelPassesTests
{
    private static Tensor Random(int rows, int features, int seed)
    {
        var t = new Tensor(rows, features);
        var random = new SeededRandom(seed);
        random.FillUniform(t.Span, -1f, 1f);
        // Ties and exact zeros, as after a ReLU.
        for (int i = 0; i < t.Length; i += 7)
        {
            t.Span[i] = 0f;
        }

        return t;
    }

    public static TheoryData<string> Layers => ["maxpool", "relu", "sigmoid", "tanh"];

    private static ILayer Create(string kind, ImageShape shape) => kind switch
    {
        "maxpool" => new MaxPool2D(shape, 2),
        "relu" => new Relu(),
        "sigmoid" => new Sigmoid(),
        _ => new Tanh(),
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_batch_split_over_the_cores_equals_each_sample_alone(string kind)
    {
        var shape = new ImageShape(16, 28, 28);
        int batch = 24, features = shape.Features;
        var x = Random(batch, features, 5);
        var layer = Create(kind, shape);
        var y = layer.Forward(x).Span.ToArray();
        int outFeatures = y.Length / batch;
        var dy = Random(batch, outFeatures, 6);
        var dx = layer.Backward(dy, needInputGradient: true)!.Span.ToArray();

        var alone = Create(kind, shape);
        for (int n = 0; n < batch; n++)
        {
            var yn = alone.Forward(Tensor.FromSpan(x.Row(n), 1, features)).Span.ToArray();
            var dxn = alone.Backward(Tensor.FromSpan(dy.Row(n), 1, outFeatures), needInputGradient: true)!.Span.ToArray();
            Assert.Equal(yn.Select(BitConverter.SingleToInt32Bits), y.AsSpan(n * outFeatures, outFeatures).ToArray().Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(dxn.Select(BitConverter.SingleToInt32Bits), dx.AsSpan(n * features, features).ToArray().Select(BitConverter.SingleToInt32Bits));
        }
    }
}
