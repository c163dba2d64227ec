namespace Scrawl.NeuralNet.Checking;

/// <summary>Settings of the numerical gradient check.</summary>
public sealed record GradientCheckOptions
{
    /// <summary>
    /// The documented bound on each tensor's relative error
    /// ‖g_numerical − g_analytic‖₂ / (‖g_numerical‖₂ + ‖g_analytic‖₂); default 1e-5. The numerical side
    /// is computed in float64, so a correct float32 layer measures only its own float32 rounding
    /// (≈ 1e-8 to 1e-6), while a derivative wrong by 1 % measures ≥ 5e-3.
    /// </summary>
    public double Tolerance { get; init; } = 1e-5;

    /// <summary>Base step h of the central differences (&gt; 0); Richardson extrapolation uses h, h/2 and h/4.</summary>
    public double Step { get; init; } = 1.0 / 64;

    /// <summary>At most this many entries per tensor are checked (≥ 1), picked with <see cref="Seed"/>.</summary>
    public int MaxEntriesPerTensor { get; init; } = 256;

    /// <summary>Seed for picking entries and for the random projection of a lone layer's output.</summary>
    public long Seed { get; init; } = 7;
}
