using Scrawl.Data;
using Scrawl.Data.Catalog;
using Scrawl.Media;
using Scrawl.Ocr.Training;

namespace Scrawl.Ocr.Tests.Training;

/// <summary>The character model's data mixture: the held-out real set is fixed and kept out of training.</summary>
public class CharModelDataTests
{
    /// <summary>Catalog sets as the CLI loads them (environment cache and roots, SkiaSharp decoder).</summary>
    internal static DatasetSplits Load(string name, long seed) =>
        DataResolver.Resolve(name, new DataContext(DataLocator.FromEnvironment(), new SkiaImageDecoder(), seed));

    [Fact]
    public void HeldOutSetIsFixedAndDisjointFromTraining()
    {
        var one = CharModelData.Load(3, seed: 1, syntheticOnly: false, Load, _ => { });
        var other = CharModelData.Load(3, seed: 2, syntheticOnly: false, Load, _ => { });
        Assert.Equal(CharModelData.HeldOutSources, one.HeldOut.Select(s => s.Name));
        for (int s = 0; s < one.HeldOut.Count; s++)
        {
            Assert.Equal(one.HeldOut[s].Images.Span.ToArray(), other.HeldOut[s].Images.Span.ToArray());
            var train = one.RealTrain.First(t => t.Name == one.HeldOut[s].Name);
            var seen = new HashSet<string>(Enumerable.Range(0, train.Count).Select(i => Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(train.Images.Row(i)))));
            int overlap = Enumerable.Range(0, one.HeldOut[s].Count).Count(i => seen.Contains(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(one.HeldOut[s].Images.Row(i)))));
            Assert.True(overlap <= 2, $"{one.HeldOut[s].Name}: {overlap} held-out images also in training"); // the sets were de-duplicated by file; identical renders are rare
        }
    }

    [Fact]
    public void More_real_sets_join_training_only_and_are_named_in_the_command_line()
    {
        var sources = CharModelData.Load(2, seed: 1, syntheticOnly: false, Load, _ => { }, ["emnist-byclass-test@36"]);
        var extra = Assert.Single(sources.RealTrain, t => t.Name == "emnist-byclass-test@36");
        Assert.Equal((32, 32, 36), (extra.Height, extra.Width, extra.ClassNames.Count));
        Assert.DoesNotContain(sources.HeldOut, h => h.Name == "emnist-byclass-test@36");
        Assert.DoesNotContain(sources.RealValid, v => v.Name == "emnist-byclass-test@36");
        var recipe = new CharModelRecipe(1, 1, 1, 0.5, 1e-3f, "onecycle", 8, 4, 1, false, true) { ExtraReal = ["emnist-more36", "x"] };
        Assert.EndsWith(" --real emnist-more36,x", recipe.CommandLine());
        Assert.Empty(CharModelData.Load(2, seed: 1, syntheticOnly: true, Load, _ => { }, ["emnist-byclass-test@36"]).RealTrain);
    }
}
