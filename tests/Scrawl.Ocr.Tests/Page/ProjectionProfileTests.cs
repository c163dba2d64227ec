namespace Scrawl.Ocr.Tests.Page;

public class ProjectionProfileTests
{
    /// <summary>The definition: every projection in float64, one histogram, sum of squared counts.</summary>
    private static double Naive(float[] xs, float[] ys, double c, double s)
    {
        var p = xs.Select((x, i) => (ys[i] * c) - (x * s)).ToArray();
        double min = p.Min(), max = p.Max();
        var bins = new int[(int)(max - min) + 2];
        foreach (double v in p)
        {
            bins[(int)(v - min)]++;
        }

        return bins.Sum(b => (double)b * b);
    }

    public static TheoryData<int> Paths() => new([.. new[] { 1, 8, 16 }.Where(p => p <= ProjectionProfile.BestPath)]);

    [Theory]
    [MemberData(nameof(Paths))]
    public void Matches_the_scalar_definition_bit_for_bit_at_every_length_from_1_to_128(int path)
    {
        var random = new Random(11);
        for (int n = 1; n <= 128; n++)
        {
            // Pixel centres of a 300×200 mask, as TextSkew takes them, and an angle within ±20°.
            float[] xs = [.. Enumerable.Range(0, n).Select(_ => random.Next(300) + 0.5f)];
            float[] ys = [.. Enumerable.Range(0, n).Select(_ => random.Next(200) + 0.5f)];
            double a = ((random.NextDouble() * 40) - 20) * Math.PI / 180;
            double c = Math.Cos(a), s = Math.Sin(a);
            Assert.Equal(Naive(xs, ys, c, s), ProjectionProfile.SquaredCounts(xs, ys, c, s, path));
            var (min, max) = ProjectionProfile.Range(xs, ys, c, s, path);
            var p = xs.Select((x, i) => (ys[i] * c) - (x * s)).ToArray();
            Assert.Equal(p.Min(), min);
            Assert.Equal(p.Max(), max);
        }
    }

    [Fact]
    public void Rows_of_ink_score_highest_at_their_own_tilt()
    {
        // Three rows of points tilted by 5°: the profile is sharpest at 5°, flatter at 0° and at 10°.
        var xs = new List<float>();
        var ys = new List<float>();
        double t = Math.Tan(5 * Math.PI / 180);
        for (int row = 0; row < 3; row++)
        {
            for (int x = 0; x < 400; x++)
            {
                xs.Add(x + 0.5f);
                ys.Add((float)(40 + (row * 50) + (x * t)) + 0.5f);
            }
        }

        double at5 = TextSkew.Score([.. xs], [.. ys], 5), at0 = TextSkew.Score([.. xs], [.. ys], 0), at10 = TextSkew.Score([.. xs], [.. ys], 10);
        Assert.True(at5 > 2 * at0, $"{at5} vs {at0}");
        Assert.True(at5 > 2 * at10, $"{at5} vs {at10}");
    }

    [Fact]
    public void Rejects_empty_or_unequal_coordinates()
    {
        Assert.Throws<ArgumentException>(() => ProjectionProfile.SquaredCounts([], [], 1, 0));
        Assert.Throws<ArgumentException>(() => ProjectionProfile.SquaredCounts([1f, 2f], [1f], 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProjectionProfile.SquaredCounts([1f], [1f], 1, 0, path: 4));
    }
}
