using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests.Layers;

/// <summary>Shapes, validation, buffer reuse and training mode of the image layers.</summary>
public class ImageLayerBehaviourTests
{
    [Theory]
    [InlineData(1, 0, 3, 4)]
    [InlineData(1, 1, 5, 6)]
    [InlineData(2, 0, 2, 2)]
    [InlineData(2, 1, 3, 3)]
    public void Conv2D_output_shape_follows_the_formula(int stride, int padding, int height, int width)
    {
        var conv = new Conv2D(new ImageShape(2, 5, 6), 3, 3, stride, padding);
        Assert.Equal(new ImageShape(3, height, width), conv.Output);
        Assert.Equal(3 * height * width, conv.OutputFeatures(60));
    }

    [Fact]
    public void Image_layers_reject_a_wrong_feature_count()
    {
        var shape = new ImageShape(2, 5, 6);
        Assert.Throws<ArgumentException>(() => new Conv2D(shape, 3, 3).OutputFeatures(59));
        Assert.Throws<ArgumentException>(() => new MaxPool2D(shape, 2).OutputFeatures(61));
        Assert.Throws<ArgumentException>(() => new GlobalAveragePool(shape).OutputFeatures(30));
        Assert.Throws<ArgumentException>(() => new Conv2D(shape, 3, 3).Forward(new Tensor(2, 59)));
        Assert.Throws<ArgumentException>(() => new Sequential(60, new Conv2D(shape, 3, 3), new Dense(60, 2)));
    }

    [Fact]
    public void Invalid_geometry_is_refused()
    {
        var shape = new ImageShape(1, 4, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(shape, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(shape, 2, 3, stride: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(shape, 2, 3, padding: 3));
        Assert.Throws<ArgumentException>(() => new Conv2D(shape, 2, 7, padding: 1));
        Assert.Throws<ArgumentException>(() => new MaxPool2D(shape, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageShape(0, 4, 4));
    }

    [Fact]
    public void Conv2D_gives_the_same_rows_whatever_the_batch_size()
    {
        // Buffers are reused and grow; a sample's output must not depend on its batch.
        var conv = new Conv2D(new ImageShape(2, 5, 6), 3, 3, 2, 1, new SeededRandom(1));
        var big = TestData.Uniform(2, -1f, 1f, 4, 60);
        var all = conv.Forward(big).Clone();
        var one = conv.Forward(Tensor.FromSpan(big.Row(2), 1, 60));
        Assert.Equal(all.Row(2).ToArray(), one.Row(0).ToArray());
        Assert.Equal(all.Row(1).ToArray(), conv.Forward(big).Row(1).ToArray());
    }

    [Fact]
    public void Dropout_is_the_identity_at_inference_and_seeded_while_training()
    {
        var x = TestData.Uniform(3, 0.5f, 1f, 20, 50);
        var dropout = new Dropout(0.3, seed: 4);
        Assert.False(dropout.Training);
        Assert.Equal(x.Span.ToArray(), dropout.Forward(x).Span.ToArray());

        dropout.Training = true;
        var y = dropout.Forward(x).Span.ToArray();
        double zeroed = y.Count(v => v == 0) / (double)y.Length;
        Assert.InRange(zeroed, 0.25, 0.35);
        Assert.All(y.Zip(x.Span.ToArray()), p => Assert.True(p.First == 0 || Math.Abs(p.First - (p.Second / 0.7f)) < 1e-6));

        var again = new Dropout(0.3, seed: 4) { Training = true };
        Assert.Equal(y, again.Forward(x).Span.ToArray());
    }

    [Fact]
    public void SetTraining_switches_only_the_layers_with_a_training_mode()
    {
        var network = ImageLayerModelFileTests.ConvNetwork(5);
        Assert.Equal(1, network.SetTraining(true));
        Assert.True(network.Layers.OfType<Dropout>().Single().Training);
        network.SetTraining(false);
        Assert.False(network.Layers.OfType<Dropout>().Single().Training);
    }
}
