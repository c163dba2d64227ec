using Scrawl.Numerics;

namespace Scrawl.Numerics.Tests;

/// <summary>GEMM reading A's rows through an index list: bit-identical to gathering the rows first.</summary>
public class GemmGatheredTests
{
    public static TheoryData<GemmPath, bool, bool> PathsAndTransposes() => GemmTests.PathsAndTransposes();

    [Theory]
    [MemberData(nameof(PathsAndTransposes))]
    public void Gathered_A_gives_the_same_bits_as_a_gathered_copy(GemmPath path, bool transposeA, bool transposeB)
    {
        var shapes = new[] { (64, 64, 1024), (1024, 64, 64), (37, 45, 70), (9, 33, 17), (1, 5, 3), (300, 36, 260) };
        foreach ((int m, int n, int k) in shapes)
        {
            foreach (bool threads in new[] { false, true })
            {
                int storedRows = transposeA ? k : m, cols = transposeA ? m : k, lda = cols + 3;
                int sourceRows = (2 * storedRows) + 5;
                var random = new SeededRandom((m * 31) + (n * 7) + k + (transposeA ? 1 : 0) + (transposeB ? 2 : 0));
                var source = new float[sourceRows * lda];
                random.FillUniform(source, -1f, 1f);
                var rows = new int[storedRows];
                var gathered = new float[storedRows * lda];
                for (int r = 0; r < storedRows; r++)
                {
                    rows[r] = random.NextInt(sourceRows); // duplicates allowed
                    source.AsSpan(rows[r] * lda, lda).CopyTo(gathered.AsSpan(r * lda));
                }

                int ldb = (transposeB ? k : n) + 1, ldc = n + 2;
                var b = new float[(transposeB ? n : k) * ldb];
                var c = new float[m * ldc];
                random.FillUniform(b, -1f, 1f);
                random.FillUniform(c, -1f, 1f);
                float[] expected = (float[])c.Clone(), got = (float[])c.Clone();
                Gemm.MultiplyCore(transposeA, transposeB, m, n, k, -0.5f, gathered, lda, b, ldb, 1f, expected, ldc, path, threads);
                Gemm.MultiplyCore(transposeA, transposeB, m, n, k, -0.5f, source, lda, b, ldb, 1f, got, ldc, path, threads, rows, gatherA: true);
                Assert.True(expected.AsSpan().SequenceEqual(got), $"{path} m={m} n={n} k={k} tA={transposeA} tB={transposeB} threads={threads}");
            }
        }
    }

    [Fact]
    public void Tensor_form_matches_gather_then_MatMul()
    {
        var random = new SeededRandom(5);
        var source = new Tensor(200, 1024);
        var w = new Tensor(1024, 64);
        var d = new Tensor(64, 64);
        random.FillUniform(source.Span, -1f, 1f);
        random.FillUniform(w.Span, -1f, 1f);
        random.FillUniform(d.Span, -1f, 1f);
        int[] rows = [.. Enumerable.Range(0, 64).Select(i => (i * 37) % 200)];
        var batch = new Tensor(64, 1024);
        RowGather.Gather(source, rows, batch);

        Tensor forward = new(64, 64), forwardGathered = new(64, 64);
        Gemm.MatMul(batch, w, forward);
        Gemm.MatMulGathered(source, rows, w, forwardGathered);
        Assert.True(forward.Span.SequenceEqual(forwardGathered.Span));

        Tensor update = w.Clone(), updateGathered = w.Clone();
        Gemm.MatMul(batch, d, update, transposeA: true, alpha: -0.02f, beta: 1f);
        Gemm.MatMulGathered(source, rows, d, updateGathered, transposeA: true, alpha: -0.02f, beta: 1f);
        Assert.True(update.Span.SequenceEqual(updateGathered.Span));
    }

    [Fact]
    public void Bad_row_lists_and_shapes_are_rejected()
    {
        var source = new Tensor(4, 3);
        var b = new Tensor(3, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MatMulGathered(source, [0, 4], b, new Tensor(2, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MatMulGathered(source, [-1, 0], b, new Tensor(2, 2)));
        Assert.Throws<ArgumentException>(() => Gemm.MatMulGathered(source, [0, 1], b, new Tensor(3, 2)));
        Assert.Throws<ArgumentException>(() => Gemm.MatMulGathered(source, [0, 1], new Tensor(4, 2), new Tensor(2, 2)));
        float[] a = new float[12], bb = new float[6], c = new float[4];
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyGathered(false, false, 2, 2, 3, 1f, a, 3, [0, 1, 2], bb, 2, 0f, c, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplyGathered(false, false, 2, 2, 3, 1f, a, 3, [0, -2], bb, 2, 0f, c, 2));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyGathered(false, false, 2, 2, 3, 1f, a, 3, [0, 4], bb, 2, 0f, c, 2));
    }
}
