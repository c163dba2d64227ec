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
    internal static ImageSet Colours(int perClass, long seed, int side = 32)
    {
        var random = new Numerics.SeededRandom(seed);
        var images = new Numerics.Tensor(2 * perClass, side, side, 3);
        var labels = new int[2 * perClass];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = i % 2;
            var pixels = images.Span.Slice(i * side * side * 3, side * side * 3);
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
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
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
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
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
    public void Crop_views_are_stacked_view_major_with_their_labels_and_seeded()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        using var backbone = new OnnxGraphModule(TestData.ResNet18.Value);
        var tuner = new FineTuner(backbone, 2, new FineTuneOptions(HeadEpochs: 0, TuneEpochs: 0));
        var set = Colours(2, 5, side: 36); // 4 images of 36×36 → crops of 32×32
        var views = new ViewOptions("crops", Views: 3, Seed: 7);
        using var a = TransferViews.Train(tuner, set, 32, views);
        using var b = TransferViews.Train(tuner, set, 32, views);
        using var c = TransferViews.Train(tuner, set, 32, views with { Seed = 8 });
        using var flips = TransferViews.Train(tuner, Colours(2, 5), 32, new ViewOptions("flip"));
        Assert.Equal([12L, 512, 1, 1], a.Images.shape); // the input of the last two blocks
        Assert.Equal([0L, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], a.Labels.data<long>().ToArray());
        Assert.True(a.Images.allclose(b.Images, rtol: 0, atol: 0));
        Assert.False(a.Images.allclose(c.Images));
        Assert.False(a.Images.narrow(0, 0, 4).allclose(a.Images.narrow(0, 4, 4)), "each view is another crop");
        Assert.Equal(8, flips.Count);
        Assert.Throws<ArgumentException>(() => TransferViews.Train(tuner, set, 32, new ViewOptions("rotate")));
    }

    [Fact]
    public void Test_time_views_average_their_softmax_and_the_rate_warms_up_then_decays()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        using var backbone = new OnnxGraphModule(TestData.ResNet18.Value);
        var options = new FineTuneOptions(HeadEpochs: 3, TuneEpochs: 2, HeadRate: 1e-2, Batch: 8, Seed: 3, LabelSmoothing: 0.1, WarmupEpochs: 1, EvalViews: 2);
        var tuner = new FineTuner(backbone, 2, options);
        using var train = TransferViews.Train(tuner, Colours(4, 1), 32, new ViewOptions("flip"));
        using var test = TransferViews.Eval(tuner, Colours(3, 2), flip: true);
        tuner.Fit(train, null, test);
        Assert.Equal(5, tuner.History.Count);
        Assert.All(tuner.History, h => Assert.True(double.IsNaN(h.ValidAccuracy)));
        Assert.Equal(tuner.History.Count, tuner.FirstViewAccuracies.Count);
        double accuracy = tuner.History[^1].TestAccuracy;
        Assert.Equal(Math.Round(accuracy * 6) / 6, accuracy, 9); // a fraction of the 6 test images, not of their 12 views
        Assert.Equal(options.TuneRate / 4, tuner.TuneRateAt(0, 4), 12);
        Assert.Equal(options.TuneRate, tuner.TuneRateAt(3, 4), 12);
        Assert.True(tuner.TuneRateAt(5, 4) < options.TuneRate && tuner.TuneRateAt(7, 4) < tuner.TuneRateAt(5, 4));
        using var odd = TransferViews.Eval(tuner, Colours(3, 2), flip: false);
        using var oddViews = new LabelledTensors(odd.Images.narrow(0, 0, 5), odd.Labels.narrow(0, 0, 5));
        Assert.Throws<ArgumentException>(() => tuner.Fit(train, null, oddViews));
    }

    [Fact]
    public void Fine_tuning_changes_only_the_last_block()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
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
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
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
