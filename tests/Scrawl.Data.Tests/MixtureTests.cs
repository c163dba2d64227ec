using Scrawl.Data.Catalog;
using Scrawl.Data.Downloads;
using Scrawl.Data.Tests.Formats;
using Scrawl.Numerics;

namespace Scrawl.Data.Tests;

public class MixtureTests
{
    private static DatasetSplits Set(string name, int side, string[] classes, int perClass, long seed)
    {
        int n = classes.Length * perClass;
        var images = new Tensor(n, side, side);
        var random = new SeededRandom(seed);
        for (int i = 0; i < n; i++)
        {
            // A filled block of ink in the middle, so normalisation has something to crop.
            var row = images.Row(i);
            for (int y = side / 4; y < 3 * side / 4; y++)
            {
                for (int x = side / 3; x < 2 * side / 3; x++)
                {
                    row[(y * side) + x] = 0.5f + (0.5f * random.NextSingle());
                }
            }
        }

        var set = new ImageSet(images, Enumerable.Range(0, n).Select(i => i % classes.Length).ToArray(), classes, name);
        return new DatasetSplits(name, set, set.Subset([0, 1]), null);
    }

    [Fact]
    public void Classes_are_matched_by_name_and_sizes_normalised_to_the_first_source()
    {
        var letters = Set("letters", 32, ["A", "B", "0", "1"], 5, 1);
        var digits = Set("digits", 28, ["0", "1"], 3, 2);
        var mixed = Mixture.Build([new(letters), new(digits, 2)], seed: 7);
        Assert.Equal(20 + (2 * 6), mixed.Train.Count);
        Assert.Equal(32, mixed.Train.Height);
        Assert.Equal(["A", "B", "0", "1"], mixed.Train.ClassNames);
        Assert.Equal(5 + 6, mixed.Train.CountPerClass()[2]); // letters' "0" plus twice digits' "0"
        Assert.Equal(4, mixed.Valid!.Count);
        Assert.Null(mixed.Test);
        Assert.Equal("letters+digits*2", mixed.Name);
    }

    [Fact]
    public void Fractional_weights_subsample_with_the_seed()
    {
        var a = Set("a", 16, ["x", "y"], 10, 1);
        var half1 = Mixture.Build([new(a, 0.5)], seed: 3);
        var half2 = Mixture.Build([new(a, 0.5)], seed: 3);
        Assert.Equal(10, half1.Train.Count);
        Assert.True(half1.Train.Images.Span.SequenceEqual(half2.Train.Images.Span));
    }

    [Fact]
    public void Foreign_classes_and_bad_weights_are_rejected()
    {
        var a = Set("a", 16, ["x", "y"], 2, 1);
        var b = Set("b", 16, ["z"], 2, 1);
        var e = Assert.Throws<ArgumentException>(() => Mixture.Build([new(a), new(b)], 1));
        Assert.Contains("'z'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Mixture.Build([new(a, 0)], 1));
    }

    [Fact]
    public void The_resolver_reads_a_mixture_spec()
    {
        string shared = Path.GetDirectoryName(FormatFixtures.SharedDataset("mnist-10k"))!;
        var context = new DataContext(new DataLocator(new DataCache(Path.GetTempPath()), [shared]), SynthPerClass: 5, Seed: 1);
        var mixed = DataResolver.Resolve("glyphs36+mnist-10k*0.05", context);
        Assert.Equal(36, mixed.Train.ClassNames.Count);
        Assert.Equal(32, mixed.Train.Width);
        int digits = mixed.Train.CountPerClass()[26..].Sum();
        Assert.InRange(digits, 400, 450); // 4 per glyph digit class + 5 % of ~8,000 MNIST training digits
        var bad = Assert.Throws<InvalidDataException>(() => DataResolver.Resolve("glyphs36+fashion-mnist", context));
        Assert.Contains("is not among", bad.Message, StringComparison.Ordinal);
    }
}
