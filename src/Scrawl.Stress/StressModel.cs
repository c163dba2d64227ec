using Scrawl.Data.Images;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Stress;

/// <summary>How a variant is stored: JPEG (at a quality, optionally with an EXIF orientation) or PNG with alpha.</summary>
public enum StressFormat
{
    /// <summary>JPEG, <see cref="StressVariant.Quality"/> 1–100, EXIF Orientation <see cref="StressVariant.Orientation"/> when not 1.</summary>
    Jpeg,

    /// <summary>PNG, RGBA when <see cref="StressVariant.Alpha"/> is set.</summary>
    Png,
}

/// <summary>A page with ground truth that variants are made from.</summary>
/// <param name="Name">File-name stem of the source (letters, digits, '_' and '-').</param>
/// <param name="Image">The upright page, RGB values in [0, 1].</param>
/// <param name="Truth">The ground-truth file's bytes, copied unchanged to every variant (one text line per line).</param>
public sealed record StressPage(string Name, FloatImage Image, byte[] Truth);

/// <summary>One generated variant before encoding.</summary>
/// <param name="Image">The pixels as stored (RGB, [0, 1]).</param>
/// <param name="Format">JPEG or PNG.</param>
/// <param name="Quality">JPEG quality (1–100).</param>
/// <param name="Orientation">EXIF Orientation tag (1–8; 1 = none written).</param>
/// <param name="Alpha">Per-pixel opacity (length H·W, 0–1) for PNG; null = opaque.</param>
public sealed record StressVariant(FloatImage Image, StressFormat Format = StressFormat.Jpeg, int Quality = 92, int Orientation = 1, float[]? Alpha = null);

/// <summary>A kind of photo trouble: a name (lower-case, as on the command line), what it does, and the function that makes variant k of a page from a seeded generator.</summary>
/// <param name="Name">Lower-case category name, e.g. <c>rotate</c>.</param>
/// <param name="Description">One line: what the variants show.</param>
/// <param name="Make">Makes a variant of the page with the generator (all parameters drawn from it) and the variant index k (≥ 0).</param>
public sealed record StressCategory(string Name, string Description, Func<StressPage, SeededRandom, int, StressVariant> Make);

/// <summary>One variant written to disk.</summary>
/// <param name="Category">The category's name.</param>
/// <param name="ImagePath">The image file.</param>
/// <param name="TruthPath">The ground-truth file beside it.</param>
public sealed record StressItem(string Category, string ImagePath, string TruthPath);
