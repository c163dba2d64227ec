using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class CharacterSizedInkTests
{
    private const int Height = 700, Width = 900, CharacterHeight = 30;

    /// <summary>Rows of ring letters 30 high whose tops follow lines tilted <paramref name="degrees"/> (positive: down to the right).</summary>
    private static IEnumerable<PixelBox> TiltedText(double degrees, int rows, int perRow, int gap)
    {
        double slope = Math.Tan(degrees * Math.PI / 180);
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < perRow; i++)
            {
                int left = 60 + (i * (20 + gap));
                int top = 80 + (r * 70) + (int)Math.Round(left * slope);
                foreach (var box in Ink.Ring(new PixelBox(top, left, top + 30, left + 20)))
                {
                    yield return box;
                }
            }
        }
    }

    /// <summary><paramref name="ink"/> with a straight bar <paramref name="thickness"/> pixels thick through (<paramref name="row"/>, <paramref name="column"/>) at <paramref name="degrees"/>, <paramref name="length"/> long.</summary>
    private static BinaryImage WithBar(BinaryImage ink, double row, double column, double degrees, double length, double thickness)
    {
        var pixels = ink.Pixels.ToArray();
        double a = degrees * Math.PI / 180, dx = Math.Cos(a), dy = Math.Sin(a);
        for (int y = 0; y < ink.Height; y++)
        {
            for (int x = 0; x < ink.Width; x++)
            {
                double along = ((x - column) * dx) + ((y - row) * dy), across = (-(x - column) * dy) + ((y - row) * dx);
                if (Math.Abs(along) <= length / 2 && Math.Abs(across) <= thickness / 2)
                {
                    pixels[(y * ink.Width) + x] = 1;
                }
            }
        }

        return new BinaryImage(ink.Height, ink.Width, pixels);
    }

    [Fact]
    public void A_pencil_across_tilted_text_does_not_set_the_tilt()
    {
        var text = Ink.Page(Height, Width, [.. TiltedText(3, rows: 6, perRow: 10, gap: 40)]);
        var page = WithBar(text, row: 350, column: 450, degrees: -15, length: 850, thickness: 8);

        // All the ink's profile is sharpest along the pencil: the problem this guards against.
        Assert.InRange(TextSkew.Measure(page).Degrees, -16, -14);
        var direction = CharacterSizedInk.Measure(page, CharacterHeight, maxDegrees: 20);
        Assert.False(direction.Vertical);
        Assert.InRange(direction.Degrees, 2.5, 3.5);
    }

    [Fact]
    public void Keep_drops_long_lines_and_keeps_every_letter()
    {
        var text = Ink.Page(Height, Width, [.. TiltedText(3, rows: 6, perRow: 10, gap: 40)]);
        var page = WithBar(text, row: 350, column: 450, degrees: -15, length: 850, thickness: 8);

        var kept = CharacterSizedInk.Keep(page, CharacterHeight);

        var (_, letters) = Labeling.Label(text);
        var (_, left) = Labeling.Label(kept);
        Assert.True(left < letters, "the letters the bar crosses go with it");
        Assert.True(left >= letters - 15, $"{left} of {letters} letters left");
        Assert.Equal(0, Labeling.Label(CharacterSizedInk.Keep(text, CharacterHeight)).Count - letters);
        Assert.Same(text, CharacterSizedInk.Keep(text, CharacterHeight));
    }

    [Fact]
    public void Mostly_long_ink_is_kept_whole()
    {
        // Five long lines and two small letters: joined-up writing, not a pen on a page of letters.
        var boxes = Enumerable.Range(0, 5).Select(i => new PixelBox(100 + (i * 100), 50, 104 + (i * 100), 850))
            .Concat(Ink.Ring(new PixelBox(20, 50, 50, 70))).Concat(Ink.Ring(new PixelBox(20, 100, 50, 120)));
        var ink = Ink.Page(Height, Width, [.. boxes]);

        Assert.Same(ink, CharacterSizedInk.Keep(ink, CharacterHeight));
    }

    [Fact]
    public void Rulings_along_the_writing_keep_the_tilt_of_all_the_ink()
    {
        // Sparse letters on ruled lines at the same tilt: the rulings are evidence, not a distraction.
        var text = Ink.Page(Height, Width, [.. TiltedText(2, rows: 6, perRow: 4, gap: 150)]);
        var page = text;
        for (int r = 0; r < 6; r++)
        {
            page = WithBar(page, row: 80 + (r * 70) + 36 + (450 * Math.Tan(2 * Math.PI / 180)), column: 450, degrees: 2, length: 860, thickness: 2);
        }

        var all = TextSkew.Measure(page);
        var direction = CharacterSizedInk.Measure(page, CharacterHeight, maxDegrees: 20);
        Assert.Equal(all, direction);
        Assert.InRange(direction.Degrees, 1.5, 2.5);
    }

    [Fact]
    public void Without_a_character_height_the_tilt_is_that_of_all_the_ink()
    {
        var page = WithBar(Ink.Page(Height, Width, [.. TiltedText(3, rows: 6, perRow: 10, gap: 40)]), 350, 450, -15, 850, 8);

        Assert.Equal(TextSkew.Measure(page), CharacterSizedInk.Measure(page, null, maxDegrees: 20));
    }

    [Fact]
    public void Sharpness_at_the_measured_tilt_is_the_measured_sharpness()
    {
        var text = Ink.Page(Height, Width, [.. TiltedText(3, rows: 6, perRow: 10, gap: 40)]);
        var direction = TextSkew.Measure(text);

        Assert.InRange(TextSkew.Sharpness(text, direction.Degrees, direction.Vertical) / direction.Sharpness, 0.98, 1.02);
        Assert.True(TextSkew.Sharpness(text, direction.Degrees - 10, false) < direction.Sharpness / 2);
        Assert.Equal(0, TextSkew.Sharpness(Ink.Page(10, 10), 0, false));
    }
}
