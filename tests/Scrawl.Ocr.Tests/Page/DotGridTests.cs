using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class DotGridTests
{
    /// <summary>A 240 × 400 mask: 3 × 3 dots every <paramref name="spacing"/> px (by default a lattice not on whole pixels) and eight 40-px letters (rings), one touching a dot.</summary>
    private static (byte[] Pixels, PixelBox[] Letters) Page(bool dots, double spacing = 20.5)
    {
        const int H = 240, W = 400;
        var letters = Enumerable.Range(0, 8).Select(i => new PixelBox(60, 20 + (i * 45), 100, 48 + (i * 45))).ToArray();
        var pixels = Ink.Page(H, W, [.. letters.SelectMany(b => Ink.Ring(b))]).Pixels.ToArray();
        if (dots)
        {
            for (double cy = 5.25; cy < H; cy += spacing)
            {
                for (double cx = 3.5; cx < W; cx += spacing)
                {
                    for (int y = (int)cy - 1; y <= (int)cy + 2; y++)
                    {
                        for (int x = (int)cx - 1; x <= (int)cx + 2; x++)
                        {
                            if (y is >= 0 and < H && x is >= 0 and < W)
                            {
                                pixels[(y * W) + x] = 1;
                            }
                        }
                    }
                }
            }
        }

        return (pixels, letters);
    }

    [Fact]
    public void The_dots_go_also_where_a_letter_touches_one_and_the_letters_stay()
    {
        var (pixels, letters) = Page(dots: true);
        var cleaned = DotGrid.Remove(new BinaryImage(240, 400, pixels));
        var (plain, _) = Page(dots: false);
        int dotsLeft = 0, letterLost = 0;
        for (int i = 0; i < plain.Length; i++)
        {
            dotsLeft += plain[i] == 0 && cleaned.Pixels[i] != 0 ? 1 : 0;
            letterLost += plain[i] != 0 && cleaned.Pixels[i] == 0 ? 1 : 0;
        }

        int letterPixels = plain.Sum(b => b);
        Assert.Equal(0, dotsLeft);
        Assert.InRange(letterLost, 0, letterPixels / 10); // only where a ring runs over a dot
        Assert.True(cleaned[letters[0].Top + 20, letters[0].Left + 1]);
    }

    [Fact]
    public void A_round_speck_off_the_lattice_found_first_does_not_set_the_lattice_phase()
    {
        // A solid 4 × 4 speck in the top rows, half a spacing off the columns of a lattice on whole pixels (every 20 px): the first
        // dot candidate in reading order, and no lattice point within a quarter spacing of any phase it would start.
        var (pixels, _) = Page(dots: true, spacing: 20);
        var (plain, _) = Page(dots: false);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 13; x < 17; x++)
            {
                pixels[(y * 400) + x] = 1;
                plain[(y * 400) + x] = 1;
            }
        }

        var cleaned = DotGrid.Remove(new BinaryImage(240, 400, pixels));
        int dotsLeft = Enumerable.Range(0, plain.Length).Count(i => plain[i] == 0 && cleaned.Pixels[i] != 0);
        Assert.Equal(0, dotsLeft);
        Assert.True(cleaned[1, 14]); // the speck is not on the lattice: it stays
    }

    [Fact]
    public void Writing_without_a_dot_lattice_is_left_alone()
    {
        var (pixels, _) = Page(dots: false);
        var ink = new BinaryImage(240, 400, pixels);
        Assert.Same(ink, DotGrid.Remove(ink));
    }

    [Fact]
    public void Scattered_specks_are_no_lattice()
    {
        var (pixels, _) = Page(dots: false);
        var random = new Random(3);
        for (int k = 0; k < 60; k++)
        {
            int y = 130 + random.Next(100), x = random.Next(396);
            pixels[(y * 400) + x] = pixels[(y * 400) + x + 1] = pixels[((y + 1) * 400) + x] = pixels[((y + 1) * 400) + x + 1] = 1;
        }

        var ink = new BinaryImage(240, 400, pixels);
        Assert.Same(ink, DotGrid.Remove(ink));
    }

    [Fact]
    public void A_stroke_written_across_a_dot_keeps_its_path_through_it()
    {
        var (pixels, _) = Page(dots: true);
        // A 3-px vertical stroke through the dot at (5.25 + 4 × 20.5, 3.5 + 2 × 20.5) = (87.25, 44.5), far from the letters' rings.
        for (int y = 115; y < 200; y++)
        {
            for (int x = 44; x < 47; x++)
            {
                pixels[(y * 400) + x] = 1;
            }
        }

        // The dot at (5.25 + 8 × 20.5, 44.5) = (169.25, 44.5) lies on the stroke.
        var cleaned = DotGrid.Remove(new BinaryImage(240, 400, pixels));
        for (int y = 115; y < 200; y++)
        {
            Assert.True(cleaned[y, 45], $"stroke pixel ({y}, 45) was erased");
        }

        Assert.False(cleaned[169, 42]); // the dot's own pixels beside the stroke go
        Assert.False(cleaned[87, 44]);  // an isolated dot goes
    }

    [Fact]
    public void A_dot_printed_lighter_than_the_writing_loses_only_its_lighter_pixels()
    {
        var (pixels, _) = Page(dots: true);
        var grey = new float[pixels.Length];
        for (int i = 0; i < grey.Length; i++)
        {
            grey[i] = pixels[i] != 0 ? 0.6f : 0.95f; // dots mid-grey
        }

        var (letters, _) = Page(dots: false);
        for (int i = 0; i < grey.Length; i++)
        {
            grey[i] = letters[i] != 0 ? 0.15f : grey[i]; // writing dark, also where it covers a dot
        }

        var cleaned = DotGrid.Remove(new BinaryImage(240, 400, pixels), new FloatImage(grey, 240, 400));
        for (int i = 0; i < grey.Length; i++)
        {
            Assert.Equal(letters[i], cleaned.Pixels[i]);
        }
    }
}
