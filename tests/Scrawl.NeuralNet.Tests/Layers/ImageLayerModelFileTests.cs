using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Tests.Serialization;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests.Layers;

/// <summary>Convolutional networks through <see cref="ModelFile"/>: configuration, weights and outputs survive.</summary>
public class ImageLayerModelFileTests
{
    /// <summary>Conv(1→4, 3, pad 1) + ReLU + Dropout + MaxPool(2) + Conv(4→6, 3, stride 2) + GAP + Dense(6→5), random biases.</summary>
    internal static Sequential ConvNetwork(long seed)
    {
        var random = new SeededRandom(seed);
        var image = new ImageShape(1, 8, 9);
        var conv1 = new Conv2D(image, 4, 3, 1, 1, random);
        var pool = new MaxPool2D(conv1.Output, 2);
        var conv2 = new Conv2D(pool.Output, 6, 3, 2, 0, random);
        var network = new Sequential(image.Features,
            conv1, new Relu(), new Dropout(0.25, seed: 3), pool, conv2, new GlobalAveragePool(conv2.Output), new Dense(6, 5, random));
        foreach (var p in network.Parameters.Where(p => p.Name == "bias"))
        {
            random.FillUniform(p.Value.Span, -1, 1);
        }

        return network;
    }

    [Fact]
    public void A_convolutional_network_round_trips_bit_identically()
    {
        var network = ConvNetwork(21);
        using var dir = TestFiles.TempDirectory();
        string path = dir.File("conv.scrawl");
        ModelFile.Save(new Model(network, ModelHead.Softmax), path);
        var loaded = ModelFile.Load(path).Network;

        Assert.Equal(network.Layers.Select(l => l.Kind), loaded.Layers.Select(l => l.Kind));
        for (int i = 0; i < network.Parameters.Count; i++)
        {
            Assert.Equal(network.Parameters[i].Value.Span.ToArray(), loaded.Parameters[i].Value.Span.ToArray());
        }

        var conv2 = (Conv2D)loaded.Layers[4];
        Assert.Equal((6, 3, 2, 0), (conv2.OutChannels, conv2.Kernel, conv2.Stride, conv2.Padding));
        Assert.Equal(new ImageShape(4, 4, 4), conv2.Input);
        var dropout = (Dropout)loaded.Layers[2];
        Assert.Equal((0.25, 3L, false), (dropout.Rate, dropout.Seed, dropout.Training));
        var pool = (MaxPool2D)loaded.Layers[3];
        Assert.Equal((2, 2), (pool.Kernel, pool.Stride));

        var x = TestData.Uniform(22, 0f, 1f, 3, network.InputFeatures);
        Assert.Equal(network.Forward(x).Span.ToArray(), loaded.Forward(x).Span.ToArray());
    }
}
