using Scrawl.Imaging;
using Scrawl.Ocr;
using Scrawl.Tests.Shared;

namespace Scrawl.Reading.Tests;

/// <summary>Issue #23: in mixed and auto case the capitals model decides which way up a page is, because turned capitals read as lower case.</summary>
public class MixedCaseOrientationTests
{
    /// <summary>A classifier of capitals that only counts how often it is released.</summary>
    private sealed class CountingCapitals : ICharacterClassifier, IDisposable
    {
        public IReadOnlyList<string> ClassNames { get; } = ["A", "B"];

        public int Disposals { get; private set; }

        public float[][] Classify(IReadOnlyList<FloatImage> crops) => [.. crops.Select(_ => new[] { 0.5f, 0.5f })];

        public void Dispose() => Disposals++;
    }

    [Theory]
    [InlineData(LetterCase.Mixed, 0, 0)]
    [InlineData(LetterCase.Mixed, 1, 270)]
    [InlineData(LetterCase.Mixed, 2, 180)]
    [InlineData(LetterCase.Mixed, 3, 90)]
    [InlineData(LetterCase.Auto, 2, 180)]
    [InlineData(LetterCase.Auto, 3, 90)]
    public void A_turned_page_of_capitals_reads_upright_in_mixed_and_auto_case(LetterCase letterCase, int clockwiseQuarters, int rotation)
    {
        // Judged by the mixed-case model, this page stayed upside down at a half turn (and at three quarters, once its lines ran across).
        using var reader = PhotoReader.Open(null, null, null, letterCase);
        var page = reader.Read(TurnedAlphabet.Png(seed: 3, clockwiseQuarters), "alphabet.png");
        Assert.Equal(rotation, page.RotationDegrees);
        double cer = TextScore.Compute(TurnedAlphabet.Truth, page.Text).CharacterErrorRate;
        Assert.True(cer <= 0.05, $"CER {cer:P1}: {page.Text}");
    }

    [Fact]
    public void Mixed_and_auto_judge_orientation_with_the_shipped_capitals_model_and_upper_with_its_own()
    {
        using var upper = PhotoReader.Open(null, null, null, LetterCase.Upper);
        Assert.Null(upper.OrientationClassifier);
        foreach (var letterCase in new[] { LetterCase.Mixed, LetterCase.Auto })
        {
            using var reader = PhotoReader.Open(null, null, null, letterCase);
            Assert.True(Ocr.Case.HeightKinds.HasLowerCase(reader.Classifier.ClassNames));
            Assert.NotNull(reader.OrientationClassifier);
            Assert.False(Ocr.Case.HeightKinds.HasLowerCase(reader.OrientationClassifier.ClassNames));
        }
    }

    [Fact]
    public void Without_a_capitals_classifier_mixed_case_judges_with_its_own_and_a_given_one_is_released_once()
    {
        string mixedModel = ModelLocator.ShippedModelPath(ModelLocator.ShippedMixedModelName);
        using (var alone = PhotoReader.ForCase(LetterCase.Mixed, ModelLocator.OpenClassifier(mixedModel), "mixed"))
        {
            Assert.Null(alone.OrientationClassifier);
            Assert.Equal(0, alone.Read(TurnedAlphabet.Png(seed: 1, 0), "upright.png").RotationDegrees);
        }

        foreach (var letterCase in new[] { LetterCase.Mixed, LetterCase.Auto })
        {
            var capitals = new CountingCapitals();
            var reader = PhotoReader.ForCase(letterCase, ModelLocator.OpenClassifier(mixedModel), "mixed", capitals, "capitals");
            Assert.Same(capitals, reader.OrientationClassifier);
            reader.Dispose();
            Assert.Equal(1, capitals.Disposals);
        }
    }
}
