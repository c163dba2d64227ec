using Scrawl.Data;
using Scrawl.Deep.Training;
using SeededRandom = Scrawl.Numerics.SeededRandom;
using static TorchSharp.torch;

namespace Scrawl.Deep.Transfer;

/// <summary>How the training images of a fine-tuning run are augmented before their frozen features are cached.</summary>
/// <param name="Mode">"flip": each image and its mirror (2 views); "crops": <paramref name="Views"/> random-resized crops of each image.</param>
/// <param name="Views">Crops per image for "crops", ≥ 1 (ignored for "flip").</param>
/// <param name="MinArea">The least fraction of the image a crop covers, in (0, 1].</param>
/// <param name="Jitter">Colour jitter strength (brightness, contrast, saturation × 1 ± jitter), in [0, 1).</param>
/// <param name="Seed">Seed of the crops, mirrors and jitter.</param>
public sealed record ViewOptions(string Mode = "flip", int Views = 4, double MinArea = 0.35, double Jitter = 0.3, long Seed = 0)
{
    /// <summary>The accepted modes.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["flip", "crops"];

    /// <summary>Training views per image.</summary>
    public int Count => Mode == "flip" ? 2 : Views;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!Modes.Contains(Mode))
        {
            throw new ArgumentException($"--augment must be flip or crops, got '{Mode}'.");
        }

        if (Views < 1 || MinArea is <= 0 or > 1 || Jitter is < 0 or >= 1)
        {
            throw new ArgumentException("--views must be ≥ 1, --crop-area in (0, 1] and --jitter in [0, 1).");
        }
    }
}

/// <summary>
/// The cached frozen features of a fine-tuning run's images, several views per image stacked view-major (view v of image i at
/// v·N + i, labels repeated), so <see cref="FineTuner"/> trains on augmented views without running the frozen layers again.
/// </summary>
public static class TransferViews
{
    /// <summary>
    /// Frozen features of <paramref name="options"/>' training views of <paramref name="set"/> (RGB; for "crops" best loaded
    /// somewhat larger than <paramref name="size"/>): "flip" uses the images as they are and mirrored; "crops" draws, per view and
    /// image, a random-resized crop to <paramref name="size"/> ≥ 1 (mirrored half the time) and colour jitter, seeded.
    /// </summary>
    public static LabelledTensors Train(FineTuner tuner, ImageSet set, int size, ViewOptions options, FeatureCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(tuner);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Mode == "flip")
        {
            return Eval(tuner, set, flip: true, cache);
        }

        using var rgb = ImageTensors.Images(set);
        var parts = new List<Tensor>();
        for (int v = 0; v < options.Views; v++)
        {
            var random = new SeededRandom((options.Seed * 1_000_037) + 101 + v);
            for (long s = 0; s < rgb.shape[0]; s += 32)
            {
                using var scope = NewDisposeScope();
                var chunk = rgb.narrow(0, s, Math.Min(32, rgb.shape[0] - s));
                var crops = ImageAugmentation.RandomResizedCrops(chunk, random, size, options.MinArea, flip: true);
                if (options.Jitter > 0)
                {
                    crops = ImageAugmentation.ColourJitter(crops, random, options.Jitter);
                }

                parts.Add(tuner.Features(ImageNetInput.Normalize(crops)).MoveToOuterDisposeScope());
            }
        }

        return Stack(parts, set, options.Views);
    }

    /// <summary>
    /// Frozen features of <paramref name="set"/>'s images as they are and, when <paramref name="flip"/>, mirrored (2 views);
    /// read from <paramref name="cache"/> when it holds them, else computed (and written there).
    /// </summary>
    public static LabelledTensors Eval(FineTuner tuner, ImageSet set, bool flip, FeatureCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(tuner);
        ArgumentNullException.ThrowIfNull(set);
        Tensor Compute()
        {
            using var x = ImageNetInput.From(set);
            var parts = new List<Tensor> { tuner.Features(x) };
            if (flip)
            {
                using var mirrored = x.flip(3);
                parts.Add(tuner.Features(mirrored));
            }

            var all = cat(parts, 0);
            parts.ForEach(p => p.Dispose());
            return all;
        }

        var features = cache is null ? Compute() : cache.GetOrCompute(set, flip, Compute);
        using var labels = ImageTensors.Labels(set);
        return new LabelledTensors(features, labels.repeat(flip ? 2 : 1));
    }

    /// <summary>
    /// Two sets' cached views joined as the views of their concatenation (view v: <paramref name="first"/>'s images, then
    /// <paramref name="second"/>'s), the same layout as computing the views of <see cref="ImageSet.Concat"/> of both.
    /// </summary>
    public static LabelledTensors Concat(LabelledTensors first, LabelledTensors second, int views)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        long n1 = first.Count / views, n2 = second.Count / views;
        if (views < 1 || n1 * views != first.Count || n2 * views != second.Count)
        {
            throw new ArgumentException($"{first.Count} and {second.Count} samples are not {views} views each.", nameof(views));
        }

        var images = new List<Tensor>();
        var labels = new List<Tensor>();
        for (int v = 0; v < views; v++)
        {
            images.Add(first.Images.narrow(0, v * n1, n1));
            images.Add(second.Images.narrow(0, v * n2, n2));
            labels.Add(first.Labels.narrow(0, v * n1, n1));
            labels.Add(second.Labels.narrow(0, v * n2, n2));
        }

        var joined = new LabelledTensors(cat(images, 0), cat(labels, 0));
        images.Concat(labels).ToList().ForEach(t => t.Dispose());
        return joined;
    }

    private static LabelledTensors Stack(List<Tensor> parts, ImageSet set, int views)
    {
        var features = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        using var labels = ImageTensors.Labels(set);
        return new LabelledTensors(features, labels.repeat(views));
    }
}
