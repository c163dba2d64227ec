using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class OrientationCheckTests
{
    /// <summary>Reads each quarter of a batch (the check sends upright, then one, two and three quarter turns) at its own top probability, with a little spread per crop.</summary>
    private sealed class TurnScoringClassifier(double[] topByTurn) : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames { get; } = ["A", "B"];

        public List<int> BatchSizes { get; } = [];

        public float[][] Classify(IReadOnlyList<FloatImage> crops)
        {
            BatchSizes.Add(crops.Count);
            int n = crops.Count / 4;
            return [.. crops.Select((_, i) =>
            {
                float top = (float)(topByTurn[i / n] + (0.02 * ((i % n) % 3)));
                return new[] { top, 1 - top };
            })];
        }
    }

    private static OcrPage ManyCharacters()
    {
        string[] lines = ["ABCDEFGHIJKLMNOP", "QRSTUVWXYZ012345", "6789ABCDEFGHIJKL", "MNOPQRSTUVWXYZ01"];
        var page = PageSegmenter.Segment(SyntheticPage.Render(lines, seed: 2));
        Assert.True(page.Characters.Count() > OrientationCheck.SecondBatch + 10);
        return page;
    }

    [Fact]
    public void An_upright_page_is_settled_by_the_first_batch()
    {
        var classifier = new TurnScoringClassifier([0.95, 0.6, 0.7, 0.6]);
        var orientation = OrientationCheck.Check(ManyCharacters(), classifier);
        Assert.Equal(0, orientation.QuarterTurns);
        Assert.Equal([4 * OrientationCheck.FirstBatch], classifier.BatchSizes);
        Assert.Equal(OrientationCheck.FirstBatch, orientation.Characters);
    }

    [Fact]
    public void A_turned_page_is_judged_on_the_whole_sample_and_turned()
    {
        var page = ManyCharacters();
        var classifier = new TurnScoringClassifier([0.6, 0.7, 0.6, 0.95]);
        var orientation = OrientationCheck.Check(page, classifier);
        Assert.Equal(3, orientation.QuarterTurns);
        Assert.Equal(3, classifier.BatchSizes.Count);
        Assert.Equal(4 * OrientationCheck.FirstBatch, classifier.BatchSizes[0]);
        Assert.Equal(4 * (OrientationCheck.SecondBatch - OrientationCheck.FirstBatch), classifier.BatchSizes[1]);
        Assert.Equal(Math.Min(120, page.Characters.Count()), orientation.Characters);
    }

    [Fact]
    public void A_page_that_reads_alike_every_way_stays_as_it_is()
    {
        var classifier = new TurnScoringClassifier([0.8, 0.8, 0.8, 0.8]);
        var orientation = OrientationCheck.Check(ManyCharacters(), classifier);
        Assert.Equal(0, orientation.QuarterTurns);
        Assert.Equal(3, classifier.BatchSizes.Count); // no turn is clearly worse, so the whole sample is read
    }

    [Theory] // scipy.stats.t.isf(norm.sf(3), df)
    [InlineData(4, 6.620)]
    [InlineData(9, 4.094)]
    [InlineData(29, 3.280)]
    [InlineData(119, 3.064)]
    public void The_critical_value_follows_students_t_at_the_normal_level(int degreesOfFreedom, double exact)
    {
        Assert.Equal(exact, OrientationCheck.CriticalValue(3, degreesOfFreedom), exact * 0.01);
        Assert.InRange(OrientationCheck.CriticalValue(3, 2), 15, 20); // scipy: 19.21; far above 3 either way
        Assert.Equal(3, OrientationCheck.CriticalValue(3, 1_000_000), 1e-4);
    }

    /// <summary>Three characters, turned once, read a little more surely than upright (paired gains 0.09, 0.11, 0.13): 9.5 standard errors, but only three.</summary>
    private sealed class ThreeCharacterClassifier : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames { get; } = ["A", "B"];

        public float[][] Classify(IReadOnlyList<FloatImage> crops) =>
            [.. crops.Select((_, i) =>
            {
                int turn = i / 3, k = i % 3;
                float top = turn == 1 ? 0.80f + (0.02f * k) : 0.71f;
                return new[] { top, 1 - top };
            })];
    }

    [Fact]
    public void Three_characters_do_not_turn_a_page_on_a_gain_that_many_would()
    {
        var page = PageSegmenter.Segment(SyntheticPage.Render(["ABC"], seed: 2));
        Assert.Equal(3, page.Characters.Count());
        var orientation = OrientationCheck.Check(page, new ThreeCharacterClassifier());
        Assert.Equal(0, orientation.QuarterTurns);
        Assert.Equal(3, orientation.Characters);
        // The same paired gains would pass the normal test: mean 0.11, standard error 0.02/√3.
        Assert.True(0.11 > OrientationCheck.MinStandardErrors * 0.02 / Math.Sqrt(3));
    }
}
