using Scrawl.Imaging;

namespace Scrawl.Data.Images;

/// <summary>A folder of loose character images as loaded: the data and the polarity it was read with.</summary>
/// <param name="Data">The images, each framed by the caller's transform (ink = 1); unsplit folders come as one training part.</param>
/// <param name="Polarity">The folder's detected polarity and its vote.</param>
public sealed record CharacterFolderLoad(DatasetSplits Data, PolarityVote Polarity);

/// <summary>
/// Reads character images as users have them: <c>ROOT/CLASS/*</c> (or <c>ROOT/{train,val,test}/CLASS/*</c>), PNG, JPEG,
/// BMP or WebP, any size, tight crops or with margins, either polarity. The folder's polarity is detected from up to
/// <see cref="PolaritySample"/> of its images spread evenly over the file list (<see cref="InkPolarity"/>), every image is
/// decoded grey at its own size, turned to ink = 1 and handed to <c>frame</c>, which brings it to the model's input
/// (e.g. the OCR crops' normalisation). Class names are the folder names (matched to a model's classes by name elsewhere).
/// </summary>
public static class CharacterFolder
{
    /// <summary>How many images at most are decoded to decide the polarity (spread evenly over the folder).</summary>
    public const int PolaritySample = 200;

    /// <summary>True when <paramref name="folder"/> holds class folders with image files, or train/val/test folders.</summary>
    public static bool IsCharacterFolder(string folder) =>
        Directory.Exists(folder)
        && (ImageFolder.HasSplits(folder) || Directory.EnumerateDirectories(folder).Any(d => Directory.EnumerateFiles(d).Any(ImageFolder.IsImageFile)));

    /// <summary>
    /// Loads <paramref name="root"/>; <paramref name="frame"/> maps a grey ink = 1 image of any size to the fixed-size model
    /// input (thread-safe). <see cref="InvalidDataException"/> names an undecodable file; <see cref="DirectoryNotFoundException"/> a missing root.
    /// </summary>
    public static CharacterFolderLoad Load(string root, Func<FloatImage, FloatImage> frame, IImageDecoder decoder, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(decoder);
        bool split = ImageFolder.HasSplits(root);
        var files = split
            ? ImageFolder.SplitFolders.SelectMany(s => s.Folders).Select(f => Path.Combine(root, f)).Where(Directory.Exists).SelectMany(ImageFolder.ListFiles).ToList()
            : [.. ImageFolder.ListFiles(root)];
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{root}: no image files ({string.Join(", ", ImageFolder.ImageExtensions)}) in class folders.");
        }

        var vote = DetectPolarity(files.Select(f => f.Path).ToList(), decoder);
        var options = new ImageFolderOptions
        {
            Color = ColorMode.Grey,
            DarkInkOnLight = vote.Polarity == Polarity.DarkInkOnLight,
            Transform = frame,
            Name = name,
        };
        var data = split
            ? ImageFolder.LoadSplits(root, options, decoder)
            : new DatasetSplits(name ?? new DirectoryInfo(root).Name, ImageFolder.Load(root, options, decoder), null, null);
        return new CharacterFolderLoad(data, vote);
    }

    /// <summary>The majority polarity of up to <see cref="PolaritySample"/> of <paramref name="paths"/> (evenly spaced, deterministic), decoded grey at their own size.</summary>
    public static PolarityVote DetectPolarity(IReadOnlyList<string> paths, IImageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(decoder);
        int n = Math.Min(paths.Count, PolaritySample);
        var picked = Enumerable.Range(0, n).Select(i => paths[(int)((long)i * paths.Count / n)]).ToList();
        return InkPolarity.Vote(picked.Select(p => ImageFolder.LoadImage(p, new ImageFolderOptions(), decoder))); // in file order: the first bad file is named
    }
}
