using System.Text.Json;
using Scrawl.Ocr.Training;

namespace Scrawl.Experiments.Tests.CharModel;

/// <summary>Recipes in model metadata, read with the compile-time generated serializer (no reflection) as score-charmodel reads them.</summary>
public class RecipeJsonTests
{
    [Fact]
    public void A_recipe_stored_before_the_later_options_existed_reads_with_their_defaults()
    {
        // The recipe of the shipped mixed-case model: no Draw or Calibrate (nor, in older ones, ExtraReal or Classes).
        const string Stored = """{"Epochs":15,"PerClass":600,"SynthPerClass":1000,"SyntheticFraction":0.3,"LearningRate":0.003,"Schedule":"onecycle","Batch":64,"Width":16,"Seed":1,"SyntheticOnly":false,"Augment":true}""";
        var recipe = JsonSerializer.Deserialize(Stored, ExperimentsJson.Default.CharModelRecipe)!;
        Assert.Equal(CharModelRecipe.DefaultClasses, recipe.Classes);
        Assert.Same(EpochDraw.Default, recipe.Draw);
        Assert.Empty(recipe.ExtraReal);
        Assert.False(recipe.Calibrate);
        Assert.Equal(0, recipe.Gaps);
        Assert.Equal("./scrawl train-charmodel --epochs 15 --per-class 600 --synth-per-class 1000 --synthetic-fraction 0.3 --lr 0.003 --schedule onecycle --batch 64 --width 16 --seed 1",
            recipe.CommandLine());
    }

    [Fact]
    public void A_recipe_with_every_option_reads_back_as_written()
    {
        var recipe = new CharModelRecipe(3, 100, 50, 0.25, 0.002f, "cosine", 32, 8, 7, false, true)
        {
            ExtraReal = ["emnist-more36"],
            Classes = 62,
            Draw = new EpochDraw { ClassPrior = 0.5, PooledReal = true, LabelSmoothing = 0.1 },
            Calibrate = true,
            Gaps = 0.15,
        };
        string json = JsonSerializer.Serialize(recipe, ExperimentsJson.Default.CharModelRecipe);
        var read = JsonSerializer.Deserialize(json, ExperimentsJson.Default.CharModelRecipe)!;
        Assert.Equal(recipe.CommandLine(), read.CommandLine());
        Assert.Equal(recipe.Draw, read.Draw);
        Assert.Equal(0.15, read.Gaps);
        Assert.EndsWith(" --calibrate --gaps 0.15", read.CommandLine(), StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(read, ExperimentsJson.Default.CharModelRecipe));
    }
}
