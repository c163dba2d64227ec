using Scrawl.Numerics;

namespace Scrawl.Compression;

/// <summary>Peak signal-to-noise ratio: 20·log10(MAX / √MSE) in decibels.</summary>
public static class Psnr
{
    /// <summary>PSNR of one image pair (same length ≥ 1) with peak value <paramref name="max"/> &gt; 0; +∞ when identical.</summary>
    public static double Compute(ReadOnlySpan<float> original, ReadOnlySpan<float> reconstructed, double max = 1)
    {
        if (original.Length != reconstructed.Length || original.Length == 0)
        {
            throw new ArgumentException($"PSNR needs two non-empty images of the same size, got {original.Length} and {reconstructed.Length} values.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        double sum = 0;
        for (int i = 0; i < original.Length; i++)
        {
            double d = original[i] - reconstructed[i];
            sum += d * d;
        }

        double mse = sum / original.Length;
        return mse == 0 ? double.PositiveInfinity : 20 * Math.Log10(max / Math.Sqrt(mse));
    }

    /// <summary>The mean of the per-image PSNRs of two [N × …] tensors of the same shape (the seed's measure).</summary>
    public static double Mean(Tensor originals, Tensor reconstructions, double max = 1)
    {
        ArgumentNullException.ThrowIfNull(originals);
        originals.EnsureSameShape(reconstructions, nameof(reconstructions));
        double total = 0;
        for (int r = 0; r < originals.Rows; r++)
        {
            total += Compute(originals.Row(r), reconstructions.Row(r), max);
        }

        return total / originals.Rows;
    }
}
