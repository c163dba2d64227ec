using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scrawl.Imaging;

/// <summary>
/// The inner loop of a separable blur with a symmetric kernel (w[k] = w[n−1−k]):
/// destination[j] = Σₖ w[k]·source[offsets[k] + j], folded to Σ over pairs w[k]·(a + b) plus the centre
/// tap. Each Vector&lt;float&gt; of outputs is accumulated in a register over all taps and stored
/// once, so every source element is read once per output instead of once per tap and pass.
/// </summary>
internal static class SymmetricConvolution
{
    /// <summary>Requires offsets[k] + destination.Length ≤ source.Length for every k, and an odd, symmetric kernel.</summary>
    public static void Apply(float[] source, ReadOnlySpan<int> offsets, ReadOnlySpan<float> weights, Span<float> destination)
    {
        int n = weights.Length, centre = n / 2, length = destination.Length;
        foreach (int offset in offsets)
        {
            if (offset < 0 || offset + length > source.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offsets), "A tap reads outside the source.");
            }
        }

        ref float src = ref MemoryMarshal.GetArrayDataReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int lanes = Vector<float>.Count;
            for (; j <= length - lanes; j += lanes)
            {
                var acc = new Vector<float>(weights[centre]) * Load(ref src, offsets[centre] + j);
                for (int k = 0; k < centre; k++)
                {
                    var pair = Load(ref src, offsets[k] + j) + Load(ref src, offsets[n - 1 - k] + j);
                    acc += new Vector<float>(weights[k]) * pair;
                }

                Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref dst, j)), acc);
            }
        }

        for (; j < length; j++)
        {
            float acc = weights[centre] * Unsafe.Add(ref src, offsets[centre] + j);
            for (int k = 0; k < centre; k++)
            {
                acc += weights[k] * (Unsafe.Add(ref src, offsets[k] + j) + Unsafe.Add(ref src, offsets[n - 1 - k] + j));
            }

            Unsafe.Add(ref dst, j) = acc;
        }
    }

    private static Vector<float> Load(ref float source, int index) =>
        Unsafe.ReadUnaligned<Vector<float>>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref source, index)));
}
