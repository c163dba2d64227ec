using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class PrintedFieldTiltTests
{
    /// <summary>
    /// The synthetic page, upright, above a printed page turned by <paramref name="degrees"/>: 30 text lines seen as bars 3 px thick,
    /// 11 px apart, in three columns of 90 px with 12-px gutters (the printed page's own paper is the same white as the sheet's).
    /// </summary>
    private static FloatImage WithPrintedPageBelow(double degrees)
    {
        var page = SyntheticPage.Render(PageScenes.Lines, seed: 5);
        int fieldHeight = 400, height = page.Height + fieldHeight, width = page.Width;
        var pixels = new float[height * width];
        page.Pixels.CopyTo(pixels);
        float paper = page.Pixels.ToArray().Order().ElementAt(page.Pixels.Length / 2);
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        double cy = page.Height + (fieldHeight / 2.0), cx = width / 2.0;
        for (int y = page.Height; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                // Coordinates on the printed page: along its lines (u) and down it (v).
                double u = ((x - cx) * cos) + ((y - cy) * sin) + 153, v = (-(x - cx) * sin) + ((y - cy) * cos) + 165;
                bool onLine = v >= 0 && v < 330 && v % 11 < 3;
                bool inColumn = u >= 0 && u < 306 && u % 102 < 90;
                pixels[(y * width) + x] = onLine && inColumn ? 0.15f : paper;
            }
        }

        return new FloatImage(pixels, height, width);
    }

    [Fact]
    public void A_printed_page_turned_beside_upright_writing_does_not_set_the_tilt()
    {
        var geometry = PagePreparation.Plan(WithPrintedPageBelow(6), new PagePreparationOptions { FindPage = false });
        Assert.InRange(geometry.SkewDegrees, -1.0, 1.0);
        Assert.Equal(0, geometry.QuarterTurns);
    }

    [Fact]
    public void The_printed_field_is_left_out_of_the_measurement_ink()
    {
        var photo = WithPrintedPageBelow(6);
        var ink = CharacterFinder.Binarize(photo);
        var without = BarFields.Remove(ink);
        int Count(BinaryImage b, int fromRow) => Enumerable.Range(fromRow * b.Width, (b.Height - fromRow) * b.Width).Count(i => b.Pixels[i] != 0);
        int below = photo.Height - 400;
        Assert.True(Count(ink, below) > 5000, $"{Count(ink, below)} ink pixels in the printed field");
        Assert.True(Count(without, below) < 0.05 * Count(ink, below), $"{Count(without, below)} of {Count(ink, below)} left");
        Assert.Equal(Count(ink, 0) - Count(ink, below), Count(without, 0) - Count(without, below));
    }
}
