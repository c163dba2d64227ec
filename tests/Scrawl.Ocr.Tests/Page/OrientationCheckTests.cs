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
}
