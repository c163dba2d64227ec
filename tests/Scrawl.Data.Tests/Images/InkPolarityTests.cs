using Scrawl.Data.Images;
using Scrawl.Imaging;

namespace Scrawl.Data.Tests.Images;

public class InkPolarityTests
{
    /// <summary>A plus sign of <paramref name="ink"/> on <paramref name="paper"/>; <paramref name="margin"/> pixels of paper around it (0 = a tight crop).</summary>
    private static FloatImage Plus(float ink, float paper, int size = 20, int margin = 4)
    {
        var image = new FloatImage(size, size);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                bool inside = y >= margin && y < size - margin && x >= margin && x < size - margin;
                bool stroke = Math.Abs(y - (size / 2)) <= 1 || Math.Abs(x - (size / 2)) <= 1;
                image.Pixels[(y * size) + x] = inside && stroke ? ink : paper;
            }
        }

        return image;
    }

    /// <summary>A tight "O": a thick ring touching the frame, whose outermost pixels are mostly ink.</summary>
    private static FloatImage TightRing(float ink, float paper)
    {
        var image = new FloatImage(20, 20);
        for (int y = 0; y < 20; y++)
        {
            for (int x = 0; x < 20; x++)
            {
                bool frame = y < 3 || y >= 17 || x < 3 || x >= 17;
                image.Pixels[(y * 20) + x] = frame ? ink : paper;
            }
        }

        return image;
    }

    [Theory]
    [InlineData(0.1f, 0.9f, 4, Polarity.DarkInkOnLight)]
    [InlineData(0.9f, 0.1f, 4, Polarity.LightInkOnDark)]
    [InlineData(0.2f, 0.7f, 0, Polarity.DarkInkOnLight)] // a tight crop: the strokes touch the frame in four places only
    [InlineData(1f, 0f, 0, Polarity.LightInkOnDark)]
    public void One_image_tells_its_polarity_from_its_frame(float ink, float paper, int margin, Polarity expected) =>
        Assert.Equal(expected, InkPolarity.Of(Plus(ink, paper, margin: margin)));

    [Fact]
    public void A_flat_image_abstains_and_a_ring_crop_is_outvoted_by_its_folder()
    {
        Assert.Null(InkPolarity.Of(new FloatImage(8, 8)));
        Assert.Equal(Polarity.LightInkOnDark, InkPolarity.Of(TightRing(0.1f, 0.9f))); // alone it reads the wrong way
        var vote = InkPolarity.Vote([Plus(0.1f, 0.9f), Plus(0.2f, 0.95f, margin: 0), TightRing(0.1f, 0.9f), new FloatImage(5, 5)]);
        Assert.Equal(new PolarityVote(Polarity.DarkInkOnLight, 2, 1, 1), vote);
        Assert.Equal("dark ink on light paper (detected: 2 of 4 images)", vote.Describe());
    }

    [Fact]
    public void Rgb_images_are_judged_by_their_luminance()
    {
        var grey = Plus(0.9f, 0.1f);
        var rgb = new FloatImage([.. grey.Pixels.SelectMany(v => new[] { v, v, v })], grey.Height, grey.Width, 3);
        Assert.Equal(Polarity.LightInkOnDark, InkPolarity.Of(rgb));
    }
}
