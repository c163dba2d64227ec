using Scrawl.Data.Augmentation;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Data.Tests.Augmentation;

public class StrokeGapsTests
{
    /// <summary>A 48×48 image with a ring 4 px thick around the box (8, 8)–(40, 40), ink 1 on paper 0.</summary>
    private static FloatImage Ring()
    {
        var image = new FloatImage(48, 48);
        for (int y = 8; y < 40; y++)
        {
            for (int x = 8; x < 40; x++)
            {
                image.Pixels[(y * 48) + x] = y < 12 || y >= 36 || x < 12 || x >= 36 ? 1f : 0f;
            }
        }

        return image;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_gap_only_turns_ink_into_paper_along_a_narrow_band(int seed)
    {
        var ring = Ring();
        var cut = StrokeGaps.Cut(ring, new SeededRandom(seed), 32);
        int erased = Enumerable.Range(0, ring.Pixels.Length).Count(i => ring.Pixels[i] == 1 && cut.Pixels[i] == 0);
        Assert.All(Enumerable.Range(0, ring.Pixels.Length), i => Assert.True(cut.Pixels[i] == ring.Pixels[i] || cut.Pixels[i] == 0));
        // At least a stroke's cross-section (a 1-px band through 4-px ink), at most two bands of 2.2 × 16 px.
        Assert.InRange(erased, 3, 2 * 2.2 * 17);
        Assert.Equal(cut.Pixels, StrokeGaps.Cut(ring, new SeededRandom(seed), 32).Pixels);
        Assert.Equal(Ring().Pixels, ring.Pixels);
    }

    [Fact]
    public void An_image_without_ink_is_unchanged()
    {
        var blank = new FloatImage(20, 20);
        Assert.Equal(blank.Pixels, StrokeGaps.Cut(blank, new SeededRandom(1), 20).Pixels);
    }

    [Fact]
    public void Augmentation_draws_gaps_only_when_asked_for()
    {
        var ring = Ring();
        var plain = CharacterAugmenter.Augment(ring, new SeededRandom(7), new AugmentOptions { GapProbability = 0 });
        Assert.Equal(plain.Pixels, CharacterAugmenter.Augment(ring, new SeededRandom(7)).Pixels);
        var gapped = CharacterAugmenter.Augment(ring, new SeededRandom(7), new AugmentOptions { GapProbability = 1 });
        Assert.NotEqual(plain.Pixels, gapped.Pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => CharacterAugmenter.Augment(ring, new SeededRandom(7), new AugmentOptions { GapProbability = 1.5 }));
    }
}
