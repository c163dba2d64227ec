using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scrawl.Numerics;

/// <summary>
/// The ReLU backward kernel dx[i] = x[i] &gt; 0 ? dy[i] : 0, with Vector512 and Vector256 paths
/// (one compare, one AND with the mask per vector) and a scalar tail.
/// </summary>
public static class ReluGradient
{
    /// <summary>Writes dx from x and dy (all the same length; dx may alias dy).</summary>
    public static void Compute(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        if (x.Length != dy.Length || x.Length != dx.Length)
        {
            throw new ArgumentException($"ReLU gradient spans differ in length: x {x.Length}, dy {dy.Length}, dx {dx.Length}.");
        }

        int i = 0;
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float pdy = ref MemoryMarshal.GetReference(dy);
        ref float pdx = ref MemoryMarshal.GetReference(dx);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var mask = Vector512.GreaterThan(Vector512.LoadUnsafe(ref px, (nuint)i), Vector512<float>.Zero);
                (mask & Vector512.LoadUnsafe(ref pdy, (nuint)i)).StoreUnsafe(ref pdx, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref px, (nuint)i), Vector256<float>.Zero);
                (mask & Vector256.LoadUnsafe(ref pdy, (nuint)i)).StoreUnsafe(ref pdx, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            Unsafe.Add(ref pdx, i) = Unsafe.Add(ref px, i) > 0 ? Unsafe.Add(ref pdy, i) : 0f;
        }
    }
}
