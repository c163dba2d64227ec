using Scrawl.Data;
using Scrawl.Deep.Onnx;
using Scrawl.Deep.Training;
using Scrawl.Deep.Transfer;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>Fine-tuning pieces on ResNet18.onnx at 32×32 with a handful of synthetic RGB images (fast).</summary>
public class TransferTests
{
    private static string ResNet18 => Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx");

    /// <summary>Two classes: reddish vs bluish images with noise.</summary>
    private static ImageSet Colours(int perClass, long seed)
    {
        var random = new Numerics.SeededRandom(seed);
        var images = new Numerics.Tensor(2 * perClass, 32, 32, 3);
        var labels = new int[2 * perClass];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = i % 2;
            var pixels = images.Span.Slice(i * 32 * 32 * 3, 32 * 32 * 3);
            for (int p = 0; p < pixels.Length; p++)
            {
                bool strong = (p % 3 == 0) == (labels[i] == 0); // R for class 0, G/B for class 1
                pixels[p] = (strong ? 0.7f : 0.2f) + (0.2f * random.NextSingle());
            }
        }

        return new ImageSet(images, labels, ["red", "blue"], "colours");
    }

    private static LabelledTensors Cached(FineTuner tuner, ImageSet set)
    {
        using var x = ImageNetInput.From(set);
        return new LabelledTensors(tuner.Features(x), ImageTensors.Labels(set));
    }

    [Fact]
    public void Input_is_bgr_0_255_minus_the_imagenet_mean()
    {
        TorchRuntime.EnsureLoaded();
        var set = Colours(1, 1);
        using var x = ImageNetInput.From(set);
        Assert.Equal([2L, 3, 32, 32], x.shape);
        float red = set.Images[0] ; // pixel (0, 0) channel R of image 0
        Assert.Equal((red * 255f) - ImageNetInput.MeanBgr[2], x[0, 2, 0, 0].item<float>(), 3);
        Assert.Throws<ArgumentException>(() => ImageNetInput.From(new ImageSet(new Numerics.Tensor(1, 8, 8), [0], ["a"], "grey")));
    }

    [Fact]
    public void Pretrained_fine_tuning_learns_an_easy_task_in_both_phases()
    {
        TorchRuntime.EnsureLoaded();
        using var backbone = new OnnxGraphModule(TestData.ResNet18.Value);
        var tuner = new FineTuner(backbone, 2, new FineTuneOptions(HeadEpochs: 8, TuneEpochs: 2, HeadRate: 1e-2, TuneRate: 1e-4, Batch: 8, Seed: 3));
        using var train = Cached(tuner, Colours(8, 1));
        using var valid = Cached(tuner, Colours(4, 2));
        using var test = Cached(tuner, Colours(4, 3));
        Assert.Equal(512, train.Images.shape[1]); // the input of the network's last two blocks
        double accuracy = tuner.Fit(train, valid, test);
        Assert.Equal(10, tuner.History.Count);
        Assert.Equal(1.0, accuracy);
        Assert.True(tuner.History[^1].TrainLoss < tuner.History[0].TrainLoss);
    }

    [Fact]
    public void Fine_tuning_changes_only_the_last_block()
    {
        TorchRuntime.EnsureLoaded();
        using var backbone = new OnnxGraphModule(TestData.ResNet18.Value);
        var before = backbone.parameters().Select(p => p.detach().clone()).ToList();
        var tuner = new FineTuner(backbone, 2, new FineTuneOptions(HeadEpochs: 0, TuneEpochs: 1, TuneRate: 1e-3, Batch: 8, Seed: 3));
        using var train = Cached(tuner, Colours(4, 1));
        tuner.Fit(train, train, train);
        var tail = backbone.ParametersAfter(tuner.Cut).ToHashSet();
        var after = backbone.parameters().ToList();
        for (int i = 0; i < after.Count; i++)
        {
            bool changed = !after[i].detach().allclose(before[i], rtol: 0, atol: 0);
            Assert.Equal(tail.Contains(after[i]), changed);
        }
    }

    [Fact]
    public void Scratch_network_is_reinitialised_and_augments_only_in_training()
    {
        TorchRuntime.EnsureLoaded();
        manual_seed(1);
        using var pretrained = new OnnxGraphModule(TestData.ResNet18.Value);
        using var graph = new OnnxGraphModule(TestData.ResNet18.Value);
        using var net = new ScratchNet(graph, 5);
        Assert.False(pretrained.parameters().First().allclose(graph.parameters().First()));
        using var x = ImageNetInput.From(Colours(2, 4));
        net.eval();
        using var a = net.forward(x);
        using var b = net.forward(x);
        Assert.Equal([4L, 5], a.shape);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
    }
}
