using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.Numerics;

namespace Scrawl.Compression;

/// <summary>
/// Products with the centred data X − 1·μᵀ without forming it: centring is a rank-one correction of each
/// GEMM's result, so the data is read in place (and never copied) by the engine's GEMM.
/// </summary>
internal static class CenteredProducts
{
    /// <summary>Column means of x [N×D] (N ≥ 1): float sums over 64-row blocks, added up in double.</summary>
    public static Tensor ColumnMeans(Tensor x)
    {
        int d = x.Dim(1);
        var sums = new double[d];
        var block = new float[d];
        for (int start = 0; start < x.Rows; start += 64)
        {
            Array.Clear(block);
            int end = Math.Min(start + 64, x.Rows);
            for (int r = start; r < end; r++)
            {
                TensorPrimitives.Add(block, x.Row(r), block);
            }

            for (int j = 0; j < d; j++)
            {
                sums[j] += block[j];
            }
        }

        var mean = new Tensor(d);
        for (int j = 0; j < d; j++)
        {
            mean[j] = (float)(sums[j] / x.Rows);
        }

        return mean;
    }

    /// <summary>result [N×l] = (X − 1·μᵀ)·op(B), op(B) = B (D×l) or Bᵀ (B is l×D).</summary>
    public static void Times(Tensor x, Tensor mean, Tensor b, Tensor result, bool transposeB = false)
    {
        Gemm.MatMul(x, b, result, transposeB: transposeB);
        var shift = new Tensor(1, result.Dim(1));
        Gemm.MatMul(mean.Reshape(1, mean.Length), b, shift, transposeB: transposeB);
        for (int r = 0; r < result.Rows; r++)
        {
            TensorPrimitives.Subtract(result.Row(r), shift.Span, result.Row(r));
        }
    }

    /// <summary>result [D×l] = (X − 1·μᵀ)ᵀ·q = Xᵀ·q − μ·(1ᵀq) for q [N×l].</summary>
    public static void TransposeTimes(Tensor x, Tensor mean, Tensor q, Tensor result)
    {
        Gemm.MatMul(x, q, result, transposeA: true);
        var columnSums = new Tensor(1, q.Dim(1));
        for (int r = 0; r < q.Rows; r++)
        {
            TensorPrimitives.Add(columnSums.Span, q.Row(r), columnSums.Span);
        }

        Gemm.MatMul(mean.Reshape(mean.Length, 1), columnSums, result, alpha: -1f, beta: 1f);
    }

    /// <summary>Rows of the data per block of the fused covariance product: the block (≤ 512 KiB for D = 1024) stays in L2 between its two GEMMs.</summary>
    internal const int BlockRows = 128;

    /// <summary>Fixed row slices of the fused covariance product, summed in order: the same bits on any number of cores.</summary>
    internal const int Slices = 8;

    /// <summary>
    /// result [D×l] = X_cᵀ·X_c·v for v [D×l], X_c the centred data (N − 1 times the covariance applied to v), in one
    /// pass over the data: per block B of rows, Y = X_B·v − 1·(μᵀv) (the centred block's product) and then
    /// Yᵀ·X_B is added to the slice's l×D sum while X_B is still in cache (Yᵀ and X_B are read in place, unpacked).
    /// The slices run in parallel; their sums are added in a fixed order, then μ·(1ᵀY) is subtracted (the second
    /// centring, ≈ 0 since Y is centred) and the l×D sum transposed into <paramref name="result"/>.
    /// </summary>
    public static void CovarianceTimes(Tensor x, Tensor mean, Tensor v, Tensor result)
    {
        int n = x.Rows, d = x.Dim(1), l = v.Dim(1);
        var shift = new float[l];
        Gemm.Multiply(false, false, 1, l, d, 1f, mean.Span, d, v.Span, l, 0f, shift, l);
        int slices = Math.Min(Slices, (n + BlockRows - 1) / BlockRows);
        var sums = new float[slices][];
        var columnSums = new float[slices][];
        ParallelWork.For(slices, slice =>
        {
            int first = (int)((long)n * slice / slices), end = (int)((long)n * (slice + 1) / slices);
            var sum = sums[slice] = new float[l * d];
            var columns = columnSums[slice] = new float[l];
            var y = new float[BlockRows * l];
            for (int start = first; start < end; start += BlockRows)
            {
                int r = Math.Min(BlockRows, end - start);
                var block = x.Span.Slice(start * d, r * d);
                Gemm.MultiplyOnCallingThread(false, false, r, l, d, 1f, block, d, v.Span, l, 0f, y, l);
                for (int i = 0; i < r; i++)
                {
                    var row = y.AsSpan(i * l, l);
                    TensorPrimitives.Subtract(row, shift, row);
                    TensorPrimitives.Add(columns, row, columns);
                }

                Gemm.MultiplyOnCallingThread(true, false, l, d, r, 1f, y, l, block, d, start == first ? 0f : 1f, sum, d);
            }
        });

        for (int slice = 1; slice < slices; slice++)
        {
            TensorPrimitives.Add(sums[0], sums[slice], sums[0]);
            TensorPrimitives.Add(columnSums[0], columnSums[slice], columnSums[0]);
        }

        for (int j = 0; j < d; j++)
        {
            var row = result.Row(j);
            for (int c = 0; c < l; c++)
            {
                row[c] = sums[0][(c * d) + j] - (mean[j] * columnSums[0][c]);
            }
        }
    }

    /// <summary>Symmetric eigen-pairs (descending) of ZᵀZ (or Z·Zᵀ when <paramref name="rowsGram"/>), formed with the GEMM.</summary>
    public static (double[] Values, double[] Vectors) Gram(Tensor z, bool rowsGram = false)
    {
        int size = rowsGram ? z.Dim(0) : z.Dim(1);
        var gram = new Tensor(size, size);
        Gemm.MatMul(z, z, gram, transposeA: !rowsGram, transposeB: rowsGram);
        return Eigen(gram);
    }

    /// <summary>Eigen-pairs (descending) of the symmetric part of the square <paramref name="m"/>, in double.</summary>
    public static (double[] Values, double[] Vectors) Eigen(Tensor m)
    {
        int size = m.Dim(0);
        var g = new double[size * size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                g[(i * size) + j] = 0.5 * ((double)m[i, j] + m[j, i]);
            }
        }

        return TridiagonalEigen.Decompose(g, size);
    }

    /// <summary>
    /// Makes the columns of <paramref name="z"/> orthonormal in place: from the eigen-pairs of ZᵀZ = V·Λ·Vᵀ,
    /// Z ← Z·V·Λ^(−1/2) (directions with negligible energy are zeroed). Applied twice, like CholeskyQR2,
    /// to remove the float32 loss of orthogonality of the first pass.
    /// </summary>
    public static void Orthonormalize(Tensor z)
    {
        int l = z.Dim(1);
        var transform = new Tensor(l, l);
        var copy = new Tensor(z.Dim(0), l);
        for (int pass = 0; pass < 2; pass++)
        {
            var (values, vectors) = Gram(z);
            for (int r = 0; r < l; r++)
            {
                for (int c = 0; c < l; c++)
                {
                    transform[r, c] = values[c] > 1e-10 * values[0] ? (float)(vectors[(r * l) + c] / Math.Sqrt(values[c])) : 0f;
                }
            }

            z.CopyTo(copy);
            Gemm.MatMul(copy, transform, z);
        }
    }
}
