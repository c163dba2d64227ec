using Scrawl.Data.Catalog;
using Scrawl.Data.Downloads;
using Scrawl.Data.Tests.Formats;
using Scrawl.Numerics;
using Scrawl.Numerics.Formats;

namespace Scrawl.Data.Tests.Catalog;

public class CatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-catalog-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private DataContext Context(bool withShared = true, int perClass = 4) => new(
        new DataLocator(new DataCache(Path.Combine(_dir, "cache")), withShared ? [Path.GetDirectoryName(FormatFixtures.SharedDataset("mnist-10k"))!] : []),
        SynthPerClass: perClass, Seed: 3);

    [Fact]
    public void Every_entry_has_a_unique_name_and_a_description()
    {
        var names = DatasetCatalog.Entries.Select(e => e.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        foreach (string expected in new[] { "glyphs36", "mnist-10k", "mnist", "emnist-balanced", "emnist-byclass", "emnist-letters", "fashion-mnist", "flowers17", "nist36", "photo-chars", "emnist-sample" })
        {
            Assert.Contains(expected, names);
        }

        Assert.All(DatasetCatalog.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Description)));
        Assert.Equal("glyphs36", DatasetCatalog.Entries[0].Name);
    }

    [Fact]
    public void A_catalog_name_resolves_to_the_shared_copy()
    {
        var data = DataResolver.Resolve("mnist-10k", Context());
        Assert.Equal(10_000, data.Train.Count + data.Valid!.Count + data.Test!.Count);
        Assert.InRange(data.Test.Count, 990, 1010); // 10 % of each class, rounded per class
        Assert.Equal(10, data.Train.ClassNames.Count);
    }

    [Fact]
    public void The_synthetic_default_is_generated_split_and_seeded()
    {
        var a = DataResolver.Resolve("glyphs36", Context(perClass: 10));
        var b = DataResolver.Resolve("glyphs36", Context(perClass: 10));
        Assert.Equal(360, a.Train.Count + a.Valid!.Count + a.Test!.Count);
        Assert.True(a.Train.Images.Span.SequenceEqual(b.Train.Images.Span));
        Assert.Equal(36, a.Train.ClassNames.Count);
    }

    [Fact]
    public void A_missing_download_says_how_to_fetch_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => DataResolver.Resolve("mnist", Context(withShared: false)));
        Assert.Contains("scrawl data fetch mnist", e.Message, StringComparison.Ordinal);
        var nist = Assert.Throws<FileNotFoundException>(() => DataResolver.Resolve("nist36", Context(withShared: false)));
        Assert.Contains("nist36_train.mat", nist.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_are_detected_by_content()
    {
        var idx = DataResolver.Resolve(FormatFixtures.Fixture("idxfolder"), Context());
        Assert.True(idx.Train.Count > 0);

        string file = Path.Combine(_dir, "saved.npz");
        DatasetFile.Save(DataResolver.Resolve("glyphs36", Context()), file);
        Assert.Equal("glyphs36", DataResolver.Resolve(file, Context()).Name);

        string npy = Path.Combine(_dir, "npy");
        Directory.CreateDirectory(npy);
        using (var x = File.Create(Path.Combine(npy, "train_x.npy")))
        {
            NpyWriter.Write(x, new float[12], 3, 4);
        }

        using (var y = File.Create(Path.Combine(npy, "train_y.npy")))
        {
            NpyWriter.Write(y, new long[] { 0, 2, 1 }, 3);
        }

        var exported = DataResolver.Resolve(npy, Context());
        Assert.Equal(3, exported.Train.ClassNames.Count);
        Assert.Equal(4, exported.Train.FeatureCount);
    }

    [Fact]
    public void Nothing_fitting_lists_what_was_tried()
    {
        string empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);
        var e = Assert.Throws<InvalidDataException>(() => DataResolver.Resolve(empty, Context()));
        Assert.Contains("NIST36 folder", e.Message, StringComparison.Ordinal);
        Assert.Contains("IDX folder", e.Message, StringComparison.Ordinal);
        Assert.Contains("image folder", e.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<FileNotFoundException>(() => DataResolver.Resolve("no-such-set", Context()));
        Assert.Contains("glyphs36", missing.Message, StringComparison.Ordinal);
        string text = Path.Combine(_dir, "x.txt");
        File.WriteAllText(text, "not data");
        Assert.Throws<InvalidDataException>(() => DataResolver.Resolve(text, Context()));
    }

    [Fact]
    public void Fetching_a_local_only_set_explains_itself()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DataFetcher.Fetch(DatasetCatalog.Find("glyphs36")!, Context()));
        Assert.Contains("not downloadable", e.Message, StringComparison.Ordinal);
    }
}
