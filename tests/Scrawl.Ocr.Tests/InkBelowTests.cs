namespace Scrawl.Ocr.Tests;

public class InkBelowTests
{
    [Fact]
    public void The_vectorised_threshold_equals_the_scalar_one_at_every_length_from_1_to_200()
    {
        var random = new Random(5);
        for (int n = 1; n <= 200; n++)
        {
            // Quarter steps make ties with the threshold and with the ceiling common: "at or below" must hold on both paths.
            float[] pixels = [.. Enumerable.Range(0, n).Select(_ => random.Next(5) / 4f)];
            float[] thresholds = [.. Enumerable.Range(0, n).Select(_ => random.Next(5) / 4f)];
            var fast = CharacterFinder.InkBelow(pixels, thresholds, 0.5f);
            var plain = CharacterFinder.InkBelow(pixels, thresholds, 0.5f, vectorised: false);
            Assert.Equal(plain, fast);
            Assert.All(Enumerable.Range(0, n), i => Assert.Equal(pixels[i] <= thresholds[i] && pixels[i] <= 0.5f ? 1 : 0, fast[i]));
        }

        Assert.Throws<ArgumentException>(() => CharacterFinder.InkBelow(new float[3], new float[2], 1));
    }
}
