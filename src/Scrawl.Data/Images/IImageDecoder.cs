using Scrawl.Imaging;

namespace Scrawl.Data.Images;

/// <summary>
/// Decodes an image file (PNG, JPEG, BMP, WebP, …) to a <see cref="FloatImage"/>. Implemented outside the
/// engine (Scrawl.Media uses SkiaSharp) so that Scrawl.Data stays free of native imaging libraries.
/// </summary>
/// <remarks>
/// Contract: values in [0, 1] are the file's <b>own intensities</b> (0 = black, 1 = white — not inverted to
/// Scrawl's ink = 1; loaders do that), the image is upright as the file's orientation metadata says,
/// grey is luminance, and the size follows <see cref="DecodeRequest"/> via <see cref="ResizePlan"/>.
/// A file that is not a decodable image raises <see cref="InvalidDataException"/> whose message names the file;
/// a missing file raises <see cref="FileNotFoundException"/>. Implementations must be thread-safe.
/// </remarks>
public interface IImageDecoder
{
    /// <summary>Decodes the file at <paramref name="path"/> as <paramref name="request"/> asks.</summary>
    FloatImage Decode(string path, DecodeRequest request);
}

/// <summary>Grey (one channel, luminance) or RGB (three channels).</summary>
public enum ColorMode
{
    /// <summary>One channel: luminance 0.299·R + 0.587·G + 0.114·B.</summary>
    Grey,

    /// <summary>Three channels, R G B interleaved.</summary>
    Rgb,
}

/// <summary>How an image is brought to a requested H×W.</summary>
public enum ResizeMode
{
    /// <summary>Scale each axis independently to exactly H×W (aspect ratio not kept).</summary>
    Stretch,

    /// <summary>Scale to fit inside H×W keeping the aspect ratio, centre it and pad with the fill value.</summary>
    Fit,

    /// <summary>Scale to cover H×W keeping the aspect ratio, then crop the centre.</summary>
    Fill,
}

/// <summary>What a decoder should produce.</summary>
/// <param name="Color">Grey or RGB.</param>
/// <param name="Height">Output height in pixels (≥ 1), or 0 together with <paramref name="Width"/> = 0 for the native size.</param>
/// <param name="Width">Output width in pixels (≥ 1), or 0 together with <paramref name="Height"/> = 0 for the native size.</param>
/// <param name="Resize">How to reach Height×Width (ignored at native size).</param>
/// <param name="Fill">Value for padding in <see cref="ResizeMode.Fit"/>, in [0, 1], in the file's own intensities.</param>
public readonly record struct DecodeRequest(ColorMode Color, int Height = 0, int Width = 0, ResizeMode Resize = ResizeMode.Stretch, float Fill = 0f)
{
    /// <summary>True when the native size is asked for (Height = Width = 0).</summary>
    public bool IsNative => Height == 0 && Width == 0;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless the sizes are both 0 or both ≥ 1 and Fill is in [0, 1].</summary>
    public void Validate()
    {
        if (!IsNative && (Height < 1 || Width < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Height), $"Requested size must be 0×0 (native) or at least 1×1, got {Height}×{Width}.");
        }

        if (!(Fill >= 0f && Fill <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(Fill), $"Fill must be in [0, 1], got {Fill}.");
        }
    }
}
