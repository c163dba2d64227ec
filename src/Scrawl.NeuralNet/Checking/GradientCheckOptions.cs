namespace Scrawl.NeuralNet.Checking;

/// <summary>Settings of the numerical gradient check.</summary>
public sealed record GradientCheckOptions
{
    /// <summary>
    /// The documented bound on each tensor's relative error
    /// ‖g_numerical − g_analytic‖₂ / (‖g_numerical‖₂ + ‖g_analytic‖₂); default 1e-4. A correct float32
    /// layer measures 1e-7 to 1e-5 here, while a derivative wrong by 1 % measures ≥ 5e-3.
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Base step h of the central differences (&gt; 0); Richardson extrapolation uses h, h/2 and h/4.</summary>
    public double Step { get; init; } = 1.0 / 16;

    /// <summary>At most this many entries per tensor are checked (≥ 1), picked with <see cref="Seed"/>.</summary>
    public int MaxEntriesPerTensor { get; init; } = 256;

    /// <summary>Seed for picking entries and for the random projection of a lone layer's output.</summary>
    public long Seed { get; init; } = 7;
}
