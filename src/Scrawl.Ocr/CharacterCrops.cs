using Scrawl.Data;
using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Stage 4: a found character as a classifier input. Scrawl's convention (32×32, ink = 1, upright,
/// row-major) comes from <see cref="CharacterNormalizer"/>: crop to the ink (specks ignored), keep the
/// aspect ratio, longer side ≈ 78 % of the frame, centred. <see cref="ToNist36"/> converts that to the
/// NIST36 layout (ink 0 on paper 1, transposed) that NIST-trained models expect.
/// </summary>
public static class CharacterCrops
{
    /// <summary>The normalised image (Side×Side, default 32×32, ink = 1) of a character's binary ink mask.</summary>
    /// <example><c>var input = CharacterCrops.Normalize(page.Lines[0].Words[0].Characters[0].Ink);</c></example>
    public static FloatImage Normalize(InkCharacter character, CharacterNormalizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(character);
        return Normalize(character.Mask, options);
    }

    /// <summary>The normalised image (Side×Side, ink = 1) of a binary mask (1 = ink); no contrast stretch (a mask is already 0/1).</summary>
    public static FloatImage Normalize(BinaryImage mask, CharacterNormalizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mask);
        options ??= new CharacterNormalizeOptions();
        var frame = new float[FrameLength(options)];
        Normalize(mask, frame, options);
        return new FloatImage(frame, options.Side, options.Side);
    }

    /// <summary>As <see cref="Normalize(BinaryImage, CharacterNormalizeOptions?)"/>, into <paramref name="destination"/> (Side×Side values); the mask's grey copy is pooled scratch.</summary>
    internal static void Normalize(BinaryImage mask, Span<float> destination, CharacterNormalizeOptions options)
    {
        using var ink = new PooledArray<float>(mask.Height * mask.Width);
        var bits = mask.Pixels;
        var values = ink.Span;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = bits[i];
        }

        CharacterNormalizer.Normalize(values, mask.Height, mask.Width, destination, options with { StretchContrast = false });
    }

    /// <summary>Side×Side, the values of a frame; 0 for a side too small to be valid (the normaliser then says what is wrong).</summary>
    internal static int FrameLength(CharacterNormalizeOptions options) => options.Side < 4 ? 0 : checked(options.Side * options.Side);

    /// <summary>
    /// The normalised image (Side×Side, ink = 1) cropped from the grey <paramref name="photo"/> (intensities in
    /// [0, 1], ink dark) at the character's photo box: softer strokes than the mask, with contrast stretching.
    /// </summary>
    public static FloatImage NormalizeFromPhoto(FloatImage photo, InkCharacter character, CharacterNormalizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(character);
        var box = character.Box;
        if (box.Bottom > photo.Height || box.Right > photo.Width)
        {
            throw new ArgumentException($"The character's box {box} is outside the {photo.Height}×{photo.Width} photo.", nameof(character));
        }

        var ink = new float[box.Height * box.Width];
        for (int y = 0; y < box.Height; y++)
        {
            var row = photo.Row(box.Top + y).Slice(box.Left, box.Width);
            for (int x = 0; x < box.Width; x++)
            {
                ink[(y * box.Width) + x] = 1f - row[x];
            }
        }

        return CharacterNormalizer.Normalize(new FloatImage(ink, box.Height, box.Width), options);
    }

    /// <summary>A 32×32 Scrawl-convention image (ink = 1, upright) as one NIST36 row of 1024 values (ink 0, paper 1, transposed).</summary>
    public static float[] ToNist36(FloatImage normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Channels != 1 || normalized.Height != Nist36Layout.Side || normalized.Width != Nist36Layout.Side)
        {
            throw new ArgumentException($"The NIST36 layout needs a 32×32 grey image, got {normalized.Height}×{normalized.Width}×{normalized.Channels}.", nameof(normalized));
        }

        var row = new float[Nist36Layout.Side * Nist36Layout.Side];
        Nist36Layout.Convert(normalized.Pixels, row);
        return row;
    }
}
