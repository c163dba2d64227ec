using Scrawl.Numerics;

namespace Scrawl.Compression;

/// <summary>Settings of the randomized PCA fit.</summary>
public sealed record PcaOptions
{
    /// <summary>Extra random directions beyond the components (≥ 0): more gives a more accurate subspace.</summary>
    public int Oversampling { get; init; } = 16;

    /// <summary>Power (subspace) iterations (≥ 0): each sharpens the separation of the top components.</summary>
    public int PowerIterations { get; init; } = 4;

    /// <summary>Seed of the random starting subspace.</summary>
    public long Seed { get; init; }
}

/// <summary>
/// Principal component analysis: a mean and k orthonormal component rows (the k×D projection matrix).
/// Fitted by randomized SVD (Halko, Martinsson &amp; Tropp 2011, Algorithm 4.4 with subspace iteration)
/// on the engine's GEMM, without forming the D×D covariance or a centred copy of the data: centring
/// is applied as a rank-one correction to each product. The small l×l problems are solved in double.
/// </summary>
public sealed class Pca
{
    private Pca(Tensor mean, Tensor components, double[] variance)
    {
        Mean = mean;
        Components = components;
        ExplainedVariance = variance;
    }

    /// <summary>The data mean, length D.</summary>
    public Tensor Mean { get; }

    /// <summary>The projection matrix, k×D, orthonormal rows in order of decreasing variance.</summary>
    public Tensor Components { get; }

    /// <summary>Variance of the data along each component (eigenvalues of the covariance, N − 1 normalised).</summary>
    public IReadOnlyList<double> ExplainedVariance { get; }

    /// <summary>Number of components k.</summary>
    public int ComponentCount => Components.Dim(0);

    /// <summary>Stored parameters of the projection matrix, k·D (the seed counts 32 × 1024 = 32,768).</summary>
    public long ParameterCount => (long)Components.Length;

    /// <summary>Fits k components (1 ≤ k ≤ min(N, D)) to the rows of <paramref name="data"/> [N × D].</summary>
    public static Pca Fit(Tensor data, int components, PcaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new PcaOptions();
        int n = data.Rows, d = data.RowLength;
        if (components < 1 || components > Math.Min(n, d))
        {
            throw new ArgumentOutOfRangeException(nameof(components), components, $"Components must be 1..{Math.Min(n, d)} for {n}×{d} data.");
        }

        var x = data.Reshape(n, d);
        var mean = ColumnMeans(x);
        int l = Math.Min(components + Math.Max(0, options.Oversampling), Math.Min(n, d));
        var omega = new Tensor(d, l);
        new SeededRandom(options.Seed).FillNormal(omega.Span, 0f, 1f);

        var rows = new Tensor(n, l);   // X_c · (D×l)
        var cols = new Tensor(d, l);   // X_cᵀ · (N×l)
        CenteredTimes(x, mean, omega, rows);
        Orthonormalize(rows);
        for (int i = 0; i < options.PowerIterations; i++)
        {
            CenteredTransposeTimes(x, mean, rows, cols);
            Orthonormalize(cols);
            CenteredTimes(x, mean, cols, rows);
            Orthonormalize(rows);
        }

        // X_c ≈ Q·Qᵀ·X_c = Q·Wᵀ with W = X_cᵀ·Q (D×l). Wᵀ = U·Σ·Vᵀ from the eigen-pairs of WᵀW.
        CenteredTransposeTimes(x, mean, rows, cols);
        var (values, vectors) = Gram(cols);
        var projection = new Tensor(components, d);
        var variance = new double[components];
        for (int c = 0; c < components; c++)
        {
            double sigma = Math.Sqrt(Math.Max(values[c], 0));
            variance[c] = sigma * sigma / Math.Max(n - 1, 1);
            var row = projection.Row(c);
            for (int j = 0; j < d; j++)
            {
                double s = 0;
                for (int t = 0; t < l; t++)
                {
                    s += cols[j, t] * vectors[(t * l) + c];
                }

                row[j] = sigma > 0 ? (float)(s / sigma) : 0f;
            }
        }

        return new Pca(mean, projection, variance);
    }

