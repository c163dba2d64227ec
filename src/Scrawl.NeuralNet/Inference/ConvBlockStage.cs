using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Inference;

/// <summary>
/// Convolution → [batch norm] → [ReLU] → [2×2 max-pool, stride 2] at inference, fused per tile of samples: im2col and
/// the same GEMM as <see cref="Conv2D"/>, then one pass that adds the bias and applies the batch norm's running affine
/// map and the ReLU in place while the tile's product is in cache, and one that pools it straight into the output
/// rows, so each activation is written once instead of once per layer. Every value is computed with the same float
/// operations in the same order as the layers one by one (bias add, x·(1/σ) + (−μ/σ), ·γ + β, max(·, 0), max of the
/// window), so the outputs are the same bits.
/// </summary>
internal sealed class ConvBlockStage : IInferenceStage
{
    /// <summary>
    /// Most GEMM columns (samples × output pixels) per tile when the patch is at most the GEMM's in-place depth (128): the
    /// column block is then read unpacked and a wide product amortises the call. Deeper patches take one sample per tile,
    /// whose ≤ 256 columns the GEMM also reads in place (measured: 32×256×144 and 64×64×288 at ≈ 190–200 GFLOP/s on
    /// one core, against 55–130 for 4 samples a tile).
    /// </summary>
    private const int ShallowColumns = 2048;

    private readonly Conv2D _conv;
    private readonly WindowGeometry _g;
    private readonly float[] _scale = [];  // per channel: 1/√(σ² + ε) of the batch norm
    private readonly float[] _shift = [];  // per channel: −μ/√(σ² + ε)
    private readonly float[] _gamma = [];
    private readonly float[] _beta = [];
    private readonly bool _normalize;
    private readonly bool _relu;
    private readonly bool _pool;

    /// <summary>Fuses <paramref name="conv"/> with an optional batch norm (running statistics), ReLU and 2×2/2 max-pool over its output.</summary>
    public ConvBlockStage(Conv2D conv, BatchNorm2D? norm, bool relu, bool pool)
    {
        _conv = conv;
        _g = new WindowGeometry(conv.Input, conv.Kernel, conv.Stride, conv.Padding);
        _relu = relu;
        _pool = pool;
        _normalize = norm is not null;
        if (norm is not null)
        {
            int channels = conv.OutChannels;
            (_scale, _shift, _gamma, _beta) = (new float[channels], new float[channels], new float[channels], new float[channels]);
            for (int c = 0; c < channels; c++)
            {
                // As BatchNorm2D.Forward at inference computes them.
                double mean = norm.RunningMean[c], variance = norm.RunningVariance[c];
                _scale[c] = (float)(1 / Math.Sqrt(variance + norm.Epsilon));
                _shift[c] = (float)(-mean * _scale[c]);
                _gamma[c] = norm.Gamma.Value[c];
                _beta[c] = norm.Beta.Value[c];
            }
        }

        var output = conv.Output;
        OutputFeatures = pool ? output.Channels * (output.Height / 2) * (output.Width / 2) : output.Features;
    }

