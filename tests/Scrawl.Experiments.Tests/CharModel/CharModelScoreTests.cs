using Scrawl.Experiments.CharModel;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Tests.CharModel;

/// <summary>The held-out report with the pairs a glyph cannot settle merged.</summary>
public class CharModelScoreTests
{
    [Fact]
    public void Confusing_I_with_1_or_O_with_0_counts_as_right_when_merged_and_nothing_else_does()
    {
        string[] names = ["0", "1", "I", "O", "A"];
        // 10 samples: 5 right, then 1→I, I→1, 0→O, O→A (not a merged pair), A→0 (not a merged pair).
        int[] truth = [0, 1, 2, 3, 4, 1, 2, 0, 3, 4];
        int[] guess = [0, 1, 2, 3, 4, 2, 1, 3, 4, 0];
        var matrix = ConfusionMatrix.Compute(truth, guess, names);
        var score = new CharModelScore([new SourceAccuracy("s", 10, 0.5)], matrix.Accuracy, matrix);
        Assert.Equal(0.5, score.Overall, 9);
        Assert.Equal(0.8, score.MergedAccuracy(CharModelScore.AmbiguousPairs), 9);
        Assert.Equal(0.5, score.MergedAccuracy([]), 9);
        Assert.Equal(0.5, score.MergedAccuracy([("Q", "9")]), 9); // classes the model lacks change nothing
    }
}
