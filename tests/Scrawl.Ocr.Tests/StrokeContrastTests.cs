using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class StrokeContrastTests
{
    [Fact]
    public void The_contrast_is_the_median_ink_darkness_relative_to_the_paper()
    {
        // 100 ink pixels: 60 at 0.3, 40 at 0.1, on paper 0.6 → median ink 0.3 (its histogram bin's centre), contrast ≈ 0.5.
        float[] pixels = [.. Enumerable.Repeat(0.3f, 60), .. Enumerable.Repeat(0.1f, 40), .. Enumerable.Repeat(0.6f, 400)];
        byte[] ink = [.. Enumerable.Repeat((byte)1, 100), .. Enumerable.Repeat((byte)0, 400)];
        Assert.Equal(0.5, StrokeContrast.Measure(pixels, ink, 0.6f)!.Value, 2);
    }

    [Fact]
    public void Too_little_ink_or_no_paper_measures_nothing_and_lengths_must_agree()
    {
        var pixels = Enumerable.Repeat(0.2f, 100).ToArray();
        var few = new byte[100];
        few.AsSpan(0, StrokeContrast.MinInkPixels - 1).Fill(1);
        Assert.Null(StrokeContrast.Measure(pixels, few, 0.8f));
        Assert.Null(StrokeContrast.Measure(pixels, Enumerable.Repeat((byte)1, 100).ToArray(), 0f));
        Assert.Throws<ArgumentException>(() => StrokeContrast.Measure(pixels, new byte[99], 0.8f));
    }

    [Theory]
    [InlineData(0.6, 0.2f)] // dark pen: the default k stays
    [InlineData(0.3, 0.15f)] // pencil: halfway between paper and ink
    [InlineData(0.04, StrokeContrast.MinK)] // never into the paper's noise
    public void K_is_half_the_contrast_between_the_floor_and_the_default(double contrast, float expected) =>
        Assert.Equal(expected, StrokeContrast.SauvolaK(contrast, 0.2f), 5);

    [Fact]
    public void Unknown_contrast_keeps_k_and_k_must_be_a_fraction()
    {
        Assert.Equal(0.2f, StrokeContrast.SauvolaK(null, 0.2f));
        Assert.Throws<ArgumentOutOfRangeException>(() => StrokeContrast.SauvolaK(0.3, 1.5f));
    }

    [Fact]
    public void Faint_strokes_beside_darker_ones_become_ink_only_with_the_adapted_k()
    {
        // Paper 0.6; ten vertical strokes 2 px wide: five at 0.42 (30 % darker), five faint at 0.49 (18 % darker, below the default k).
        const int H = 60, W = 200;
        var pixels = Enumerable.Repeat(0.6f, H * W).ToArray();
        for (int s = 0; s < 10; s++)
        {
            for (int y = 10; y < 50; y++)
            {
                for (int x = 10 + (s * 18); x < 12 + (s * 18); x++)
                {
                    pixels[(y * W) + x] = s % 2 == 0 ? 0.42f : 0.49f;
                }
            }
        }

        var image = new FloatImage(pixels, H, W);
        var fixedK = new CharacterFinderOptions { BlurSigma = 0, SauvolaWindow = 15, ClosingSize = 1, AdaptSauvolaK = false };
        int FaintInk(BinaryImage mask) => Enumerable.Range(10, 40).Sum(y => mask.Pixels[(y * W) + 10 + 18]);
        Assert.Equal(0, FaintInk(CharacterFinder.Binarize(image, fixedK)));
        Assert.Equal(40, FaintInk(CharacterFinder.Binarize(image, fixedK with { AdaptSauvolaK = true })));
        // The paper between strokes stays paper.
        Assert.Equal(0, CharacterFinder.Binarize(image, fixedK with { AdaptSauvolaK = true }).Pixels[(30 * W) + 19]);
    }
}
