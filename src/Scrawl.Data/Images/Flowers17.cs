namespace Scrawl.Data.Images;

/// <summary>
/// Loader for shared/datasets/flowers17: Oxford 17 Category Flowers as <c>{train,val,test}/{0..16}/*.jpg</c>
/// (680 / 340 / 340 natural-colour photos). Images are RGB in [0, 1] as photographed (no ink polarity applies)
/// and upright. Label i is folder i; class names are <see cref="FlowerNames"/> or the folder names.
/// </summary>
public static class Flowers17
{
    /// <summary>The common name of each class, index = folder number 0…16 (the Oxford order; checked by eye on a montage).</summary>
    public static IReadOnlyList<string> FlowerNames { get; } =
    [
        "daffodil", "snowdrop", "lily of the valley", "bluebell", "crocus", "iris", "tiger lily", "tulip", "fritillary",
        "sunflower", "daisy", "colts' foot", "dandelion", "cowslip", "buttercup", "windflower", "pansy",
    ];

    /// <summary>
    /// Loads the three splits as RGB <paramref name="size"/>×<paramref name="size"/> images (size ≥ 1), by default
    /// scaled to cover the square and centre-cropped; class names are <see cref="FlowerNames"/> unless
    /// <paramref name="flowerNames"/> is false (then "0"…"16").
    /// </summary>
    public static DatasetSplits Load(string root, int size, IImageDecoder decoder, ResizeMode resize = ResizeMode.Fill, bool flowerNames = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var splits = ImageFolder.LoadSplits(root, Options(size, resize), decoder);
        if (!flowerNames)
        {
            return splits;
        }

        ImageSet? Named(ImageSet? set) => set is null ? null : new ImageSet(set.Images, set.Labels, FlowerNames, set.Name);
        return new DatasetSplits(splits.Name, Named(splits.Train)!, Named(splits.Valid), Named(splits.Test));
    }

    /// <summary>The folder options behind <see cref="Load"/>: RGB, size×size (size ≥ 1), values kept as decoded, classes "0"…"16".</summary>
    public static ImageFolderOptions Options(int size, ResizeMode resize = ResizeMode.Fill) => new()
    {
        Color = ColorMode.Rgb,
        Height = size,
        Width = size,
        Resize = resize,
        Classes = [.. Enumerable.Range(0, FlowerNames.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        Name = "flowers17",
    };
}
