using Scrawl.Imaging;

namespace Scrawl.Data.Images;

/// <summary>
/// Loaders for shared/datasets/handwritten36 (folders named by the character, A–Z and 0–9). Both return
/// Scrawl-convention 32×32 character images (ink = 1, upright, NIST-like framing by
/// <see cref="CharacterNormalizer"/>) labelled in <see cref="Nist36Layout.ClassNames"/> order. Files that
/// cannot be decoded (emnist-sample holds one empty PNG) are left out and reported to the optional
/// <c>skipped(path, reason)</c> callback.
/// </summary>
public static class Handwritten36
{
    /// <summary>Folder of the photographed crops under the handwritten36 root.</summary>
    public const string PhotoCharsFolder = "photo-chars";

    /// <summary>Folder of the EMNIST sample under the handwritten36 root.</summary>
    public const string EmnistSampleFolder = "emnist-sample";

    /// <summary>
    /// Options for photo-chars: grey, <b>dark ink on light paper</b> (inverted to ink = 1), upright (not
    /// transposed), native sizes normalised by <paramref name="normalize"/> (default: 32×32, 78 % span, contrast stretched).
    /// </summary>
    public static ImageFolderOptions PhotoCharsOptions(CharacterNormalizeOptions? normalize = null, Action<string, string>? skipped = null)
    {
        var n = normalize ?? new CharacterNormalizeOptions();
        return new ImageFolderOptions
        {
            Color = ColorMode.Grey,
            DarkInkOnLight = true,
            Transposed = false,
            Transform = image => CharacterNormalizer.Normalize(image, n),
            Classes = Nist36Layout.ClassNames,
            Name = PhotoCharsFolder,
            SkipUnreadable = true,
            Skipped = skipped,
        };
    }

    /// <summary>
    /// Options for emnist-sample: grey, <b>white ink on black</b> (already ink = 1, kept), <b>transposed</b> like
    /// raw EMNIST (transposed back to upright); with <paramref name="normalize"/> the 28×28 images are reframed
    /// to 32×32 like photo-chars (no contrast stretch), otherwise left 28×28.
    /// </summary>
    public static ImageFolderOptions EmnistSampleOptions(bool normalize = true, Action<string, string>? skipped = null) => new()
    {
        Color = ColorMode.Grey,
        DarkInkOnLight = false,
        Transposed = true,
        Transform = normalize ? image => CharacterNormalizer.Normalize(image, new CharacterNormalizeOptions { StretchContrast = false }) : null,
        Classes = Nist36Layout.ClassNames,
        Name = EmnistSampleFolder,
        SkipUnreadable = true,
        Skipped = skipped,
    };

    /// <summary>Loads photo-chars (3,337 crops) as 32×32 normalised characters; <paramref name="root"/> is the photo-chars folder or the handwritten36 folder above it.</summary>
    public static ImageSet LoadPhotoChars(string root, IImageDecoder decoder, CharacterNormalizeOptions? normalize = null, Action<string, string>? skipped = null) =>
        ImageFolder.Load(Resolve(root, PhotoCharsFolder), PhotoCharsOptions(normalize, skipped), decoder);

    /// <summary>Loads emnist-sample (3,291 images) upright with ink = 1, as 32×32 normalised characters or, without <paramref name="normalize"/>, as 28×28; <paramref name="root"/> is the emnist-sample folder or the handwritten36 folder.</summary>
    public static ImageSet LoadEmnistSample(string root, IImageDecoder decoder, bool normalize = true, Action<string, string>? skipped = null) =>
        ImageFolder.Load(Resolve(root, EmnistSampleFolder), EmnistSampleOptions(normalize, skipped), decoder);

    private static string Resolve(string root, string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        string inner = Path.Combine(root, folder);
        return Directory.Exists(inner) ? inner : root;
    }
}
