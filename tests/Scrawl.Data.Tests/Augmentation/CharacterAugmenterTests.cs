using Scrawl.Data.Augmentation;
using Scrawl.Data.Synthesis;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Data.Tests.Augmentation;

public class CharacterAugmenterTests
{
    private static readonly ImageSet Glyphs = new GlyphSynthesizer().Generate(4, seed: 3);

    private static (int Top, int Left, int Bottom, int Right) Box(FloatImage image)
    {
        var box = CharacterNormalizer.InkBox(image, 0.3, 0.05) ?? throw new InvalidOperationException("no ink");
        return (box.Top, box.Left, box.Top + box.Height - 1, box.Left + box.Width - 1);
    }

    [Fact]
    public void SameSeedSameResult_OtherSeedOtherResult()
    {
        var image = Glyphs.ImageAt(0);
        var a = CharacterAugmenter.Augment(image, new SeededRandom(5));
        var b = CharacterAugmenter.Augment(image, new SeededRandom(5));
        var c = CharacterAugmenter.Augment(image, new SeededRandom(6));
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.NotEqual(a.Pixels, c.Pixels);
    }

    [Fact]
    public void InputIsNotChanged()
    {
        var image = Glyphs.ImageAt(1);
        float[] before = [.. image.Pixels];
        _ = CharacterAugmenter.Augment(image, new SeededRandom(1));
        Assert.Equal(before, image.Pixels);
    }

    [Fact]
    public void OutputKeepsTheNormalisedConvention()
    {
        // Re-normalised: values in [0, 1], ink centred with its longer side ≈ Span of the frame (± the 1-pixel shift, ± noise).
        for (int i = 0; i < Glyphs.Count; i += 7)
        {
            for (int s = 0; s < 5; s++)
            {
                var result = CharacterAugmenter.Augment(Glyphs.ImageAt(i), new SeededRandom(s), new AugmentOptions { NoiseProbability = 0, BlurProbability = 0, ContrastProbability = 0 });
                Assert.All(result.Pixels, v => Assert.InRange(v, 0f, 1f));
                var (top, left, bottom, right) = Box(result);
                int longer = Math.Max(bottom - top + 1, right - left + 1);
                Assert.InRange(longer, 21, 29); // 32 × [0.72, 0.84] = 23…27, ± rounding of the threshold
                Assert.InRange((top + bottom) / 2.0, 12.5, 18.5);
                Assert.InRange((left + right) / 2.0, 12.5, 18.5);
            }
        }
    }

    [Fact]
    public void WithEverythingOff_ItOnlyRenormalises()
    {
        var off = new AugmentOptions
        {
            MaxRotationDegrees = 0, MaxShear = 0, MaxAspectChange = 0, ElasticProbability = 0, ThickenProbability = 0, ThinProbability = 0,
            Span = (0.78, 0.78), MaxShiftPixels = 0, BlurProbability = 0, ContrastProbability = 0, NoiseProbability = 0, BinarizeProbability = 0,
        };
        var image = Glyphs.ImageAt(5);
        float max = image.Pixels.Max();
        var full = new FloatImage([.. image.Pixels.Select(v => v / max)], 32, 32); // the augmenter brings the strongest ink to 1
        var expected = CharacterNormalizer.Normalize(full, new CharacterNormalizeOptions { StretchContrast = false, InkThreshold = 0.3 });
        var actual = CharacterAugmenter.Augment(image, new SeededRandom(9), off);
        for (int p = 0; p < expected.Pixels.Length; p++)
        {
            Assert.Equal(expected.Pixels[p], actual.Pixels[p], 1e-4f);
        }
    }

    [Fact]
    public void ThickeningAddsInk_ThinningRemovesIt()
    {
        var image = Glyphs.ImageAt(2);
        var plain = new AugmentOptions
        {
            MaxRotationDegrees = 0, MaxShear = 0, MaxAspectChange = 0, ElasticProbability = 0, ThickenProbability = 0, ThinProbability = 0,
            Span = (0.78, 0.78), MaxShiftPixels = 0, BlurProbability = 0, ContrastProbability = 0, NoiseProbability = 0, BinarizeProbability = 0,
        };
        float ink(AugmentOptions o) => CharacterAugmenter.Augment(image, new SeededRandom(4), o).Pixels.Sum();
        float baseline = ink(plain);
        Assert.True(ink(plain with { ThickenProbability = 1 }) > baseline * 1.1f);
        Assert.True(ink(plain with { ThinProbability = 1 }) < baseline * 0.95f);
    }

    [Fact]
    public void BinarisedOutputOnlyHasSoftEdgesFromResampling()
    {
        var options = new AugmentOptions { BinarizeProbability = 1, BlurProbability = 0 };
        var result = CharacterAugmenter.Augment(Glyphs.ImageAt(3), new SeededRandom(2), options);
        int hard = result.Pixels.Count(v => v is 0f or 1f);
        Assert.True(hard > result.Pixels.Length * 0.7, $"{hard} of {result.Pixels.Length} pixels are exactly 0 or 1");
    }

    [Fact]
    public void AugmentAllIsIndependentOfThreadCountAndMatchesItemSeeds()
    {
        var all = CharacterAugmenter.AugmentAll(Glyphs.Images, seed: 11);
        Assert.Equal(Glyphs.Images.Shape.ToArray(), all.Shape.ToArray());
        for (int i = 0; i < Glyphs.Count; i += 13)
        {
            var one = CharacterAugmenter.Augment(Glyphs.ImageAt(i), new SeededRandom(CharacterAugmenter.ItemSeed(11, i)));
            Assert.Equal(one.Pixels, all.Row(i).ToArray());
        }
    }

    [Fact]
    public void BadInputAndOptionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => CharacterAugmenter.Augment(new FloatImage(32, 30), new SeededRandom(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CharacterAugmenter.Augment(new FloatImage(32, 32), new SeededRandom(1), new AugmentOptions { BlurProbability = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CharacterAugmenter.Augment(new FloatImage(32, 32), new SeededRandom(1), new AugmentOptions { Span = (0.9, 0.8) }));
    }
}
