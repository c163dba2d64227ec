using Scrawl.Data;
using Scrawl.Numerics;
using Scrawl.Ocr.Training;

namespace Scrawl.Ocr.Tests.Training;

/// <summary>How an epoch is drawn: class prior, pooled real images and label smoothing.</summary>
public class EpochSamplerTests
{
    private static readonly string[] Names = ["A", "B"];

    /// <summary>A set of 4×4 images, each filled with its value; labels as given.</summary>
    private static ImageSet Set(string name, float value, params int[] labels)
    {
        var images = new Tensor(labels.Length, 4, 4);
        images.Span.Fill(value);
        return new ImageSet(images, labels, Names, name);
    }

    /// <summary>Real class A: one image in a small source (pixels 0.2), 99 in a large one (0.8); class B: 3 images in the large one.</summary>
    private static CharModelSources Sources() => new(
        Set("synthetic", 0.5f, 0, 1),
        [Set("small", 0.2f, 0), Set("large", 0.8f, [.. Enumerable.Repeat(0, 99), 1, 1, 1])],
        [], []);

    [Theory]
    [InlineData(0.0, 100, 100)]
    [InlineData(1.0, 194, 6)]
    [InlineData(0.5, 170, 30)]
    public void Class_prior_shares_the_epoch_by_real_counts_to_the_power_alpha(double alpha, int a, int b)
    {
        var sampler = new EpochSampler(Sources(), 100, 0, 1, null, new EpochDraw { ClassPrior = alpha });
        Assert.Equal([a, b], sampler.Quotas);
        sampler.Images(1, out int[] labels);
        Assert.Equal(a, labels.Count(l => l == 0));
        Assert.Equal(200, labels.Length);
    }

    [Fact]
    public void Quotas_sum_to_the_total_and_give_a_class_without_real_images_the_mean_size()
    {
        var quotas = new EpochDraw { ClassPrior = 1 }.Quotas([10, 0, 30, 7], 1001);
        Assert.Equal(1001, quotas.Sum());
        Assert.InRange(quotas[1], 249, 251); // 1001 · (47/3) / (47 + 47/3) ≈ 250.2
    }

    [Theory]
    [InlineData(false, 0.40, 0.60)] // a source chosen uniformly: half the A draws come from the one small image
    [InlineData(true, 0.0, 0.05)]   // pooled: 1 image in 100
    public void Pooled_real_draws_weigh_sources_by_their_images(bool pooled, double low, double high)
    {
        var sampler = new EpochSampler(Sources(), 1000, 0, 3, null, new EpochDraw { PooledReal = pooled });
        var images = sampler.Images(1, out int[] labels);
        int fromSmall = Enumerable.Range(0, labels.Length).Count(i => labels[i] == 0 && images.Span[i * 16] == 0.2f);
        double share = fromSmall / 1000.0;
        Assert.InRange(share, low, high);
    }

    [Fact]
    public void Label_smoothing_spreads_epsilon_over_all_classes()
    {
        var sampler = new EpochSampler(Sources(), 5, 0.5, 1, null, new EpochDraw { LabelSmoothing = 0.1 });
        var (_, targets, labels) = sampler.EpochWithLabels(1);
        for (int r = 0; r < labels.Length; r++)
        {
            var row = targets.Row(r);
            Assert.Equal(0.95f, row[labels[r]], 5);
            Assert.Equal(0.05f, row[1 - labels[r]], 5);
        }
    }

    [Fact]
    public void Out_of_range_draws_are_refused_and_named_in_the_command_line()
    {
        Assert.Throws<ArgumentException>(() => new EpochDraw { ClassPrior = 1.5 }.Validate());
        Assert.Throws<ArgumentException>(() => new EpochDraw { LabelSmoothing = 0.5 }.Validate());
        var recipe = new CharModelRecipe(1, 1, 1, 0.5, 1e-3f, "onecycle", 8, 4, 1, false, true)
        {
            Draw = new EpochDraw { ClassPrior = 0.5, PooledReal = true, LabelSmoothing = 0.05 },
        };
        Assert.EndsWith(" --class-prior 0.5 --pooled-real --label-smoothing 0.05", recipe.CommandLine());
        Assert.DoesNotContain("--class-prior", new CharModelRecipe(1, 1, 1, 0.5, 1e-3f, "onecycle", 8, 4, 1, false, true).CommandLine());
    }
}
