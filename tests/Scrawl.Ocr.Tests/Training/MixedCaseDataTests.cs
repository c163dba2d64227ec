using System.Runtime.InteropServices;
using Scrawl.Data;
using Scrawl.Numerics;
using Scrawl.Ocr.Training;

namespace Scrawl.Ocr.Tests.Training;

/// <summary>The one split of EMNIST byclass-test that training and the mixed-case benchmark share: seeded, disjoint, the same every time.</summary>
public class MixedCaseDataTests
{
    [Fact]
    public void Split_is_requested_with_the_fixed_seed_and_its_parts_are_disjoint()
    {
        // 62 classes × 20 images whose single pixel is their index: a part's members are read back from the pixels.
        int n = 62 * 20;
        var images = new Tensor(n, 1, 1);
        for (int i = 0; i < n; i++)
        {
            images.Row(i)[0] = i;
        }

        var set = new ImageSet(images, [.. Enumerable.Range(0, n).Select(i => i % 62)], MixedCaseData.ClassNames, MixedCaseData.Source);
        var seeds = new List<long>();
        DatasetSplits Load(string name, long seed)
        {
            Assert.Equal(MixedCaseData.Source, name);
            seeds.Add(seed);
            return Splitting.Stratified(set, 0.1, 0.1, seed);
        }

        int[] Members(ImageSet part) => [.. Enumerable.Range(0, part.Count).Select(i => (int)part.Images.Row(i)[0])];
        var train = Members(MixedCaseData.Training(Load));
        var valid = Members(MixedCaseData.Validation(Load));
        var heldOut = Members(MixedCaseData.HeldOut(Load));
        Assert.All(seeds, s => Assert.Equal(CharModelData.SplitSeed, s));
        Assert.Equal(n, train.Length + valid.Length + heldOut.Length);
        Assert.Equal(n, train.Concat(valid).Concat(heldOut).Distinct().Count());
        Assert.Equal(62 * 2, heldOut.Length); // 10 % of every class
        Assert.Equal(heldOut, Members(MixedCaseData.HeldOut(Load))); // the same glyphs every time
    }

    [Fact]
    public void Real_held_out_glyphs_never_occur_in_the_training_part()
    {
        var split = MixedCaseData.Split(CharModelDataTests.Load);
        Assert.Equal(MixedCaseData.ClassNames.Order(StringComparer.Ordinal), split.Test!.ClassNames.Order(StringComparer.Ordinal));
        string Key(ImageSet s, int i) => Convert.ToBase64String(MemoryMarshal.AsBytes(s.Images.Row(i)));
        var train = new HashSet<string>(Enumerable.Range(0, split.Train.Count).Select(i => Key(split.Train, i)));
        int overlap = Enumerable.Range(0, split.Test.Count).Count(i => train.Contains(Key(split.Test, i)));
        Assert.Equal(0, overlap); // the shared set has no exact duplicates, so a seeded split by index is disjoint by pixels
        Assert.InRange(split.Test.Count, 11_000, 12_000);
    }

    [Fact]
    public void A_62_class_recipe_names_its_classes_and_model_file()
    {
        var recipe = new CharModelRecipe(1, 1, 1, 0.5, 1e-3f, "onecycle", 8, 4, 1, false, true) { Classes = 62 };
        recipe.Validate();
        Assert.EndsWith(" --classes 62", recipe.CommandLine(), StringComparison.Ordinal);
        Assert.Equal("charmodel-mixed.scrawl", recipe.ModelFileName);
        Assert.Equal("charmodel.scrawl", (recipe with { Classes = 36 }).ModelFileName);
        Assert.Throws<ArgumentException>(() => (recipe with { Classes = 47 }).Validate());
        Assert.Equal(62, MixedCaseData.ClassNames.Distinct().Count());
        Assert.Equal(["A", "0", "a"], new[] { MixedCaseData.ClassNames[0], MixedCaseData.ClassNames[26], MixedCaseData.ClassNames[36] });
    }
}
