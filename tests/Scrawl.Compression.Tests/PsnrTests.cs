using Scrawl.Numerics;

namespace Scrawl.Compression.Tests;

public class PsnrTests
{
    [Fact]
    public void Matches_hand_computed_values()
    {
        // MSE = (0.1² + 0.1² + 0 + 0) / 4 = 0.005 → 20·log10(1/√0.005) = 23.0103 dB.
        Assert.Equal(23.0103, Psnr.Compute([0f, 0.5f, 1f, 0.2f], [0.1f, 0.4f, 1f, 0.2f]), 4);
        // Uniform error 0.5 with peak 255: 20·log10(255/0.5) = 54.1514 dB.
        Assert.Equal(54.1514, Psnr.Compute([10f, 20f], [10.5f, 19.5f], max: 255), 4);
        Assert.Equal(double.PositiveInfinity, Psnr.Compute([0.3f], [0.3f]));
    }

    [Fact]
    public void The_mean_is_over_per_image_values()
    {
        var a = Tensor.FromArray([0f, 0f, 0f, 0f], 2, 2);
        var b = Tensor.FromArray([0.1f, 0.1f, 0.01f, 0.01f], 2, 2);
        // Images: MSE 0.01 → 20 dB and MSE 0.0001 → 40 dB; mean 30 dB (not the PSNR of the pooled MSE).
        Assert.Equal(30, Psnr.Mean(a, b), 3);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Psnr.Compute([1f], [1f, 2f]));
        Assert.Throws<ArgumentException>(() => Psnr.Compute([], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Psnr.Compute([1f], [1f], max: 0));
    }
}
