using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// One output row of 2×2, stride-2 max pooling with the winners' indices: output j takes the largest of top[2j],
/// top[2j+1], bottom[2j], bottom[2j+1], compared in that order with strict &gt; (the first maximum wins ties), and its
/// winner index is <c>firstIndex</c> + 2j (+1 for the right column, + <c>width</c> for the bottom row). A scalar path and
/// a Vector256 path (8 outputs at a time) give identical results; when the input spans run on past the row (the next rows of the
/// image), the last fewer-than-8 outputs are computed by one more vector step whose extra lanes are discarded.
/// </summary>
internal static class MaxPool2x2Kernel
{
    /// <summary>
    /// Pools two input rows (each ≥ 2·<paramref name="values"/>.Length long; they may run on past the row) into <paramref name="values"/> and
    /// <paramref name="winners"/> (same length); <paramref name="width"/> is the distance from a top pixel's index to the one below.
    /// </summary>
    public static void Row(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, int firstIndex, int width, Span<float> values, Span<int> winners)
    {
        int count = values.Length;
        if (winners.Length != count || top.Length < 2 * count || bottom.Length < 2 * count)
        {
            throw new ArgumentException($"Rows of {top.Length} and {bottom.Length} values cannot fill {count} outputs with {winners.Length} winners.", nameof(values));
        }

        int j = Vector256.IsHardwareAccelerated ? Vector256Path(top, bottom, firstIndex, width, values, winners) : 0;
        if (j < count && Vector256.IsHardwareAccelerated && top.Length >= (2 * j) + 16 && bottom.Length >= (2 * j) + 16)
        {
            // Reads up to 16 values past the row's last pair, inside the spans; only the row's own outputs are kept.
            Span<float> lastValues = stackalloc float[8];
            Span<int> lastWinners = stackalloc int[8];
            Vector256Path(top[(2 * j)..], bottom[(2 * j)..], firstIndex + (2 * j), width, lastValues, lastWinners);
            lastValues[..(count - j)].CopyTo(values[j..]);
            lastWinners[..(count - j)].CopyTo(winners[j..]);
            return;
        }

        Scalar(top, bottom, firstIndex, width, values, winners, j);
    }

    /// <summary>The scalar path from output <paramref name="start"/> on.</summary>
    internal static void Scalar(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, int firstIndex, int width, Span<float> values, Span<int> winners, int start = 0)
    {
        for (int j = start; j < values.Length; j++)
        {
            int i = 2 * j, best = firstIndex + i;
            float value = top[i];
            if (top[i + 1] > value)
            {
                value = top[i + 1];
                best = firstIndex + i + 1;
            }

            if (bottom[i] > value)
            {
                value = bottom[i];
                best = firstIndex + i + width;
            }

            if (bottom[i + 1] > value)
            {
                value = bottom[i + 1];
                best = firstIndex + i + width + 1;
            }

            values[j] = value;
            winners[j] = best;
        }
    }

    /// <summary>Eight outputs at a time; returns how many outputs it wrote (a multiple of 8).</summary>
    internal static int Vector256Path(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, int firstIndex, int width, Span<float> values, Span<int> winners)
    {
        ref float t = ref MemoryMarshal.GetReference(top);
        ref float b = ref MemoryMarshal.GetReference(bottom);
        ref float y = ref MemoryMarshal.GetReference(values);
        ref int w = ref MemoryMarshal.GetReference(winners);
        var evens = Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        var one = Vector256.Create(1);
        var down = Vector256.Create(width);
        int j = 0;
        for (; j + 8 <= values.Length; j += 8)
        {
            var (topLeft, topRight) = Deinterleave(Vector256.LoadUnsafe(ref t, (nuint)(2 * j)), Vector256.LoadUnsafe(ref t, (nuint)((2 * j) + 8)));
            var (bottomLeft, bottomRight) = Deinterleave(Vector256.LoadUnsafe(ref b, (nuint)(2 * j)), Vector256.LoadUnsafe(ref b, (nuint)((2 * j) + 8)));
            var index = Vector256.Create(firstIndex + (2 * j)) + evens;
            var best = topLeft;
            var winner = index;
            Take(ref best, ref winner, topRight, index + one);
            Take(ref best, ref winner, bottomLeft, index + down);
            Take(ref best, ref winner, bottomRight, index + down + one);
            best.StoreUnsafe(ref y, (nuint)j);
            winner.StoreUnsafe(ref w, (nuint)j);
        }

        return j;
    }

    /// <summary>Replaces best (and its winner) lane by lane where <paramref name="candidate"/> is strictly larger.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(ref Vector256<float> best, ref Vector256<int> winner, Vector256<float> candidate, Vector256<int> index)
    {
        var larger = Vector256.GreaterThan(candidate, best);
        best = Vector256.ConditionalSelect(larger, candidate, best);
        winner = Vector256.ConditionalSelect(larger.AsInt32(), index, winner);
    }

    /// <summary>Sixteen consecutive values → their eight even-position and eight odd-position values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<float> Even, Vector256<float> Odd) Deinterleave(Vector256<float> first, Vector256<float> second)
    {
        var order = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
        var a = Vector256.Shuffle(first, order);
        var c = Vector256.Shuffle(second, order);
        return (Vector256.Create(a.GetLower(), c.GetLower()), Vector256.Create(a.GetUpper(), c.GetUpper()));
    }
}
