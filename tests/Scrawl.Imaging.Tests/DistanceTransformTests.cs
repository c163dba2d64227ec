namespace Scrawl.Imaging.Tests;

public class DistanceTransformTests
{
    [Theory]
    [InlineData("blobs.npy", "cdt_chessboard_blobs.npy")]
    [InlineData("disc.npy", "cdt_chessboard_disc.npy")]
    public void Chessboard_matches_scipy_exactly(string input, string golden)
    {
        var expected = Goldens.Read(golden).ToLabels();
        Assert.Equal(expected, DistanceTransform.Chessboard(Goldens.Binary(input)));
    }

    [Fact]
    public void A_full_image_has_no_unset_pixel_to_measure_from()
    {
        var full = new BinaryImage(3, 4, Enumerable.Repeat((byte)1, 12).ToArray());
        Assert.All(DistanceTransform.Chessboard(full), d => Assert.Equal(-1, d));
        Assert.All(DistanceTransform.Chessboard(new BinaryImage(3, 4, new byte[12])), d => Assert.Equal(0, d));
    }
}
