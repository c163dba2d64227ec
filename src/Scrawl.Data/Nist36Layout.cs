using Scrawl.Numerics;

namespace Scrawl.Data;

/// <summary>
/// The NIST36 layout of CMU's nist36_*.mat files and of models trained on them: 36 classes A–Z then
/// 0–9, each sample a row of 1024 values = a 32×32 image with <b>dark ink ≈ 0 on white ≈ 1</b>,
/// <b>transposed</b> (column-major: x = image.T.flatten()). Converts to and from Scrawl's convention
/// (ink = 1, upright, row-major) so a model trained either way can be used with any data.
/// </summary>
public static class Nist36Layout
{
    /// <summary>Image side in pixels (32).</summary>
    public const int Side = 32;

    /// <summary>The 36 class names in label order: "A"…"Z", "0"…"9".</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        [.. Enumerable.Range(0, 26).Select(i => ((char)('A' + i)).ToString()), .. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Scrawl-convention images [N×32×32] → NIST36 rows [N×1024] (ink 0, paper 1, transposed).</summary>
    public static Tensor ToNist36(ImageSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Height != Side || set.Width != Side || set.Channels != 1)
        {
            throw new ArgumentException($"{set.Name}: the NIST36 layout needs 32×32 grey images, got {set.Height}×{set.Width}×{set.Channels}.", nameof(set));
        }

        var rows = new Tensor(set.Count, Side * Side);
        for (int n = 0; n < set.Count; n++)
        {
            Convert(set.Images.Row(n), rows.Row(n));
        }

        return rows;
    }

    /// <summary>NIST36 rows [N×1024] with labels in [0, classes) → a Scrawl-convention set of 32×32 images; classes default to <see cref="ClassNames"/>.</summary>
    public static ImageSet FromNist36(Tensor rows, int[] labels, string name, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Rank != 2 || rows.Dim(1) != Side * Side)
        {
            throw new ArgumentException($"{name}: NIST36 data must be N×1024, got [{rows.ShapeText}].", nameof(rows));
        }

        var images = new Tensor(rows.Rows, Side, Side);
        for (int n = 0; n < rows.Rows; n++)
        {
            Convert(rows.Row(n), images.Row(n));
        }

        return new ImageSet(images, labels, classNames ?? ClassNames, name);
    }

    /// <summary>
    /// One 32×32 image either way: transpose and invert (v → 1 − v). The map is its own inverse,
    /// so the same routine converts in both directions.
    /// </summary>
    public static void Convert(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (source.Length != Side * Side || destination.Length != Side * Side)
        {
            throw new ArgumentException($"A NIST36 sample has {Side * Side} values, got {source.Length} → {destination.Length}.");
        }

        for (int r = 0; r < Side; r++)
        {
            for (int c = 0; c < Side; c++)
            {
                destination[(c * Side) + r] = 1f - source[(r * Side) + c];
            }
        }
    }
}
