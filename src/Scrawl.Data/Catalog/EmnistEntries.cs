using Scrawl.Data.Formats;

namespace Scrawl.Data.Catalog;

/// <summary>The EMNIST splits: one zip from NIST holds them all; images are stored transposed.</summary>
internal static class EmnistEntries
{
    private static readonly string[] Digits = [.. Enumerable.Range(0, 10).Select(i => ((char)('0' + i)).ToString())];
    private static readonly string[] Upper = [.. Enumerable.Range(0, 26).Select(i => ((char)('A' + i)).ToString())];
    private static readonly string[] Lower = [.. Enumerable.Range(0, 26).Select(i => ((char)('a' + i)).ToString())];

    public static IEnumerable<DatasetEntry> Build(string zipUrl)
    {
        string[] balanced = [.. Digits, .. Upper, "a", "b", "d", "e", "f", "g", "h", "n", "q", "r", "t"];
        yield return Entry("emnist-balanced", "47 balanced classes (digits, letters; similar upper/lower merged)", balanced, "112,800 + 18,800", zipUrl, shiftLabels: false);
        yield return Entry("emnist-byclass", "62 classes: digits, upper- and lower-case letters (unbalanced)", [.. Digits, .. Upper, .. Lower], "697,932 + 116,323", zipUrl, shiftLabels: false);
        yield return Entry("emnist-letters", "26 letter classes, upper and lower case merged", Upper, "124,800 + 20,800", zipUrl, shiftLabels: true);
    }

    /// <summary>
    /// The upright EMNIST folders of shared/datasets/emnist (IDX + mapping.txt, white ink on black, not transposed): byclass-test
    /// (62 classes) and more36 (36, case merged); each split 80/10/10 with the seed. Add <c>@47</c> or <c>@36</c> to merge case.
    /// </summary>
    public static IEnumerable<DatasetEntry> Shared()
    {
        yield return SharedEntry("emnist-byclass-test", "byclass-test", 62, "116,323 (80/10/10 split)", "the complete EMNIST byclass test split: 0–9, A–Z, a–z, upright");
        yield return SharedEntry("emnist-more36", "more36", 36, "136,231 (80/10/10 split)", "more EMNIST characters (bymerge, balanced, letters, digits, mnist), case merged: 0–9, A–Z, upright");
    }

    private static DatasetEntry SharedEntry(string name, string folder, int classes, string sizes, string description) => new()
    {
        Name = name, Classes = classes, Sizes = sizes,
        Description = $"{description}, 28×28",
        Provenance = $"EMNIST (Cohen et al. 2017, NIST SD19); shared/datasets/emnist/{folder}",
        Find = c => c.Locator.FindFolder(name, "mapping.txt", Path.Combine("emnist", folder)),
        Load = (p, c) => IdxFolder.Load(p, name, transposed: false, c.Seed),
    };

    private static DatasetEntry Entry(string name, string description, string[] classes, string sizes, string zipUrl, bool shiftLabels) => new()
    {
        Name = name, Classes = classes.Length, Sizes = sizes,
        Description = $"EMNIST {description}, 28×28",
        Provenance = "Cohen et al. 2017, NIST Special Database 19; one 536 MB zip for all EMNIST splits",
        CacheFolder = "emnist",
        Downloads = [new RemoteFile(zipUrl, "gzip.zip")],
        Unpack = dir => ZipUnpack.Extract(Path.Combine(dir, "gzip.zip"), dir, n => n.StartsWith("emnist-", StringComparison.Ordinal) && n.EndsWith(".gz", StringComparison.Ordinal)),
        Find = c => c.Locator.FindFolder("emnist", $"{name}-train-images-idx3-ubyte.gz", "emnist"),
        Load = (p, c) => DatasetCatalog.WithValid(Load(p, name, classes, shiftLabels), c.Seed),
    };

    private static DatasetSplits Load(string folder, string name, string[] classes, bool shiftLabels)
    {
        if (!shiftLabels)
        {
            return IdxDataset.LoadFolder(folder, classes, name, transposed: true, prefix: name + "-");
        }

        // emnist-letters labels run 1..26: load with a placeholder class 0, then shift down.
        var raw = IdxDataset.LoadFolder(folder, ["(none)", .. classes], name, transposed: true, prefix: name + "-");
        ImageSet? Shift(ImageSet? s) => s is null ? null : new ImageSet(s.Images, ShiftDown(s), classes, s.Name);
        return new DatasetSplits(name, Shift(raw.Train)!, Shift(raw.Valid), Shift(raw.Test));
    }

    private static int[] ShiftDown(ImageSet s) => [.. s.Labels.Select(l => l >= 1 ? l - 1 : throw new InvalidDataException($"{s.Name}: label 0 in emnist-letters (labels run 1..26)."))];
}