    /// <inheritdoc/>
    public int OutputFeatures { get; }

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<float> input, int rows, Span<float> output, InferenceScratch scratch)
    {
        int k = _g.PatchSize, plane = _g.OutPlane, features = _g.Input.Features, outC = _conv.OutChannels;
        int tile = Math.Clamp(k <= 128 ? ShallowColumns / plane : 1, 1, rows);
        var cols = InferenceScratch.Ensure(ref scratch.Columns, k * tile * plane);
        var product = InferenceScratch.Ensure(ref scratch.Product, outC * tile * plane);
        var weight = _conv.Weight.Value.Span;
        var bias = _conv.Bias.Value.Span;
        for (int n0 = 0; n0 < rows; n0 += tile)
        {
            int count = Math.Min(tile, rows - n0), columns = count * plane;
            var tileInput = input.Slice(n0 * features, count * features);
            if (PaddedIm2Col.Covers(_g))
            {
                PaddedIm2Col.Expand(_g, tileInput, count, cols, InferenceScratch.Ensure(ref scratch.Padded, PaddedIm2Col.PaddedLength(_g)));
            }
            else
            {
                Im2Col.Expand(_g, tileInput, count, cols);
            }

            Gemm.MultiplyOnCallingThread(false, false, outC, columns, k, 1f, weight, k, cols, columns, 0f, product, columns);
            for (int o = 0; o < outC; o++)
            {
                var channel = product.AsSpan(o * columns, columns);
                float scale = _normalize ? _scale[o] : 1f, shift = _normalize ? _shift[o] : 0f;
                float gamma = _normalize ? _gamma[o] : 1f, beta = _normalize ? _beta[o] : 0f;
                Epilogue(channel, bias[o], scale, shift, gamma, beta, _normalize, _relu);
                for (int n = 0; n < count; n++)
                {
                    var source = channel.Slice(n * plane, plane);
                    var row = output.Slice((n0 + n) * OutputFeatures, OutputFeatures);
                    if (_pool)
                    {
                        int pooled = (_g.OutHeight / 2) * (_g.OutWidth / 2);
                        Pool(source, _g.OutHeight, _g.OutWidth, row.Slice(o * pooled, pooled));
                    }
                    else
                    {
                        source.CopyTo(row.Slice(o * plane, plane));
                    }
                }
            }
        }
    }

    /// <summary>
    /// In place: v ← v + bias, then (when <paramref name="normalize"/>) h = v·scale + shift, v ← h·γ + β, then (when
    /// <paramref name="relu"/>) v ← max(v, 0); each operation rounded on its own, as the separate layers do.
    /// Vector layout: 16 (or 8) consecutive pixels of one channel per vector; a scalar loop finishes the tail.
    /// </summary>
    internal static void Epilogue(Span<float> values, float bias, float scale, float shift, float gamma, float beta, bool normalize, bool relu)
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var (b, s, t, g, e) = (Vector512.Create(bias), Vector512.Create(scale), Vector512.Create(shift), Vector512.Create(gamma), Vector512.Create(beta));
            for (; i + 16 <= values.Length; i += 16)
            {
                var x = Vector512.LoadUnsafe(ref v, (nuint)i) + b;
                x = normalize ? (((x * s) + t) * g) + e : x;
                (relu ? Vector512.Max(x, Vector512<float>.Zero) : x).StoreUnsafe(ref v, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var (b, s, t, g, e) = (Vector256.Create(bias), Vector256.Create(scale), Vector256.Create(shift), Vector256.Create(gamma), Vector256.Create(beta));
            for (; i + 8 <= values.Length; i += 8)
            {
                var x = Vector256.LoadUnsafe(ref v, (nuint)i) + b;
                x = normalize ? (((x * s) + t) * g) + e : x;
                (relu ? Vector256.Max(x, Vector256<float>.Zero) : x).StoreUnsafe(ref v, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            float x = values[i] + bias;
            x = normalize ? (((x * scale) + shift) * gamma) + beta : x;
            values[i] = relu ? Math.Max(x, 0f) : x;
        }
    }

    /// <summary>
    /// 2×2 max-pool with stride 2 of one <paramref name="height"/>×<paramref name="width"/> plane into ⌊H/2⌋×⌊W/2⌋
    /// outputs (a last odd row or column is dropped, as in <see cref="MaxPool2D"/>). Vector path: the larger of two
    /// rows, 16 pixels at a time, split into even and odd columns whose larger is 8 outputs.
    /// </summary>
    internal static void Pool(ReadOnlySpan<float> plane, int height, int width, Span<float> output)
    {
        int outHeight = height / 2, outWidth = width / 2;
        for (int y = 0; y < outHeight; y++)
        {
            var top = plane.Slice(2 * y * width, width);
            var bottom = plane.Slice(((2 * y) + 1) * width, width);
            var row = output.Slice(y * outWidth, outWidth);
            int x = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                ref float t = ref MemoryMarshal.GetReference(top);
                ref float b = ref MemoryMarshal.GetReference(bottom);
                ref float r = ref MemoryMarshal.GetReference(row);
                for (; x + 8 <= outWidth; x += 8)
                {
                    var first = Vector256.Max(Vector256.LoadUnsafe(ref t, (nuint)(2 * x)), Vector256.LoadUnsafe(ref b, (nuint)(2 * x)));
                    var second = Vector256.Max(Vector256.LoadUnsafe(ref t, (nuint)((2 * x) + 8)), Vector256.LoadUnsafe(ref b, (nuint)((2 * x) + 8)));
                    var (even, odd) = Layers.MaxPool2x2Kernel.Deinterleave(first, second);
                    Vector256.Max(even, odd).StoreUnsafe(ref r, (nuint)x);
                }
            }

            for (; x < outWidth; x++)
            {
                row[x] = Math.Max(Math.Max(top[2 * x], top[(2 * x) + 1]), Math.Max(bottom[2 * x], bottom[(2 * x) + 1]));
            }
        }
    }
}
