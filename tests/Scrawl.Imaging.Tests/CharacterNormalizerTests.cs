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
}
