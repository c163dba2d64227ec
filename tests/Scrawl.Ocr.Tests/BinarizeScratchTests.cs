using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class BinarizeScratchTests
{
    /// <summary>
    /// Paper brightening left to right, a long dark printed line, short strokes (<paramref name="darkness"/> below the paper) and grain: every
    /// step of Binarize has work; strokes 0.3 below the paper are faint enough for it to lower Sauvola's k and threshold again.
    /// </summary>
    private static FloatImage Page(float darkness)
    {
        int h = 90, w = 173;
        var random = new Random(3);
        var pixels = new float[h * w];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float paper = 0.5f + (0.4f * x / w) + (0.02f * (float)random.NextDouble());
                bool stroke = (y is >= 20 and < 60 && x % 37 is >= 20 and < 24) || y is 70 or 71;
                pixels[(y * w) + x] = stroke ? paper - darkness : paper;
            }
        }

        return new FloatImage(pixels, h, w);
    }

    public static TheoryData<float, int, int, float, bool> Settings => new()
    {
        { 1f, 0, 3, 0.3f, true },
        { 1f, 41, 3, 0.3f, true },
        { 0f, 41, 3, 0.3f, false },
        { 0f, 0, 1, 0.3f, true },
        { 1.5f, 41, 1, 0.3f, false },
        { 1f, 41, 3, 0.5f, true }, // dark writing: k stays
        { 0f, 0, 1, 0.5f, true },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Binarize_through_pooled_scratch_equals_the_steps_composed_from_fresh_images(float blur, int background, int closing, float darkness, bool adapt)
    {
        var page = Page(darkness);
        var options = new CharacterFinderOptions { BlurSigma = blur, BackgroundLength = background, ClosingSize = closing, SauvolaWindow = 15, AdaptSauvolaK = adapt };

        // The reference: each step as its own allocating public function, as Binarize was written before its scratch was pooled.
        var smooth = blur > 0 ? Filters.GaussianBlur(page, blur) : page;
        smooth = background > 0 ? CharacterFinder.Flatten(smooth, background) : smooth;
        float otsu = Thresholds.Otsu(smooth), paper = CharacterFinder.HistogramMedian(smooth.Pixels);
        float ceiling = paper > otsu ? otsu + (options.OtsuSlack * (paper - otsu)) : float.PositiveInfinity;
        var ink = CharacterFinder.InkBelow(smooth.Pixels, Thresholds.Sauvola(smooth, 15, options.SauvolaK).Pixels, ceiling);
        float k = adapt ? StrokeContrast.SauvolaK(StrokeContrast.Measure(smooth.Pixels, ink, paper), options.SauvolaK) : options.SauvolaK;
        if (k < options.SauvolaK)
        {
            ink = CharacterFinder.InkBelow(smooth.Pixels, Thresholds.Sauvola(smooth, 15, k).Pixels, ceiling);
        }

        Assert.Equal(adapt && darkness < 0.4f, k < options.SauvolaK); // strokes 0.3 below the paper are faint enough to lower k
        var raw = new BinaryImage(page.Height, page.Width, ink);
        var expected = closing > 1 ? Morphology.Close(raw, Footprint.Square(closing)) : raw;
        Assert.InRange(expected.Count(), 100, (page.Height * page.Width) / 2);

        // Pooled scratch holds whatever its last user left: hand the pool dirty arrays of these sizes first.
        DirtyThePool(page.Height * page.Width);
        Assert.Equal(expected.Pixels.ToArray(), CharacterFinder.Binarize(page, options).Pixels.ToArray());
        DirtyThePool(page.Height * page.Width);
        var dirty = Enumerable.Repeat((byte)5, page.Height * page.Width).ToArray();
        CharacterFinder.Binarize(page.Pixels, page.Height, page.Width, options, dirty);
        Assert.Equal(expected.Pixels.ToArray(), dirty);

        // The page in the first H·W values of a longer (pooled-like) array, garbage after it.
        var longer = page.Pixels.Concat(Enumerable.Repeat(float.NaN, 77)).ToArray();
        CharacterFinder.Binarize(longer, page.Height, page.Width, options, dirty);
        Assert.Equal(expected.Pixels.ToArray(), dirty);
        Assert.Equal(page.Pixels, Page(darkness).Pixels); // the input is never written
    }

    private static void DirtyThePool(int n)
    {
        var floats = Enumerable.Range(0, 6).Select(_ => new PooledArray<float>(n)).ToList();
        var bytes = Enumerable.Range(0, 3).Select(_ => new PooledArray<byte>(n)).ToList();
        floats.ForEach(f => f.Span.Fill(float.NaN));
        bytes.ForEach(b => b.Span.Fill(1));
        floats.ForEach(f => f.Dispose());
        bytes.ForEach(b => b.Dispose());
    }

    [Fact]
    public void InkBelow_into_a_dirty_destination_writes_every_value()
    {
        var random = new Random(9);
        float[] pixels = [.. Enumerable.Range(0, 131).Select(_ => random.Next(5) / 4f)];
        float[] thresholds = [.. Enumerable.Range(0, 131).Select(_ => random.Next(5) / 4f)];
        var ink = Enumerable.Repeat((byte)3, 131).ToArray();
        CharacterFinder.InkBelow(pixels, thresholds, 0.5f, ink);
        Assert.Equal(CharacterFinder.InkBelow(pixels, thresholds, 0.5f, vectorised: false), ink);
        Assert.Throws<ArgumentException>(() => CharacterFinder.InkBelow(pixels, thresholds, 0.5f, new byte[130]));
    }
}