    /// <summary>codes [N×k] = (x − mean)·Componentsᵀ for rows x [N×D].</summary>
    public Tensor Project(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var codes = new Tensor(data.Rows, ComponentCount);
        CenteredTimes(data.Reshape(data.Rows, data.RowLength), Mean, Components, codes, transposeB: true);
        return codes;
    }

    /// <summary>Rows [N×D] = codes·Components + mean for codes [N×k].</summary>
    public Tensor Reconstruct(Tensor codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var output = new Tensor(codes.Rows, Components.Dim(1));
        for (int r = 0; r < output.Rows; r++)
        {
            Mean.Span.CopyTo(output.Row(r));
        }

        Gemm.MatMul(codes, Components, output, beta: 1f);
        return output;
    }

    /// <summary>Numerical rank of the projection matrix: eigenvalues of C·Cᵀ above 1e-6 of the largest.</summary>
    public int Rank()
    {
        var (values, _) = Gram(Components, rowsGram: true);
        return values.Count(v => v > 1e-6 * values[0]);
    }

    private static Tensor ColumnMeans(Tensor x)
    {
        var sums = new double[x.Dim(1)];
        for (int r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            for (int j = 0; j < sums.Length; j++)
            {
                sums[j] += row[j];
            }
        }

        var mean = new Tensor(sums.Length);
        for (int j = 0; j < sums.Length; j++)
        {
            mean[j] = (float)(sums[j] / x.Rows);
        }

        return mean;
    }

    /// <summary>result [N×l] = (X − 1·μᵀ)·op(B), op(B) = B (D×l) or Bᵀ (B is l×D).</summary>
    private static void CenteredTimes(Tensor x, Tensor mean, Tensor b, Tensor result, bool transposeB = false)
    {
        Gemm.MatMul(x, b, result, transposeB: transposeB);
        var shift = new Tensor(1, result.Dim(1));
        Gemm.MatMul(mean.Reshape(1, mean.Length), b, shift, transposeB: transposeB);
        for (int r = 0; r < result.Rows; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(result.Row(r), shift.Span, result.Row(r));
        }
    }

    /// <summary>result [D×l] = (X − 1·μᵀ)ᵀ·q = Xᵀ·q − μ·(1ᵀq) for q [N×l].</summary>
    private static void CenteredTransposeTimes(Tensor x, Tensor mean, Tensor q, Tensor result)
    {
        Gemm.MatMul(x, q, result, transposeA: true);
        var columnSums = new Tensor(1, q.Dim(1));
        for (int r = 0; r < q.Rows; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(columnSums.Span, q.Row(r), columnSums.Span);
        }

        Gemm.MatMul(mean.Reshape(mean.Length, 1), columnSums, result, alpha: -1f, beta: 1f);
    }

    /// <summary>
    /// Makes the columns of <paramref name="z"/> orthonormal in place: from the eigen-pairs of ZᵀZ = V·Λ·Vᵀ,
    /// Z ← Z·V·Λ^(−1/2) (directions with negligible energy are zeroed). Applied twice, like CholeskyQR2,
    /// to remove the float32 loss of orthogonality of the first pass.
    /// </summary>
    private static void Orthonormalize(Tensor z)
    {
        int l = z.Dim(1);
        for (int pass = 0; pass < 2; pass++)
        {
            var (values, vectors) = Gram(z);
            var transform = new Tensor(l, l);
            for (int r = 0; r < l; r++)
            {
                for (int c = 0; c < l; c++)
                {
                    transform[r, c] = values[c] > 1e-10 * values[0] ? (float)(vectors[(r * l) + c] / Math.Sqrt(values[c])) : 0f;
                }
            }

            var copy = z.Clone();
            Gemm.MatMul(copy, transform, z);
        }
    }

    /// <summary>Eigen-pairs (descending) of ZᵀZ (or of Z·Zᵀ when <paramref name="rowsGram"/>), formed with the GEMM.</summary>
    private static (double[] Values, double[] Vectors) Gram(Tensor z, bool rowsGram = false)
    {
        int size = rowsGram ? z.Dim(0) : z.Dim(1);
        var gram = new Tensor(size, size);
        Gemm.MatMul(z, z, gram, transposeA: !rowsGram, transposeB: rowsGram);
        var g = new double[size * size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                g[(i * size) + j] = 0.5 * (gram[i, j] + gram[j, i]);
            }
        }

        return SymmetricEigen.Decompose(g, size);
    }
}
