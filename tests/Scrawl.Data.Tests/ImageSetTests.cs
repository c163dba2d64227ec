using Scrawl.Numerics;

namespace Scrawl.Data.Tests;

public class ImageSetTests
{
    private static ImageSet Make(int n, int classes, long seed)
    {
        var images = new Tensor(n, 32, 32);
        new SeededRandom(seed).FillUniform(images.Span, 0f, 1f);
        var labels = Enumerable.Range(0, n).Select(i => i % classes).ToArray();
        return new ImageSet(images, labels, Nist36Layout.ClassNames.Take(classes).ToArray(), "test");
    }

    [Fact]
    public void Nist36_conversion_transposes_and_inverts_and_round_trips()
    {
        var set = Make(3, 36, 1);
        set.Images.Span.Clear();
        set.Images.Row(0)[(2 * 32) + 5] = 1f; // ink at row 2, column 5
        var rows = Nist36Layout.ToNist36(set);
        Assert.Equal(0f, rows[0, (5 * 32) + 2]); // column-major, ink = 0
        Assert.Equal(1f, rows[0, (2 * 32) + 5]); // paper = 1
        var back = Nist36Layout.FromNist36(rows, set.Labels, "back");
        Assert.True(back.Images.Span.SequenceEqual(set.Images.Span));
        Assert.Equal("A", back.ClassNames[0]);
        Assert.Equal("9", back.ClassNames[35]);
    }

    [Fact]
    public void Stratified_split_is_seeded_disjoint_and_keeps_class_proportions()
    {
        var set = Make(360, 36, 2);
        var a = Splitting.Stratified(set, 0.2, 0.1, seed: 5);
        var b = Splitting.Stratified(set, 0.2, 0.1, seed: 5);
        var c = Splitting.Stratified(set, 0.2, 0.1, seed: 6);
        Assert.Equal(a.Train.Labels, b.Train.Labels);
        Assert.True(a.Valid!.Images.Span.SequenceEqual(b.Valid!.Images.Span));
        Assert.False(a.Valid.Images.Span.SequenceEqual(c.Valid!.Images.Span));
        Assert.Equal(360, a.Train.Count + a.Valid.Count + a.Test!.Count);
        Assert.All(a.Valid.CountPerClass(), n => Assert.Equal(2, n));
        Assert.All(a.Test.CountPerClass(), n => Assert.Equal(1, n));
        Assert.All(a.Train.CountPerClass(), n => Assert.Equal(7, n));
        var seen = new HashSet<float>();
        foreach (var (_, part) in a.Parts())
        {
            for (int i = 0; i < part.Count; i++)
            {
                Assert.True(seen.Add(part.Images.Row(i)[0]), "an image landed in two splits");
            }
        }
    }

    [Fact]
    public void Bad_labels_and_shapes_are_rejected_with_the_set_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageSet(new Tensor(2, 4, 4), [0, 3], ["a", "b"], "mine"));
        Assert.Contains("mine", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ImageSet(new Tensor(2, 16), [0, 1], ["a", "b"], "flat"));
        Assert.Throws<ArgumentException>(() => new ImageSet(new Tensor(2, 4, 4), [0], ["a"], "short"));
    }

    [Fact]
    public void Concat_and_subset_keep_images_with_their_labels()
    {
        var a = Make(4, 4, 3);
        var b = Make(6, 4, 4);
        var both = ImageSet.Concat("both", a, b);
        Assert.Equal(10, both.Count);
        Assert.True(both.Images.Row(4).SequenceEqual(b.Images.Row(0)));
        var sub = both.Subset([9, 0]);
        Assert.Equal([b.Labels[5], a.Labels[0]], sub.Labels);
        Assert.True(sub.Images.Row(0).SequenceEqual(b.Images.Row(5)));
    }
}
