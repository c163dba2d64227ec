namespace Scrawl.Media;

/// <summary>Look of a <see cref="Montage"/>.</summary>
public sealed record MontageOptions
{
    /// <summary>Longer side of one sample cell in pixels (≥ 1), or 0 for automatic: small images are zoomed by an integer factor to ≥ 64 px, large ones shrunk to 128 px.</summary>
    public int CellSize { get; init; }

    /// <summary>Space between cells and around blocks, in pixels (≥ 0).</summary>
    public int Gap { get; init; } = 4;

    /// <summary>Label font size in pixels (≥ 4).</summary>
    public float LabelSize { get; init; } = 14f;

    /// <summary>True: grey images (ink = 1) are shown as dark ink on white paper. False: as stored (ink white on black). RGB is always shown as stored.</summary>
    public bool DarkInk { get; init; } = true;

    /// <summary>Null: the first samples of each class in set order. Otherwise a seeded random choice per class.</summary>
    public long? Seed { get; init; }

    /// <summary>Optional title line drawn at the top.</summary>
    public string? Title { get; init; }

    /// <summary>A TrueType font file for labels, or null for the DejaVu Sans shipped in <c>fonts/</c> next to the application.</summary>
    public string? FontPath { get; init; }
}
