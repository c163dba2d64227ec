using Scrawl.Numerics;

namespace Scrawl.Compression;

/// <summary>Settings of the block Krylov PCA fit.</summary>
public sealed record PcaOptions
{
    /// <summary>Columns of each Krylov block (≥ 0; 0 = the number of components, at least 8): wider blocks separate clustered eigenvalues better.</summary>
    public int BlockSize { get; init; }

    /// <summary>Krylov blocks (≥ 1; each costs one pass of the covariance): more give a more accurate subspace.</summary>
    public int Blocks { get; init; } = 4;

    /// <summary>Seed of the random starting block.</summary>
    public long Seed { get; init; }
}

/// <summary>
/// Principal component analysis: a mean and k orthonormal component rows (the k×D projection matrix).
/// Fitted by block Lanczos with full re-orthogonalisation on the covariance (the randomized block Krylov method
/// of Musco &amp; Musco 2015, Halko, Martinsson &amp; Tropp 2011 §4): from a seeded random D×b block Q₁, each block
/// Q_{i+1} is the covariance applied to Q_i, made orthogonal to all earlier blocks; the top k Ritz pairs of the
/// s·b-dimensional Krylov space are the components. The covariance is never formed: each application is two
/// GEMMs over the data, centred by rank-one corrections. <see cref="FitExact"/> (full covariance and eigen-
/// decomposition) is the reference it is tested against.
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

    /// <summary>Fits k components (1 ≤ k ≤ min(N, D)) to the rows of <paramref name="data"/> [N × D] by block Krylov iteration.</summary>
    public static Pca Fit(Tensor data, int components, PcaOptions? options = null)
    {
        options ??= new PcaOptions();
        var (x, n, d) = Check(data, components);
        ArgumentOutOfRangeException.ThrowIfNegative(options.BlockSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Blocks, 1, nameof(options));
        var mean = CenteredProducts.ColumnMeans(x);
        int limit = Math.Min(n, d);
        int b = Math.Min(options.BlockSize > 0 ? options.BlockSize : Math.Max(components, 8), limit);
        int blocks = Math.Max(1, Math.Min(options.Blocks, limit / b));
        int width = b * blocks;
        var basis = new Tensor(d, width);   // [Q₁ … Q_s]
        var applied = new Tensor(d, width); // [C·Q₁ … C·Q_s], C = X_cᵀX_c
        var block = new Tensor(d, b);
        var image = new Tensor(d, b);
        new SeededRandom(options.Seed).FillNormal(block.Span, 0f, 1f);
        CenteredProducts.Orthonormalize(block);
        for (int i = 0; i < blocks; i++)
        {
            SetColumns(basis, block, i * b);
            CenteredProducts.CovarianceTimes(x, mean, block, image);
            SetColumns(applied, image, i * b);
            if (i + 1 < blocks)
            {
                // Twice: normalising a block that had little left after the projection magnifies its float32
                // overlap with the earlier blocks, and the second round removes it.
                image.CopyTo(block);
                for (int round = 0; round < 2; round++)
                {
                    OrthogonalizeAgainst(block, basis, (i + 1) * b);
                    CenteredProducts.Orthonormalize(block);
                }
            }
        }

        // Rayleigh–Ritz: T = Qᵀ·C·Q (width × width); its top eigenvectors U give the components Uᵀ·Qᵀ.
        var projected = new Tensor(width, width);
        Gemm.MatMul(basis, applied, projected, transposeA: true);
        var (values, vectors) = CenteredProducts.Eigen(projected);
        var ritz = new Tensor(components, width);
        for (int c = 0; c < components; c++)
        {
            for (int t = 0; t < width; t++)
            {
                ritz[c, t] = (float)vectors[(t * width) + c];
            }
        }

        var projection = new Tensor(components, d);
        Gemm.MatMul(ritz, basis, projection, transposeB: true);
        return new Pca(mean, projection, Variances(values, components, n));
    }

    /// <summary>
    /// Fits k components (1 ≤ k ≤ min(N, D)) exactly: the D×D covariance of an explicitly centred copy by GEMM and
    /// its full eigen-decomposition in double. O(N·D² + D³): the reference for <see cref="Fit"/>, practical up to D of a few hundred.
    /// </summary>
    public static Pca FitExact(Tensor data, int components)
    {
        var (x, n, d) = Check(data, components);
        var mean = CenteredProducts.ColumnMeans(x);
        var centred = x.Clone();
        for (int r = 0; r < n; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(centred.Row(r), mean.Span, centred.Row(r));
        }

        var covariance = new Tensor(d, d);
        Gemm.MatMul(centred, centred, covariance, transposeA: true);
        var (values, vectors) = CenteredProducts.Eigen(covariance);
        var projection = new Tensor(components, d);
        for (int c = 0; c < components; c++)
        {
            for (int j = 0; j < d; j++)
            {
                projection[c, j] = (float)vectors[(j * d) + c];
            }
        }

        return new Pca(mean, projection, Variances(values, components, n));
    }

    /// <summary>codes [N×k] = (x − mean)·Componentsᵀ for rows x [N×D].</summary>
    public Tensor Project(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var codes = new Tensor(data.Rows, ComponentCount);
        CenteredProducts.Times(data.Reshape(data.Rows, data.RowLength), Mean, Components, codes, transposeB: true);
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
        var (values, _) = CenteredProducts.Gram(Components, rowsGram: true);
        return values.Count(v => v > 1e-6 * values[0]);
    }

    private static (Tensor X, int N, int D) Check(Tensor data, int components)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Rows, d = data.RowLength;
        if (components < 1 || components > Math.Min(n, d))
        {
            throw new ArgumentOutOfRangeException(nameof(components), components, $"Components must be 1..{Math.Min(n, d)} for {n}×{d} data.");
        }

        return (data.Reshape(n, d), n, d);
    }

    private static double[] Variances(double[] eigenvalues, int components, int n) =>
        eigenvalues.Take(components).Select(v => Math.Max(v, 0) / Math.Max(n - 1, 1)).ToArray();

    private static void SetColumns(Tensor target, Tensor block, int first)
    {
        int b = block.Dim(1);
        for (int r = 0; r < block.Rows; r++)
        {
            block.Row(r).CopyTo(target.Row(r).Slice(first, b));
        }
    }

    /// <summary>block ← (I − Q·Qᵀ)·block for the first <paramref name="columns"/> (orthonormal) columns Q of basis (block classical Gram–Schmidt).</summary>
    private static void OrthogonalizeAgainst(Tensor block, Tensor basis, int columns)
    {
        int d = block.Dim(0), b = block.Dim(1), ld = basis.Dim(1);
        var overlap = new float[columns * b];
        Gemm.Multiply(true, false, columns, b, d, 1f, basis.Span, ld, block.Span, b, 0f, overlap, b);
        Gemm.Multiply(false, false, d, b, columns, -1f, basis.Span, ld, overlap, b, 1f, block.Span, b);
    }
}
