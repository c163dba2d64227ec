using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// im2col and col2im for stride-1 convolutions through a zero-padded copy of each input plane: every (channel, kernel
/// row, kernel column, output row) of the column matrix is then one unclipped row copy (or add) of an output row's
/// width, done with whole vectors, instead of a clipped copy and two clears per row as in the general
/// <see cref="Im2Col"/>. The same column matrix value for value, and the same input gradient bit for bit (each pixel
/// sums its contributions in the same kernel order, from zero).
/// </summary>
internal static class PaddedIm2Col
{
    /// <summary>Whether <paramref name="g"/> is one this path covers (stride 1).</summary>
    public static bool Covers(WindowGeometry g) => g.Stride == 1;

    /// <summary>Floats of the padded plane scratch for <paramref name="g"/>.</summary>
    public static int PaddedLength(WindowGeometry g) => (g.Input.Height + (2 * g.Padding)) * (g.Input.Width + (2 * g.Padding));

    /// <summary>
    /// Fills <paramref name="cols"/> ([C·k·k × batch·P]) from <paramref name="input"/> ([batch × C·H·W]) for a stride-1
    /// geometry; <paramref name="padded"/> (≥ <see cref="PaddedLength"/>) is scratch.
    /// </summary>
    public static void Expand(WindowGeometry g, ReadOnlySpan<float> input, int batch, Span<float> cols, Span<float> padded)
    {
        var (shape, k, p) = (g.Input, g.Kernel, g.Padding);
        int plane = g.OutPlane, ow = g.OutWidth, oh = g.OutHeight, rowLength = batch * plane;
        int pw = shape.Width + (2 * p), ph = shape.Height + (2 * p);
        var pad = padded[..(pw * ph)];
        pad.Clear(); // the border stays zero: only the interior is rewritten below
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < shape.Channels; c++)
            {
                var image = input.Slice((n * shape.Features) + (c * shape.PlaneSize), shape.PlaneSize);
                for (int y = 0; y < shape.Height; y++)
                {
                    image.Slice(y * shape.Width, shape.Width).CopyTo(pad.Slice(((y + p) * pw) + p, shape.Width));
                }

                for (int ki = 0; ki < k; ki++)
                {
                    for (int kj = 0; kj < k; kj++)
                    {
                        var row = cols.Slice(((((c * k) + ki) * k) + kj) * rowLength + (n * plane), plane);
                        for (int oy = 0; oy < oh; oy++)
                        {
                            CopyRow(pad.Slice(((oy + ki) * pw) + kj, ow), row.Slice(oy * ow, ow));
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The adjoint of <see cref="Expand"/> for a stride-1 geometry: <paramref name="inputGradient"/> ([batch × C·H·W]) =
    /// the sum of every column entry onto the pixel it was read from; <paramref name="padded"/> is scratch.
    /// </summary>
    public static void Collapse(WindowGeometry g, ReadOnlySpan<float> cols, int batch, Span<float> inputGradient, Span<float> padded)
    {
        var (shape, k, p) = (g.Input, g.Kernel, g.Padding);
        int plane = g.OutPlane, ow = g.OutWidth, oh = g.OutHeight, rowLength = batch * plane;
        int pw = shape.Width + (2 * p), ph = shape.Height + (2 * p);
        var pad = padded[..(pw * ph)];
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < shape.Channels; c++)
            {
                pad.Clear();
                for (int ki = 0; ki < k; ki++)
                {
                    for (int kj = 0; kj < k; kj++)
                    {
                        var row = cols.Slice(((((c * k) + ki) * k) + kj) * rowLength + (n * plane), plane);
                        for (int oy = 0; oy < oh; oy++)
                        {
                            var target = pad.Slice(((oy + ki) * pw) + kj, ow);
                            TensorPrimitives.Add(target, row.Slice(oy * ow, ow), target);
                        }
                    }
                }

                var image = inputGradient.Slice((n * shape.Features) + (c * shape.PlaneSize), shape.PlaneSize);
                for (int y = 0; y < shape.Height; y++)
                {
                    pad.Slice(((y + p) * pw) + p, shape.Width).CopyTo(image.Slice(y * shape.Width, shape.Width));
                }
            }
        }
    }

    /// <summary>Copies source to destination (same length) in 16- or 8-float vectors and a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(ReadOnlySpan<float> source, Span<float> destination)
    {
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        int i = 0, length = destination.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= length; i += 16)
            {
                Vector512.LoadUnsafe(ref s, (nuint)i).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= length; i += 8)
            {
                Vector256.LoadUnsafe(ref s, (nuint)i).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i);
        }
    }
}
