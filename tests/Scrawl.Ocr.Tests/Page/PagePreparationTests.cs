using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class PagePreparationTests
{
    private static readonly FloatImage Page = SyntheticPage.Render(PageScenes.Lines, seed: 5);

    private static BinaryImage Ink(FloatImage image) => CharacterFinder.Binarize(image);

    [Theory]
    [InlineData(0.0)]
    [InlineData(4.0)]
    [InlineData(-9.5)]
    [InlineData(15.0)]
    public void The_tilt_of_the_lines_is_measured(double degrees)
    {
        var direction = TextSkew.Measure(Ink(PageScenes.Turned(Page, degrees)));
        Assert.False(direction.Vertical);
        Assert.InRange(direction.Degrees, degrees - 0.4, degrees + 0.4);
        Assert.True(direction.Sharpness > 1);
    }

    [Theory]
    [InlineData(90.0)]
    [InlineData(-87.0)]
    public void Lines_running_down_the_page_are_seen_as_vertical(double degrees)
    {
        var direction = TextSkew.Measure(Ink(PageScenes.Turned(Page, degrees)));
        Assert.True(direction.Vertical);
        Assert.InRange(direction.Degrees, degrees - 90 - 0.5 + (degrees < 0 ? 180 : 0), degrees - 90 + 0.5 + (degrees < 0 ? 180 : 0));
    }

    [Fact]
    public void Blank_paper_has_no_direction()
    {
        var blank = new FloatImage(Enumerable.Repeat(0.9f, 100 * 80).ToArray(), 100, 80);
        Assert.Equal(new TextDirection(0, false, 0), TextSkew.Measure(Ink(blank)));
    }

    [Fact]
    public void A_sheet_on_a_dark_desk_is_found_with_its_corners()
    {
        var (photo, corners) = PageScenes.OnDesk(Page, 900, 1200, 0.7, 8, seed: 2);
        var quad = PageFinder.Find(photo);
        Assert.NotNull(quad);
        double tolerance = 0.015 * 1200;
        for (int i = 0; i < 4; i++)
        {
            Assert.InRange(quad.Corners[i].X, corners[i].X - tolerance, corners[i].X + tolerance);
            Assert.InRange(quad.Corners[i].Y, corners[i].Y - tolerance, corners[i].Y + tolerance);
        }
    }

    [Fact]
    public void A_sheet_close_to_two_sides_of_the_frame_is_found_when_the_desk_shows_all_round()
    {
        // The sheet 6 px from the top and left of the frame: three corners in the border band, one clear of it.
        var (photo, corners) = PageScenes.OnDesk(Page, 900, 1200, 0.7, 0, seed: 2);
        int top = (int)Math.Round(corners.Min(c => c.Y)) - 6, left = (int)Math.Round(corners.Min(c => c.X)) - 6;
        var near = photo.Crop(top, left, photo.Height - top, photo.Width - left);
        var quad = PageFinder.Find(near);
        Assert.NotNull(quad);
        double tolerance = 0.015 * 1200;
        for (int i = 0; i < 4; i++)
        {
            Assert.InRange(quad.Corners[i].X, corners[i].X - left - tolerance, corners[i].X - left + tolerance);
            Assert.InRange(quad.Corners[i].Y, corners[i].Y - top - tolerance, corners[i].Y - top + tolerance);
        }
    }

    [Fact]
    public void Paper_filling_the_frame_or_a_light_gradient_is_no_sheet()
    {
        Assert.Null(PageFinder.Find(Page));
        var lit = Page.Pixels.Select((v, i) => v * (0.45f + (0.55f * (i % Page.Width) / Page.Width))).ToArray();
        Assert.Null(PageFinder.Find(new FloatImage(lit, Page.Height, Page.Width)));
    }

    [Fact]
    public void An_upright_page_filling_the_frame_is_read_as_it_is()
    {
        var geometry = PagePreparation.Plan(Page);
        Assert.True(geometry.IsIdentity, $"turns {geometry.QuarterTurns} skew {geometry.SkewDegrees} scale {geometry.Scale} page {geometry.Page} height {geometry.CharacterHeight} size {Page.Height}x{Page.Width}");
        Assert.Same(Page, PagePreparation.Render(Page, geometry));
    }

    [Fact]
    public void A_tilted_sheet_on_a_desk_is_cut_out_and_straightened_and_boxes_map_back()
    {
        var (photo, corners) = PageScenes.OnDesk(Page, 900, 1200, 0.7, 8, seed: 3);
        var geometry = PagePreparation.Plan(photo);
        Assert.NotNull(geometry.Page);
        Assert.Equal(0, geometry.QuarterTurns);
        var working = PagePreparation.Render(photo, geometry);
        var direction = TextSkew.Measure(Ink(working));
        Assert.InRange(direction.Degrees, -0.6, 0.6);
        var whole = geometry.ToPhotoBox(new PixelBox(0, 0, geometry.Height, geometry.Width), photo.Height, photo.Width);
        Assert.InRange(whole.Left, corners.Min(c => c.X) - 20, corners.Min(c => c.X) + 20);
        Assert.InRange(whole.Bottom, corners.Max(c => c.Y) - 20, corners.Max(c => c.Y) + 20);
    }

    [Fact]
    public void The_ink_extent_ignores_a_few_specks_at_the_border()
    {
        var pixels = new byte[100 * 200];
        for (int y = 40; y < 60; y++)
        {
            for (int x = 50; x < 150; x++)
            {
                pixels[(y * 200) + x] = 1;
            }
        }

        pixels[5] = pixels[(99 * 200) + 199] = 1; // two specks in the corners: under 1 % of the ink
        var ink = new BinaryImage(100, 200, pixels);
        var (across, down) = PagePreparation.InkExtents(ink);
        Assert.Equal(100, across);
        Assert.Equal(20, down);
        Assert.True(PagePreparation.OneLineAcross(across, down, characterHeight: 20));
        Assert.False(PagePreparation.OneLineAcross(across, down, characterHeight: 9)); // 20 rows hold two lines of 9-pixel letters
    }

    [Fact]
    public void Small_characters_are_read_enlarged_when_asked()
    {
        var small = Imaging.Resampler.Resize(Page, Page.Height / 2, Page.Width / 2);
        Assert.Equal(1, PagePreparation.Plan(small).Scale);
        var geometry = PagePreparation.Plan(small, new PagePreparationOptions { MaxUpscale = 4 });
        Assert.True(geometry.Scale > 1.5, $"scale {geometry.Scale}");
        Assert.InRange(geometry.CharacterHeight!.Value * geometry.Scale, WorkingResolution.MinCharacterHeight * 0.9, WorkingResolution.MinCharacterHeight * 1.1);
    }

    [Fact]
    public void Turning_a_mask_four_times_gives_it_back_and_matches_the_geometry()
    {
        var mask = new BinaryImage(2, 3, [1, 0, 0, 0, 0, 1]);
        var once = PagePreparation.Turn(mask, 1);
        Assert.Equal((3, 2), (once.Height, once.Width));
        Assert.Equal(mask.Pixels.ToArray(), PagePreparation.Turn(mask, 4).Pixels.ToArray());
        var g = PagePreparation.Turn(PageGeometry.Identity(2, 3), 1);
        var image = new FloatImage([.. mask.Pixels.ToArray().Select(b => (float)b)], 2, 3);
        Assert.Equal(once.Pixels.ToArray().Select(b => (float)b), PagePreparation.Render(image, g).Pixels.Select(v => MathF.Round(v)));
    }
}
