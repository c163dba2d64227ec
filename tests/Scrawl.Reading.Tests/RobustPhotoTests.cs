using Scrawl.Imaging;
using Scrawl.Imaging.Geometry;
using Scrawl.Media;

namespace Scrawl.Reading.Tests;

/// <summary>The shipped sample photographed the ways users do: turned, tilted, small; read end to end through <see cref="PhotoReader"/>.</summary>
public class RobustPhotoTests
{
    private static string Sample => ModelLocator.FindRepositoryFile(Path.Combine("samples", "sample-page.jpg"))!;

    private static string Truth => File.ReadAllText(Path.ChangeExtension(Sample, ".txt")).Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n');

    private static FloatImage Decoded => PhotoLoader.Load(Sample, 4000).Image;

    /// <summary>The image turned clockwise by <paramref name="degrees"/> about its centre, on a canvas that holds all of it (paper-coloured corners).</summary>
    private static FloatImage Turned(FloatImage image, double degrees, double scale = 1)
    {
        double a = degrees * Math.PI / 180, c = Math.Abs(Math.Cos(a)), s = Math.Abs(Math.Sin(a));
        int w = (int)Math.Ceiling(((image.Width * c) + (image.Height * s)) * scale), h = (int)Math.Ceiling(((image.Width * s) + (image.Height * c)) * scale);
        var toImage = Homography.Translation(-w / 2.0, -h / 2.0).Then(Homography.Scaling(1 / scale, 1 / scale)).Then(Homography.Rotation(-degrees, 0, 0))
            .Then(Homography.Translation(image.Width / 2.0, image.Height / 2.0));
        return Warp.Image(image, toImage, h, w, 0.93f);
    }

    /// <summary>Turned by a multiple of 90° the page reads exactly; tilted, it was resampled twice (here and when straightened), which may cost a thin joint or two.</summary>
    [Theory]
    [InlineData(90, 270, 0.0)]
    [InlineData(180, 180, 0.0)]
    [InlineData(270, 90, 0.0)]
    [InlineData(7, 0, 0.05)]
    [InlineData(-12, 0, 0.05)]
    [InlineData(96, 270, 0.05)]
    public void A_turned_or_tilted_sample_reads_upright(double degrees, int rotation, double maxCer)
    {
        using var reader = PhotoReader.Open();
        var page = reader.Read(PngImage.Encode(Turned(Decoded, degrees)), $"turned-{degrees}.png");
        var g = page.Geometry;
        double cer = Scrawl.Ocr.TextScore.Compute(Truth, page.Text).CharacterErrorRate;
        Assert.True(cer <= maxCer, $"CER {cer:P1}; turns {g.QuarterTurns} skew {g.SkewDegrees} scale {g.Scale:F2}: {page.Text}");
        Assert.Equal(rotation, page.RotationDegrees);
        double tilt = degrees - (Math.Round(degrees / 90) * 90);
        Assert.InRange(g.SkewDegrees, tilt - 1, tilt + 1);
    }

    [Fact]
    public void Boxes_of_a_half_turned_photo_are_in_its_own_pixels()
    {
        using var reader = PhotoReader.Open();
        var upright = reader.Read(Sample);
        var turned = reader.Read(PngImage.Encode(Turned(Decoded, 180)), "half.png");
        var a = upright.Result.Characters.First().Box;
        var b = turned.Result.Characters.First().Box;
        // The first character (top left upright) sits at the bottom right of the half-turned photo.
        Assert.InRange(b.Right, upright.Result.Width - a.Left - 6, upright.Result.Width - a.Left + 6);
        Assert.InRange(b.Bottom, upright.Result.Height - a.Top - 6, upright.Result.Height - a.Top + 6);
    }

    [Fact]
    public void A_small_photo_is_read_at_its_own_size()
    {
        using var reader = PhotoReader.Open();
        var page = reader.Read(PngImage.Encode(Turned(Decoded, 0, scale: 0.45)), "small.png");
        Assert.Equal(1, page.Geometry.Scale);
        Assert.True(Scrawl.Ocr.TextScore.Compute(Truth, page.Text).CharacterErrorRate <= 0.05, page.Text);
    }
}

public class UnsureTests
{
    [Fact]
    public void A_blank_sheet_is_unsure_and_the_sample_is_not()
    {
        using var reader = PhotoReader.Open();
        var blank = new FloatImage(Enumerable.Repeat(0.9f, 300 * 400).ToArray(), 300, 400);
        var nothing = reader.Read(PngImage.Encode(blank), "blank.png");
        Assert.Empty(nothing.Result.Lines);
        Assert.True(nothing.Unsure);
        Assert.Contains("\"unsure\": true", ReadingJson.Serialize([nothing], "m"), StringComparison.Ordinal);
        var sample = reader.Read(ModelLocator.FindRepositoryFile(Path.Combine("samples", "sample-page.jpg"))!);
        Assert.False(sample.Unsure);
        Assert.InRange(sample.Confidence, PhotoReading.ConfidentPage, 1);
    }
}
