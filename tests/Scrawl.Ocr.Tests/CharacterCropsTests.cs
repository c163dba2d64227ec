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
}
