namespace Scrawl.Imaging.Tests;

public class RegionsTests
{
    [Theory]
    [InlineData("label_blobs_c4.npy", "regions_blobs_c4.npy")]
    [InlineData("label_blobs_c8.npy", "regions_blobs_c8.npy")]
    [InlineData("label_page_ink_c8.npy", "regions_page_ink_c8.npy")]
    public void Measure_matches_skimage_regionprops(string labelsName, string goldenName)
    {
        // Golden columns: label, area, bbox (4), centroid (2), extent. The reader hands float64 values
        // over as float32, so real-valued properties are compared after the same float32 rounding.
        var golden = Goldens.Read(goldenName);
        var regions = Regions.Measure(Goldens.Labels(labelsName));
        Assert.Equal(golden.Shape[0], regions.Count);
        for (int i = 0; i < regions.Count; i++)
        {
            var g = golden.Data.AsSpan(i * 9, 9);
            var r = regions[i];
            Assert.Equal(new[] { g[0], g[1], g[2], g[3], g[4], g[5] },
                new float[] { r.Label, r.Area, r.Top, r.Left, r.Bottom, r.Right });
            Assert.Equal(g[6], (float)r.CentroidRow);
            Assert.Equal(g[7], (float)r.CentroidColumn);
            Assert.Equal(g[8], (float)r.FillFraction);
        }
    }

    [Fact]
    public void Measure_skips_missing_labels_and_computes_the_fill_fraction()
    {
        var labels = new LabelImage(2, 3, [3, 3, 0,
                                           0, 3, 0]);
        var region = Assert.Single(Regions.Measure(labels));
        Assert.Equal((3, 3, 0, 0, 2, 2), (region.Label, region.Area, region.Top, region.Left, region.Bottom, region.Right));
        Assert.Equal(0.75, region.FillFraction, 12);
        Assert.Equal(1.0 / 3, region.CentroidRow, 12);
        Assert.Equal(2.0 / 3, region.CentroidColumn, 12);
    }
}
