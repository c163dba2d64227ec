using Scrawl.Imaging.Geometry;

namespace Scrawl.Imaging.Tests.Geometry;

public class HomographyTests
{
    private static readonly (double X, double Y)[] Square = [(0, 0), (100, 0), (100, 50), (0, 50)];
    private static readonly (double X, double Y)[] Keystone = [(12, 7), (93, 3), (110, 61), (-4, 55)];

    [Fact]
    public void Four_point_pairs_map_exactly_and_the_inverse_maps_back()
    {
        var h = Homography.FromPoints(Square, Keystone);
        for (int i = 0; i < 4; i++)
        {
            var (x, y) = h.Map(Square[i].X, Square[i].Y);
            Assert.Equal(Keystone[i].X, x, 9);
            Assert.Equal(Keystone[i].Y, y, 9);
        }

        var back = h.Inverse().Map(h.Map(37, 21).X, h.Map(37, 21).Y);
        Assert.Equal(37, back.X, 9);
        Assert.Equal(21, back.Y, 9);
        Assert.True(h.Then(h.Inverse()).IsIdentity);
    }

    [Fact]
    public void Then_applies_the_first_transform_first()
    {
        var moveThenDouble = Homography.Translation(1, 2).Then(Homography.Scaling(2, 2));
        Assert.Equal((8.0, 10.0), moveThenDouble.Map(3, 3));
        var doubleThenMove = Homography.Scaling(2, 2).Then(Homography.Translation(1, 2));
        Assert.Equal((7.0, 8.0), doubleThenMove.Map(3, 3));
    }

    [Fact]
    public void A_positive_rotation_turns_x_towards_y()
    {
        var (x, y) = Homography.Rotation(90, 0, 0).Map(1, 0);
        Assert.Equal(0, x, 12);
        Assert.Equal(1, y, 12);
        var about = Homography.Rotation(180, 5, 5).Map(6, 5);
        Assert.Equal(4, about.X, 12);
        Assert.Equal(5, about.Y, 12);
    }

    [Fact]
    public void Degenerate_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Homography.FromPoints(Square, [(0, 0), (1, 1), (2, 2), (3, 3)]));
        Assert.Throws<ArgumentException>(() => Homography.FromMatrix([1, 0, 0, 0, 0, 0, 0, 0, 1]));
        Assert.Throws<ArgumentException>(() => Homography.FromMatrix([1, 0, 0, 0, 1, 0, 0, 0, double.NaN]));
    }

    [Fact]
    public void Warping_through_the_identity_copies_and_a_half_turn_mirrors_both_ways()
    {
        var pixels = Enumerable.Range(0, 12).Select(i => i / 12f).ToArray();
        var image = new FloatImage(pixels, 3, 4);
        Assert.Equal(pixels, Warp.Image(image, Homography.Identity, 3, 4, 0.5f).Pixels);
        var half = Warp.Image(image, Homography.Rotation(180, 2, 1.5), 3, 4, 0.5f);
        Assert.All(pixels.Reverse().Zip(half.Pixels), p => Assert.Equal(p.First, p.Second, 5));
    }

    [Fact]
    public void Points_outside_the_source_take_the_fill_and_in_between_is_bilinear()
    {
        var image = new FloatImage([0f, 1f, 0f, 1f], 2, 2);
        var shifted = Warp.Image(image, Homography.Translation(0.5, 0), 2, 3, 0.25f);
        Assert.Equal(0.5f, shifted.Pixels[0], 5);
        Assert.Equal(0.25f, Warp.Image(image, Homography.Translation(10, 0), 2, 2, 0.25f).Pixels[3]);
        Assert.Throws<ArgumentException>(() => Warp.Image(new FloatImage(2, 2, 3), Homography.Identity, 2, 2, 0));
    }

    [Fact]
    public void Warping_into_a_dirty_destination_writes_every_value_of_the_fresh_image()
    {
        var random = new Random(4);
        var image = new FloatImage([.. Enumerable.Range(0, 30 * 40).Select(_ => (float)random.NextDouble())], 30, 40);
        var toSource = Homography.FromPoints(Square, Keystone);
        var destination = Enumerable.Repeat(-9f, (25 * 33) + 5).ToArray();
        Warp.Image(image, toSource, destination.AsMemory(0, 25 * 33), 25, 33, 0.75f);
        Assert.Equal(Warp.Image(image, toSource, 25, 33, 0.75f).Pixels, destination[..(25 * 33)]);
        Assert.All(destination[(25 * 33)..], v => Assert.Equal(-9f, v)); // nothing past the image is touched
        Assert.Throws<ArgumentException>(() => Warp.Image(image, toSource, new float[10], 25, 33, 0.75f));
        Assert.Throws<ArgumentException>(() => Warp.Image(image, toSource, image.Pixels.AsMemory(0, 10 * 12), 10, 12, 0.75f));
    }
}
