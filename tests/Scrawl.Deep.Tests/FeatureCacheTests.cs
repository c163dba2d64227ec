using Scrawl.Deep.Onnx;
using Scrawl.Deep.Training;
using Scrawl.Deep.Transfer;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>The frozen-feature cache between fine-tuning runs, the joined train+val views and the saved probabilities (ResNet18.onnx at 32×32).</summary>
public sealed class FeatureCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-feature-cache-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string ResNet18 => Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx");

    /// <summary>A two-class tuner over <paramref name="backbone"/> that trains nothing: only its frozen features are used.</summary>
    private static FineTuner FeaturesOnly(OnnxGraphModule backbone) => new(backbone, 2, new FineTuneOptions(HeadEpochs: 0, TuneEpochs: 0));

    [Fact]
    public void A_second_run_reads_what_the_first_computed_and_any_changed_input_misses()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        using var backbone = new OnnxGraphModule(TestData.ResNet18.Value);
        var tuner = FeaturesOnly(backbone);
        var log = new List<string>();
        var cache = new FeatureCache(_dir, FeatureCache.NetworkKey(ResNet18, tuner.Cut), log.Add);
        var set = TransferTests.Colours(2, 1);
        using var computed = TransferViews.Eval(tuner, set, flip: true, cache);
        using var read = TransferViews.Eval(tuner, set, flip: true, cache);
        Assert.Equal(["wrote", "read"], log.Select(l => l.Split(' ')[2]));
        Assert.True(computed.Images.allclose(read.Images, rtol: 0, atol: 0), "bit-identical features");
        Assert.Equal(computed.Labels.data<long>().ToArray(), read.Labels.data<long>().ToArray());

        // One pixel changed, the mirror dropped, another cut: each is another file.
        var changed = TransferTests.Colours(2, 1);
        changed.Images.Span[100] += 0.01f;
        string[] files =
        [
            cache.FileFor(set, flip: true), cache.FileFor(changed, flip: true), cache.FileFor(set, flip: false),
            new FeatureCache(_dir, FeatureCache.NetworkKey(ResNet18, backbone.OutputsOf("Relu")[^7])).FileFor(set, flip: true),
        ];
        Assert.Equal(files.Length, files.Distinct().Count());
        Assert.Equal(cache.FileFor(TransferTests.Colours(2, 1), flip: true), files[0]); // the same pixels: the same file
        using var again = TransferViews.Eval(tuner, changed, flip: true, cache);
        Assert.StartsWith("feature cache: wrote", log[^1]);
    }

    [Fact]
    public void A_corrupt_cache_file_is_reported_by_name_and_recomputed()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        using var backbone = new OnnxGraphModule(TestData.ResNet18.Value);
        var tuner = FeaturesOnly(backbone);
        var log = new List<string>();
        var cache = new FeatureCache(_dir, FeatureCache.NetworkKey(ResNet18, tuner.Cut), log.Add);
        var set = TransferTests.Colours(2, 1);
        using var first = TransferViews.Eval(tuner, set, flip: false, cache);
        string path = cache.FileFor(set, flip: false);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^40] ^= 0x10; // a bit of the last values (the 32-byte checksum follows them)
        File.WriteAllBytes(path, bytes);
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => FeatureCache.Read(path)).Message);
        using var second = TransferViews.Eval(tuner, set, flip: false, cache);
        Assert.Contains(log, l => l.Contains(path, StringComparison.Ordinal) && l.Contains("recomputing", StringComparison.Ordinal));
        Assert.True(first.Images.allclose(second.Images, rtol: 0, atol: 0));
        File.WriteAllBytes(path, bytes[..^10]);
        var e = Assert.Throws<InvalidDataException>(() => FeatureCache.Read(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Joined_cached_views_are_laid_out_as_the_views_of_the_joined_set()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        using var backbone = new OnnxGraphModule(TestData.ResNet18.Value);
        var tuner = FeaturesOnly(backbone);
        var train = TransferTests.Colours(3, 1);
        var valid = TransferTests.Colours(1, 2);
        using var a = TransferViews.Eval(tuner, train, flip: true);
        using var b = TransferViews.Eval(tuner, valid, flip: true);
        using var joined = TransferViews.Concat(a, b, 2);
        using var whole = TransferViews.Eval(tuner, Data.ImageSet.Concat("both", train, valid), flip: true);
        Assert.Equal(whole.Labels.data<long>().ToArray(), joined.Labels.data<long>().ToArray());
        Assert.True(whole.Images.allclose(joined.Images, rtol: 1e-5, atol: 1e-5));
        Assert.Throws<ArgumentException>(() => TransferViews.Concat(a, b, 3));
    }

    [Fact]
    public void Saved_probabilities_give_the_last_epochs_accuracy_per_view_and_over_views()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        using var backbone = new OnnxGraphModule(TestData.ResNet18.Value);
        var tuner = new FineTuner(backbone, 2, new FineTuneOptions(HeadEpochs: 4, TuneEpochs: 1, HeadRate: 1e-2, Batch: 8, Seed: 3, EvalViews: 2));
        using var train = TransferViews.Train(tuner, TransferTests.Colours(4, 1), 32, new ViewOptions("flip"));
        using var test = TransferViews.Eval(tuner, TransferTests.Colours(5, 2), flip: true);
        tuner.Fit(train, null, test);
        var p = tuner.Probabilities("test", test);
        Assert.Equal((10, 2, 2), (p.Count, p.Views, p.Classes));
        Assert.Equal([0, 1, 0, 1, 0, 1, 0, 1, 0, 1], p.Labels);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(1f, p.Values[2 * i] + p.Values[(2 * i) + 1], 5));
        Assert.Equal(tuner.History[^1].TestAccuracy, 1 - (p.Errors() / 10.0), 9);
        Assert.Equal(tuner.FirstViewAccuracies[^1].Test, 1 - (p.Errors(firstViewOnly: true) / 10.0), 9);
    }
}
