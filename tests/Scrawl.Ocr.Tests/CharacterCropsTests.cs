using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class CharacterCropsTests
{
    private static InkCharacter Tall()
    {
        // A 40×10 bar of ink inside a 50×30 mask.
        var mask = Ink.Page(50, 30, new PixelBox(5, 10, 45, 20));
        return new InkCharacter(new PixelBox(0, 0, 50, 30), new PixelBox(0, 0, 50, 30), mask);
    }

    [Fact]
    public void Normalized_crop_is_32x32_ink_one_upright_longer_side_78_percent()
    {
        var image = CharacterCrops.Normalize(Tall());
        Assert.Equal((32, 32, 1), (image.Height, image.Width, image.Channels));
        var rows = Enumerable.Range(0, 32).Where(y => Enumerable.Range(0, 32).Any(x => image[y, x] > 0.5f)).ToList();
        var columns = Enumerable.Range(0, 32).Where(x => Enumerable.Range(0, 32).Any(y => image[y, x] > 0.5f)).ToList();
        Assert.Equal(25, rows.Count); // round(32 · 0.78)
        Assert.InRange(columns.Count, 5, 7);
        Assert.Equal(0f, image[0, 0]);
    }

    [Fact]
    public void Nist36_row_is_transposed_and_inverted()
    {
        var image = CharacterCrops.Normalize(Tall());
        var row = CharacterCrops.ToNist36(image);
        Assert.Equal(1024, row.Length);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                Assert.Equal(1f - image[y, x], row[(x * 32) + y]);
            }
        }
    }

    [Fact]
    public void Photo_crop_reads_dark_ink_as_ink()
    {
        var pixels = Enumerable.Repeat(0.8f, 50 * 30).ToArray();
        for (int y = 5; y < 45; y++)
        {
            for (int x = 10; x < 20; x++)
            {
                pixels[(y * 30) + x] = 0.2f;
            }
        }

        var image = CharacterCrops.NormalizeFromPhoto(new FloatImage(pixels, 50, 30), Tall());
        Assert.True(image[16, 16] > 0.9f);
        Assert.True(image[16, 2] < 0.1f);
    }

    [Theory]
    [InlineData(2.5f, 0.8f)] // the OCR's crops: a thin stroke dilated, then blurred
    [InlineData(0f, 0.8f)] // no dilation
    [InlineData(2.5f, 0f)] // no blur
    public void Pooled_crop_preparation_equals_the_fresh_image_steps_bit_for_bit(float strokeWidth, float blur)
    {
        // A one-pixel "Z" in a 48×31 mask: thin enough to be dilated.
        var pixels = new byte[48 * 31];
        for (int x = 3; x < 28; x++)
        {
            pixels[(4 * 31) + x] = 1;
            pixels[(43 * 31) + x] = 1;
        }

        for (int y = 4; y < 44; y++)
        {
            pixels[(y * 31) + 27 - ((y - 4) * 24 / 39)] = 1;
        }

        var mask = new BinaryImage(48, 31, pixels);
        var options = new CropOptions { StrokeWidth = strokeWidth, Blur = blur };

        // The reference: each step a fresh image from the public primitives, as Prepare was written before its scratch was pooled.
        int radius = CropPreparation.DilationRadius(mask, strokeWidth, options.Normalize);
        var thick = radius > 0 ? Morphology.Dilate(mask, Footprint.Square((2 * radius) + 1)) : mask;
        var ink = new FloatImage([.. thick.Pixels.ToArray().Select(b => (float)b)], 48, 31);
        var frame = CharacterNormalizer.Normalize(ink, options.Normalize with { StretchContrast = false });
        var expected = blur > 0 ? Filters.GaussianBlur(frame, blur) : frame;
        Assert.Equal(strokeWidth > 0, radius > 0);

        var character = new InkCharacter(new PixelBox(0, 0, 48, 31), new PixelBox(0, 0, 48, 31), mask);
        Assert.Equal(expected.Pixels, CropPreparation.Prepare(character, options).Pixels);
        Assert.Equal(frame.Pixels, CharacterCrops.Normalize(thick).Pixels);
        Assert.Equal(pixels, mask.Pixels.ToArray()); // the mask is never written
    }
}
