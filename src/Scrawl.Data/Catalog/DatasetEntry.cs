using Scrawl.Data.Downloads;
using Scrawl.Data.Images;

namespace Scrawl.Data.Catalog;

/// <summary>A file of a data set at its canonical public address; Sha256 null when not yet pinned.</summary>
/// <param name="Url">Where to download it.</param>
/// <param name="FileName">Its name in the data set's cache folder.</param>
/// <param name="Sha256">Expected SHA-256 (hex), or null: the first verified download pins it.</param>
public sealed record RemoteFile(string Url, string FileName, string? Sha256 = null);

/// <summary>What loading needs besides the path: a decoder for image files, places to look, seeds, progress.</summary>
/// <param name="Locator">Where data sets are looked for.</param>
/// <param name="Decoder">Image decoder for image-folder data (null: such data cannot be loaded).</param>
/// <param name="Seed">Seed for generated data and for splitting sets that come unsplit.</param>
/// <param name="SynthPerClass">Samples per class when the synthetic set is generated (≥ 1).</param>
/// <param name="ImageSize">Side in pixels for natural images (flowers), ≥ 8.</param>
/// <param name="Progress">Download progress callback, or null.</param>
/// <param name="CharacterFrame">
/// When set, image folders are read as loose character images (<see cref="CharacterFolder"/>: polarity detected per
/// folder, each image framed by this function to the model's input); null: image folders are read as stored.
/// </param>
/// <param name="Notice">Called with one line about how data was read (e.g. the detected polarity), or null.</param>
/// <param name="Transposed">How IDX files given by path are stored: true transposed, false upright, null detected from the file names.</param>
public sealed record DataContext(
    DataLocator Locator, IImageDecoder? Decoder = null, long Seed = 0, int SynthPerClass = 1000, int ImageSize = 64,
    Action<DownloadProgress>? Progress = null, Func<Imaging.FloatImage, Imaging.FloatImage>? CharacterFrame = null,
    Action<string>? Notice = null, bool? Transposed = null)
{
    /// <summary>The decoder, or a clear error saying this data needs one.</summary>
    public IImageDecoder RequireDecoder(string what) =>
        Decoder ?? throw new InvalidOperationException($"{what} holds image files and needs an image decoder.");
}

/// <summary>One known data set: what it is, where it is found locally, how it is fetched and loaded.</summary>
public sealed class DatasetEntry
{
    /// <summary>Catalog name, e.g. "mnist-10k".</summary>
    public required string Name { get; init; }

    /// <summary>One-line description.</summary>
    public required string Description { get; init; }

    /// <summary>Number of classes.</summary>
    public required int Classes { get; init; }

    /// <summary>Sizes as text, e.g. "60,000 + 10,000".</summary>
    public required string Sizes { get; init; }

    /// <summary>Origin and licence, short.</summary>
    public required string Provenance { get; init; }

    /// <summary>Folder name in the cache (several entries may share one, e.g. the EMNIST splits); default the name.</summary>
    public string? CacheFolder { get; init; }

    /// <summary>Files to download for <c>data fetch</c> (empty: not downloadable).</summary>
    public IReadOnlyList<RemoteFile> Downloads { get; init; } = [];

    /// <summary>What to tell a user when the set can't be fetched automatically, or null.</summary>
    public string? FetchNote { get; init; }

    /// <summary>Returns the local path of the set, or null when it is not present.</summary>
    public required Func<DataContext, string?> Find { get; init; }

    /// <summary>Loads the set from the path <see cref="Find"/> returned.</summary>
    public required Func<string, DataContext, DatasetSplits> Load { get; init; }

    /// <summary>Turns downloaded files in the cache folder into what <see cref="Find"/> looks for (e.g. unpacking), or null.</summary>
    public Action<string>? Unpack { get; init; }
}
