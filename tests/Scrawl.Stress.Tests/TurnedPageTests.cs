using System.Text;
using Scrawl.Numerics;
using Scrawl.Ocr;
using Scrawl.Reading;

namespace Scrawl.Stress.Tests;

/// <summary>A page turned a quarter whose capitals read almost as well upside down (N, S, O, Z) still comes out upright.</summary>
public class TurnedPageTests
{
    [Fact]
    public void After_the_second_plan_the_half_turn_follows_the_first_checks_choice()
    {
        // ocr-stress --seed 3, category rotate, variant 3 (the second synthetic page): the first orientation check tells the two quarter
        // turns apart clearly, the plan made again with its lines running down always turns one way, and the second check alone was not sure
        // the page then stood upside down (its letters read nearly as well both ways), so the page was read upside down: CER 118 %.
        var page = StressSources.Synthetic(3, 1);
        var rotate = StressCategories.All.Single(c => c.Name == "rotate");
        var variant = rotate.Make(page, new SeededRandom(StressSet.Mix(3, "rotate", 3)), 3);
        using var reader = PhotoReader.Open(null, null, null, LetterCase.Upper);
        var reading = reader.Read(StressSet.Encode(variant), "synthetic-2-v3.jpg");
        string truth = Encoding.UTF8.GetString(page.Truth);
        double cer = TextScore.Compute(truth, reading.Text).CharacterErrorRate;
        Assert.True(cer <= 0.05, $"CER {cer:P1} at {reading.RotationDegrees}°: {reading.Text}");
    }
}
