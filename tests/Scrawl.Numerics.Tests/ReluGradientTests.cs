using Scrawl.Numerics;

namespace Scrawl.Numerics.Tests;

public class ReluGradientTests
{
    public static TheoryData<int> Lengths
    {
        get
        {
            var data = new TheoryData<int>();
            for (int n = 0; n <= 128; n++)
            {
                data.Add(n);
            }

            data.Add(1031);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Matches_the_scalar_definition_at_every_length(int n)
    {
        var random = new SeededRandom(n + 1);
        var x = new float[n];
        var dy = new float[n];
        random.FillUniform(x, -1f, 1f);
        random.FillUniform(dy, -2f, 2f);
        if (n > 3)
        {
            x[1] = 0f;      // the kink counts as "not positive"
            x[2] = -0f;
            x[3] = float.Epsilon;
        }

        var dx = new float[n];
        ReluGradient.Compute(x, dy, dx);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(x[i] > 0 ? dy[i] : 0f, dx[i]);
        }

        // In place (dx aliasing dy) gives the same.
        ReluGradient.Compute(x, dy, dy);
        Assert.Equal(dx, dy);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected() =>
        Assert.Throws<ArgumentException>(() => ReluGradient.Compute(new float[3], new float[3], new float[2]));
}
