using Scrawl.Tests.Shared;

namespace Scrawl.Imaging.Tests;

public class CharacterNormalizerTests
{
    [Fact]
    public void The_longer_side_spans_78_percent_and_the_character_is_centred()
    {
        // A 20 high × 10 wide bar of ink off-centre in a 60×50 crop with faint grey paper.
        var crop = SampleImages.Constant(60, 50, 0.2f);
        for (int y = 5; y < 25; y++)
        {
            for (int x = 30; x < 40; x++)
            {
                crop[y, x] = 0.9f;
            }
        }

        var result = CharacterNormalizer.Normalize(crop);
        Assert.Equal((32, 32, 1), (result.Height, result.Width, result.Channels));
        var box = CharacterNormalizer.InkBox(result, 0.5, 0)!.Value;
        Assert.Equal(25, box.Height); // round(32 × 0.78)
        Assert.InRange(box.Width, 12, 13);
        Assert.InRange(box.Top, 3, 4);
        Assert.InRange(box.Left + (box.Width / 2.0), 15, 17);
        Assert.Equal(0f, result[0, 0]); // paper is stretched to 0
        Assert.Equal(1f, result[16, 16], 1e-3f); // ink to 1
    }

    [Fact]
    public void Specks_are_ignored_for_the_box()
    {
        var crop = SampleImages.Constant(40, 40, 0f);
        for (int y = 10; y < 30; y++)
        {
            for (int x = 15; x < 20; x++)
            {
                crop[y, x] = 1f;
            }
        }

        crop[1, 1] = 1f; // dust far from the character
        var box = CharacterNormalizer.InkBox(crop.Clone(), 0.5, 0.05)!.Value;
        Assert.Equal((10, 15, 20, 5), box);
        var withSpeck = CharacterNormalizer.InkBox(crop.Clone(), 0.5, 0)!.Value;
        Assert.Equal((1, 1), (withSpeck.Top, withSpeck.Left));

        var result = CharacterNormalizer.Normalize(crop, new CharacterNormalizeOptions { StretchContrast = false });
        Assert.Equal(25, CharacterNormalizer.InkBox(result, 0.5, 0)!.Value.Height);
    }

    [Fact]
    public void Orientation_is_kept()
    {
        var result = CharacterNormalizer.Normalize(SampleImages.L(), new CharacterNormalizeOptions { StretchContrast = false });
        // Foot of the L: bottom rows of the box are ink far to the right; top rows only at the left.
        var box = CharacterNormalizer.InkBox(result, 0.5, 0)!.Value;
        int bottom = box.Top + box.Height - 2, top = box.Top + 1, right = box.Left + box.Width - 2;
        Assert.True(result[bottom, right] > 0.5f);
        Assert.True(result[top, right] < 0.1f);
        Assert.True(result[top, box.Left + 1] > 0.5f);
    }

    [Fact]
    public void A_blank_crop_comes_back_blank_and_bad_options_are_rejected()
    {
        var blank = CharacterNormalizer.Normalize(SampleImages.Constant(20, 30, 0.3f));
        Assert.All(blank.Pixels, v => Assert.Equal(0f, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => CharacterNormalizer.Normalize(blank, new CharacterNormalizeOptions { Span = 1.5 }));
        Assert.Throws<ArgumentException>(() => CharacterNormalizer.Normalize(SampleImages.Constant(4, 4, 0f, channels: 3)));
    }

    [Fact]
    public void Custom_side_is_honoured()
    {
        var result = CharacterNormalizer.Normalize(SampleImages.L(), new CharacterNormalizeOptions { Side = 64, Span = 0.5 });
        Assert.Equal((64, 64), (result.Height, result.Width));
        Assert.Equal(32, CharacterNormalizer.InkBox(result, 0.5, 0)!.Value.Height);
    }

    /// <summary>The normaliser as it was written before its scratch was pooled: each step a fresh image from the public primitives.</summary>
    private static FloatImage Reference(FloatImage ink, CharacterNormalizeOptions o)
    {
        var image = o.StretchContrast ? CharacterNormalizer.Stretch(ink, o.PaperPercentile, o.InkPercentile) : ink.Clone();
        if (CharacterNormalizer.InkBox(image, o.InkThreshold, o.SpeckFraction, erase: true) is not { } box)
        {
            return new FloatImage(o.Side, o.Side);
        }

        var crop = image.Crop(box.Top, box.Left, box.Height, box.Width);
        double scale = Math.Max(1.0, Math.Round(o.Side * o.Span)) / Math.Max(box.Height, box.Width);
        int h = Math.Clamp((int)Math.Round(box.Height * scale), 1, o.Side), w = Math.Clamp((int)Math.Round(box.Width * scale), 1, o.Side);
        return Resampler.Resize(crop, h, w).Place(o.Side, o.Side, (o.Side - h) / 2, (o.Side - w) / 2);
    }

    [Theory]
    [InlineData(57, 23, true, 32)] // tall, stretched
    [InlineData(19, 61, false, 32)] // wide, as a mask is read
    [InlineData(25, 25, false, 25)] // the frame's own size: no resampling
    [InlineData(9, 14, true, 40)] // enlarged
    public void Pooled_normalisation_equals_the_fresh_image_steps_bit_for_bit(int h, int w, bool stretch, int side)
    {
        var random = new Random((h * 100) + w);
        var ink = new FloatImage(h, w);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                // Grey paper, a thick diagonal stroke, and specks the box must ignore.
                bool stroke = Math.Abs((y * w) - (x * h)) < 3 * Math.Max(h, w);
                ink[y, x] = stroke ? 0.7f + (0.3f * (float)random.NextDouble()) : random.Next(40) == 0 ? 0.9f : 0.2f * (float)random.NextDouble();
            }
        }

        var options = new CharacterNormalizeOptions { StretchContrast = stretch, Side = side, Span = side == 25 ? 1.0 : 0.78 };
        var before = ink.Pixels.ToArray();
        var expected = Reference(ink.Clone(), options);
        Assert.Equal(expected.Pixels, CharacterNormalizer.Normalize(ink, options).Pixels);
        var destination = Enumerable.Repeat(float.NaN, side * side).ToArray();
        CharacterNormalizer.Normalize(ink.Pixels, h, w, destination, options);
        Assert.Equal(expected.Pixels, destination);
        Assert.Equal(before, ink.Pixels); // the input is never written
        Assert.Throws<ArgumentException>(() => CharacterNormalizer.Normalize(ink.Pixels, h, w, new float[(side * side) - 1], options));
    }
}
