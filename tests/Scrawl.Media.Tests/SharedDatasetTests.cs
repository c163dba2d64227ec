using Scrawl.Data;
using Scrawl.Data.Images;

namespace Scrawl.Media.Tests;

/// <summary>The real shared sets load with the right counts, classes, polarity and orientation.</summary>
public class SharedDatasetTests
{
    private static readonly SkiaImageDecoder Decoder = new();
    private static readonly Lazy<ImageSet> PhotoChars = new(() => Handwritten36.LoadPhotoChars(Support.SharedDatasets("handwritten36"), Decoder));
    private static readonly Lazy<(ImageSet Set, List<string> Skipped)> Emnist = new(() =>
    {
        var skipped = new List<string>();
        var set = Handwritten36.LoadEmnistSample(Support.SharedDatasets("handwritten36"), Decoder, skipped: (p, _) => skipped.Add(p));
        return (set, skipped);
    });

    [Fact]
    public void Photo_chars_has_3337_normalised_characters_in_nist36_order()
    {
        var set = PhotoChars.Value;
        Assert.Equal(3337, set.Count);
        Assert.Equal(Nist36Layout.ClassNames, set.ClassNames);
        Assert.All(set.CountPerClass(), n => Assert.InRange(n, 91, 94));
        Assert.Equal((32, 32, 1), (set.Height, set.Width, set.Channels));
        AssertInkConvention(set);
    }

    [Fact]
    public void Emnist_sample_loads_upright_and_reports_its_one_empty_file()
    {
        var (set, skipped) = Emnist.Value;
        // 3,291 files, one of them empty (0 bytes): it is left out and reported by path.
        string empty = Assert.Single(skipped);
        Assert.Equal(0, new FileInfo(empty).Length);
        Assert.Equal(3290, set.Count);
        Assert.Equal(Nist36Layout.ClassNames, set.ClassNames);
        Assert.All(set.CountPerClass(), n => Assert.True(n >= 14));
        Assert.Equal((32, 32), (set.Height, set.Width));
        AssertInkConvention(set);
    }

    [Fact]
    public void Emnist_sample_raw_images_are_the_transpose_of_the_files()
    {
        string root = Support.SharedDatasets("handwritten36/emnist-sample");
        string file = ImageFolder.ListFiles(root).First(f => f.Class == "7").Path;
        var stored = Decoder.Decode(file, new DecodeRequest(ColorMode.Grey));
        var upright = ImageFolder.LoadImage(file, Handwritten36.EmnistSampleOptions(normalize: false), Decoder);
        Assert.Equal((28, 28), (upright.Height, upright.Width));
        Assert.Equal(stored.Transposed().Pixels, upright.Pixels);
        Assert.True(stored[0, 0] < 0.1f && upright[0, 0] < 0.1f, "the sample's paper is black: ink = 1 already");
    }

    [Theory]
    [InlineData("photo")]
    [InlineData("emnist")]
    public void Characters_are_upright(string source)
    {
        var set = source == "photo" ? PhotoChars.Value : Emnist.Value.Set;
        // "7": a bar at the top, a thin stroke below. "L": a foot at the bottom. "J" and "4" lean the other ways.
        Assert.True(MeanInk(set, "7", top: true) > 1.3 * MeanInk(set, "7", top: false), "7 should be heavier at the top");
        Assert.True(MeanInk(set, "L", top: false) > 1.3 * MeanInk(set, "L", top: true), "L should be heavier at the bottom");
        Assert.True(MeanInkColumns(set, "L", left: true) > 1.3 * MeanInkColumns(set, "L", left: false), "L's stem should be at the left");
        Assert.True(MeanInkColumns(set, "J", left: false) > MeanInkColumns(set, "J", left: true), "J's stem should be at the right");
    }

    [Fact]
    public void Flowers17_loads_its_three_splits()
    {
        var splits = Flowers17.Load(Support.SharedDatasets("flowers17"), 32, Decoder);
        Assert.Equal((680, 340, 340), (splits.Train.Count, splits.Valid!.Count, splits.Test!.Count));
        Assert.Equal([680, 32, 32, 3], splits.Train.Images.Shape.ToArray());
        Assert.Equal(Flowers17.FlowerNames, splits.Train.ClassNames);
        Assert.All(splits.Train.CountPerClass(), n => Assert.Equal(40, n));
        Assert.All(splits.Test.CountPerClass(), n => Assert.Equal(20, n));
        Assert.All(splits.Valid.Images.Span.ToArray(), v => Assert.InRange(v, 0f, 1f));
        Assert.Equal("flowers17/valid", splits.Valid.Name);
    }

    [Fact]
    public void A_photo_chars_montage_renders()
    {
        var set = PhotoChars.Value;
        var options = new MontageOptions { Title = "photo-chars", Seed = 1 };
        var image = Decoder.Decode(Montage.Render(set, 6, 4, options), new DecodeRequest(ColorMode.Grey));
        Assert.Equal(Montage.Measure(set, 6, 4, options), (image.Width, image.Height));
    }

    private static void AssertInkConvention(ImageSet set)
    {
        var pixels = set.Images.Span;
        float min = float.MaxValue, max = float.MinValue;
        double corners = 0, centre = 0;
        foreach (float v in pixels)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        for (int n = 0; n < set.Count; n++)
        {
            var img = set.Images.Row(n);
            corners += img[0] + img[31] + img[31 * 32] + img[(32 * 32) - 1];
            centre += img[(16 * 32) + 16];
        }

        Assert.InRange(min, 0f, 0.001f);
        Assert.InRange(max, 0.999f, 1f);
        Assert.True(corners / (4.0 * set.Count) < 0.02, $"corners should be paper (0), mean {corners / (4.0 * set.Count):F3}");
        Assert.True(centre / set.Count > 0.15, $"ink (1) should reach the centre, mean {centre / set.Count:F3}");
    }

    private static double MeanInk(ImageSet set, string cls, bool top) =>
        Mean(set, cls, img => top ? Support.RowInk(img, 32, 0, 12) : Support.RowInk(img, 32, 20, 32));

    private static double MeanInkColumns(ImageSet set, string cls, bool left)
    {
        return Mean(set, cls, img =>
        {
            double sum = 0;
            for (int y = 0; y < 32; y++)
            {
                for (int x = left ? 0 : 20; x < (left ? 12 : 32); x++)
                {
                    sum += img[(y * 32) + x];
                }
            }

            return sum;
        });
    }

    private static double Mean(ImageSet set, string cls, Func<float[], double> f)
    {
        int label = set.ClassNames.ToList().IndexOf(cls);
        var values = Enumerable.Range(0, set.Count).Where(i => set.Labels[i] == label).Select(i => f(set.Images.Row(i).ToArray())).ToList();
        Assert.NotEmpty(values);
        return values.Average();
    }
}
