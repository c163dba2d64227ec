using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class ThickBlobsTests
{
    [Fact]
    public void A_solid_disc_among_strokes_is_a_blob_and_the_strokes_are_not()
    {
        // Twelve 3-px-wide letter-like strokes and one filled disc of radius 12 (a punched hole).
        var boxes = Enumerable.Range(0, 12).Select(i => new PixelBox(10, 10 + (i * 15), 40, 13 + (i * 15))).ToArray();
        var pixels = Ink.Page(80, 240, boxes).Pixels.ToArray();
        for (int y = 0; y < 80; y++)
        {
            for (int x = 0; x < 240; x++)
            {
                if (((y - 60) * (y - 60)) + ((x - 200) * (x - 200)) <= 144)
                {
                    pixels[(y * 240) + x] = 1;
                }
            }
        }

        var ink = new BinaryImage(80, 240, pixels);
        var cleaned = ThickBlobs.Remove(ink);
        Assert.False(cleaned[60, 200]);
        Assert.False(cleaned[50, 195]);
        Assert.True(cleaned[20, 11]);
        Assert.True(cleaned[39, 12 + (11 * 15)]);
    }

    [Fact]
    public void Writing_alone_has_no_blob()
    {
        var ink = Ink.Page(60, 200, [.. Enumerable.Range(0, 10).SelectMany(i => Ink.Ring(new PixelBox(10, 5 + (i * 19), 40, 20 + (i * 19))))]);
        Assert.Same(ink, ThickBlobs.Remove(ink));
    }

    [Fact]
    public void A_blob_is_dropped_before_characters_are_found()
    {
        var boxes = Enumerable.Range(0, 8).SelectMany(i => Ink.Ring(new PixelBox(10, 10 + (i * 25), 45, 28 + (i * 25)))).ToList();
        boxes.Add(new PixelBox(20, 215, 50, 245)); // a 30 × 30 solid square: no letter is that thick
        var found = CharacterFinder.FindInInk(Ink.Page(60, 260, [.. boxes]), 1, 60, 260);
        Assert.Equal(8, found.Count);
        Assert.Equal(9, CharacterFinder.FindInInk(Ink.Page(60, 260, [.. boxes]), 1, 60, 260, new CharacterFinderOptions { ThickBlobFactor = 0 }).Count);
    }
}
