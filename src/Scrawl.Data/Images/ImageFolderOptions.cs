using Scrawl.Imaging;

namespace Scrawl.Data.Images;

/// <summary>How <see cref="ImageFolder"/> turns image files into an <see cref="ImageSet"/>.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>Grey (N×H×W) or RGB (N×H×W×3) output.</summary>
    public ColorMode Color { get; init; } = ColorMode.Grey;

    /// <summary>Target height in pixels (≥ 1), or 0 with <see cref="Width"/> = 0 to keep native sizes (then all must match, or a <see cref="Transform"/> must equalise them).</summary>
    public int Height { get; init; }

    /// <summary>Target width in pixels (≥ 1), or 0 with <see cref="Height"/> = 0 for native sizes.</summary>
    public int Width { get; init; }

    /// <summary>How files are brought to Height×Width (ignored at native size).</summary>
    public ResizeMode Resize { get; init; } = ResizeMode.Stretch;

    /// <summary>
    /// True when the files show dark ink on light paper: values are inverted (v → 1 − v) to Scrawl's ink = 1,
    /// and <see cref="ResizeMode.Fit"/> pads with the files' paper (white). False: values are kept as decoded.
    /// </summary>
    public bool DarkInkOnLight { get; init; }

    /// <summary>True when the files are stored transposed (rows are columns, like raw EMNIST): each image is transposed back to upright. Height/Width refer to the upright image.</summary>
    public bool Transposed { get; init; }

    /// <summary>Optional per-image step after polarity and orientation are fixed (e.g. <see cref="CharacterNormalizer.Normalize(FloatImage, CharacterNormalizeOptions?)"/>); must be thread-safe and give every image the same shape.</summary>
    public Func<FloatImage, FloatImage>? Transform { get; init; }

    /// <summary>Optional class names in label order; every class folder must be listed (a listed class may have no folder). Null: the folders' names in natural order.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Name of the resulting set (null: the root folder's name).</summary>
    public string? Name { get; init; }

    /// <summary>False (default): an undecodable file stops the load with an error naming it. True: such files (e.g. empty ones) are left out and reported to <see cref="Skipped"/>.</summary>
    public bool SkipUnreadable { get; init; }

    /// <summary>Called once per left-out file, in file order on the loading thread, with the path and the reason (only with <see cref="SkipUnreadable"/>).</summary>
    public Action<string, string>? Skipped { get; init; }

    /// <summary>Files decoded at once (≥ 1), or 0 for one per processor. Output order never depends on it.</summary>
    public int MaxParallelism { get; init; }

    /// <summary>The decoder request these options imply (transposed sources are decoded at W×H, then transposed).</summary>
    public DecodeRequest ToDecodeRequest() =>
        new(Color, Transposed ? Width : Height, Transposed ? Height : Width, Resize, DarkInkOnLight ? 1f : 0f);
}
