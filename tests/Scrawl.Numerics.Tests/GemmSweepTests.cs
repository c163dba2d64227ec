using Scrawl.Numerics;

namespace Scrawl.Numerics.Tests;

/// <summary>
/// Every size 1..128 in each dimension (the other two fixed at 1, 7, 33 and 64), all four transpose
/// combinations, on every kernel path this machine supports. Tolerance: see <see cref="GemmCase.AssertMatches"/>.
/// </summary>
public class GemmSweepTests
{
    public static TheoryData<GemmPath, bool, bool, char> SweepCases()
    {
        var data = new TheoryData<GemmPath, bool, bool, char>();
        foreach (GemmPath path in GemmCase.SupportedPaths())
        {
            for (int t = 0; t < 4; t++)
            {
                foreach (char dimension in "mnk")
                {
                    data.Add(path, (t & 1) != 0, (t & 2) != 0, dimension);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SweepCases))]
    public void Each_size_1_to_128_matches_reference(GemmPath path, bool transposeA, bool transposeB, char dimension)
    {
        int[] fixedSizes = [1, 7, 33, 64];
        for (int size = 1; size <= 128; size++)
        {
            foreach (int other in fixedSizes)
            {
                int m = dimension == 'm' ? size : other;
                int n = dimension == 'n' ? size : other;
                int k = dimension == 'k' ? size : other;
                long seed = (size * 1000) + (other * 10) + (transposeA ? 1 : 0) + (transposeB ? 2 : 0);
                var gemm = new GemmCase(m, n, k, transposeA, transposeB, seed, padA: size % 3, padB: size % 2, padC: size % 4);
                (float alpha, float beta) = size % 2 == 0 ? (1f, 0f) : (-0.75f, 1.5f);
                float[] got = gemm.Run(alpha, beta, path);
                gemm.AssertMatches(got, gemm.Product(), alpha, beta, context: path.ToString());
            }
        }
    }
}
