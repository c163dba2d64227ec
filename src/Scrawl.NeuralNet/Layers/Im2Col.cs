using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// The geometry of a square sliding window over C×H×W images: kernel k×k, stride s, zero padding p
/// on every side. Output sides are ⌊(H + 2p − k) / s⌋ + 1 and ⌊(W + 2p − k) / s⌋ + 1.
/// </summary>
internal readonly record struct WindowGeometry(ImageShape Input, int Kernel, int Stride, int Padding)
{
    /// <summary>Checks k ≥ 1, s ≥ 1, 0 ≤ p &lt; k and that the padded image holds at least one window.</summary>
    public void Validate(string layer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Kernel, 1, "kernel");
        ArgumentOutOfRangeException.ThrowIfLessThan(Stride, 1, "stride");
        ArgumentOutOfRangeException.ThrowIfNegative(Padding, "padding");
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Padding, Kernel, "padding");
        if (Input.Height + (2 * Padding) < Kernel || Input.Width + (2 * Padding) < Kernel)
        {
            throw new ArgumentException($"A {Kernel}×{Kernel} {layer} window (padding {Padding}) does not fit a {Input} input.");
        }
    }

    /// <summary>Output height.</summary>
    public int OutHeight => ((Input.Height + (2 * Padding) - Kernel) / Stride) + 1;

    /// <summary>Output width.</summary>
    public int OutWidth => ((Input.Width + (2 * Padding) - Kernel) / Stride) + 1;

    /// <summary>Output pixels per channel.</summary>
    public int OutPlane => OutHeight * OutWidth;

    /// <summary>Rows of the column matrix, C·k·k.</summary>
    public int PatchSize => Input.Channels * Kernel * Kernel;

    /// <summary>
    /// The output columns [lo, hi) whose window column offset <paramref name="kj"/> lands inside the
    /// image (input column ox·s − p + kj ∈ [0, W)); the others read padding.
    /// </summary>
    public (int Lo, int Hi) ValidColumns(int kj)
    {
        int lo = Padding - kj <= 0 ? 0 : (Padding - kj + Stride - 1) / Stride;
        int last = Input.Width - 1 + Padding - kj;
        int hi = last < 0 ? 0 : Math.Min(OutWidth, (last / Stride) + 1);
        return (lo, Math.Max(lo, hi));
    }
}

/// <summary>
/// im2col and its adjoint col2im for a batch in the [N × (C·H·W)] layout. The column matrix is
/// [C·k·k × N·P] (P = output pixels per channel): row (c·k + ki)·k + kj holds, for every sample n and
/// output pixel (oy, ox), the input value x[n, c, oy·s − p + ki, ox·s − p + kj] (0 in the padding), at
/// column n·P + oy·OutWidth + ox. A convolution is then one GEMM W[outC × C·k·k] · cols.
/// </summary>
internal static class Im2Col
{
    /// <summary>Fills <paramref name="cols"/> (length C·k·k · N·P) from <paramref name="input"/> (length N·C·H·W).</summary>
    public static void Expand(WindowGeometry g, ReadOnlySpan<float> input, int batch, Span<float> cols)
    {
        var (shape, k, s, p) = (g.Input, g.Kernel, g.Stride, g.Padding);
        int plane = g.OutPlane, ow = g.OutWidth, rowLength = batch * plane;
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int ki = 0; ki < k; ki++)
            {
                for (int kj = 0; kj < k; kj++)
                {
                    var row = cols.Slice((((c * k) + ki) * k + kj) * rowLength, rowLength);
                    var (lo, hi) = g.ValidColumns(kj);
                    for (int n = 0; n < batch; n++)
                    {
                        var image = input.Slice((n * shape.Features) + (c * shape.PlaneSize), shape.PlaneSize);
                        for (int oy = 0; oy < g.OutHeight; oy++)
                        {
                            var d = row.Slice((n * plane) + (oy * ow), ow);
                            int iy = (oy * s) - p + ki;
                            if ((uint)iy >= (uint)shape.Height || lo == hi)
                            {
                                d.Clear();
                                continue;
                            }

                            d[..lo].Clear();
                            d[hi..].Clear();
                            var source = image.Slice(iy * shape.Width, shape.Width);
                            if (s == 1)
                            {
                                source.Slice(lo - p + kj, hi - lo).CopyTo(d[lo..hi]);
                            }
                            else
                            {
                                for (int ox = lo; ox < hi; ox++)
                                {
                                    d[ox] = source[(ox * s) - p + kj];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The adjoint of <see cref="Expand"/>: <paramref name="inputGradient"/> (length N·C·H·W) = Σ of every
    /// column entry onto the input pixel it was read from (padding entries are dropped).
    /// </summary>
    public static void Collapse(WindowGeometry g, ReadOnlySpan<float> cols, int batch, Span<float> inputGradient)
    {
        var (shape, k, s, p) = (g.Input, g.Kernel, g.Stride, g.Padding);
        int plane = g.OutPlane, ow = g.OutWidth, rowLength = batch * plane;
        inputGradient.Clear();
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int ki = 0; ki < k; ki++)
            {
                for (int kj = 0; kj < k; kj++)
                {
                    var row = cols.Slice((((c * k) + ki) * k + kj) * rowLength, rowLength);
                    var (lo, hi) = g.ValidColumns(kj);
                    if (lo == hi)
                    {
                        continue;
                    }

                    for (int n = 0; n < batch; n++)
                    {
                        var image = inputGradient.Slice((n * shape.Features) + (c * shape.PlaneSize), shape.PlaneSize);
                        for (int oy = 0; oy < g.OutHeight; oy++)
                        {
                            int iy = (oy * s) - p + ki;
                            if ((uint)iy >= (uint)shape.Height)
                            {
                                continue;
                            }

                            var d = row.Slice((n * plane) + (oy * ow), ow);
                            var target = image.Slice(iy * shape.Width, shape.Width);
                            if (s == 1)
                            {
                                var t = target.Slice(lo - p + kj, hi - lo);
                                TensorPrimitives.Add(t, d[lo..hi], t);
                            }
                            else
                            {
                                for (int ox = lo; ox < hi; ox++)
                                {
                                    target[(ox * s) - p + kj] += d[ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
