using System.IO.Compression;
using Scrawl.Data.Catalog;
using Scrawl.Data.Formats;

namespace Scrawl.Data.Tests.Formats;

/// <summary>IDX folders given by path: mapping.txt, orientation (official EMNIST names are transposed), seeded splits, case merges.</summary>
public sealed class IdxFolderTests : IDisposable
{
    // Classes in EMNIST byclass order; each image is 4×3 with one lit pixel at row 0, column label % 3 (so transposing moves it).
    private static readonly string Mapping = "0 48\n1 49\n2 65\n3 67\n4 97\n5 99\n6 98\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(magic)));
        foreach (int d in dims)
        {
            bytes.AddRange(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(d)));
        }

        bytes.AddRange(data);
        return [.. bytes];
    }

    /// <summary>Writes PREFIX{images,labels}-idx?-ubyte(.gz) with <paramref name="perClass"/> samples of each of the 7 labels, and mapping.txt unless null.</summary>
    private string Write(string name, string prefix, int perClass, string? mapping, bool gzip)
    {
        string folder = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        int n = 7 * perClass;
        var labels = Enumerable.Range(0, n).Select(i => (byte)(i % 7)).ToArray();
        var pixels = new byte[n * 12];
        for (int i = 0; i < n; i++)
        {
            pixels[(i * 12) + (labels[i] % 3)] = 255;
        }

        void Save(string file, byte[] bytes)
        {
            string path = Path.Combine(folder, file + (gzip ? ".gz" : ""));
            using var stream = File.Create(path);
            using Stream target = gzip ? new GZipStream(stream, CompressionLevel.Fastest) : stream;
            target.Write(bytes);
        }

        Save($"{prefix}images-idx3-ubyte", Idx(2051, [n, 4, 3], pixels));
        Save($"{prefix}labels-idx1-ubyte", Idx(2049, [n], labels));
        if (mapping is not null)
        {
            File.WriteAllText(Path.Combine(folder, prefix.Length > 0 ? $"{prefix}mapping.txt" : "mapping.txt"), mapping);
        }

        return folder;
    }

    private static DataContext Context(long seed = 0) => new(new DataLocator(new Scrawl.Data.Downloads.DataCache(Path.GetTempPath()), []), Seed: seed);

    [Fact]
    public void Mapping_names_the_classes_and_an_unsplit_folder_is_split_by_the_seed()
    {
        string folder = Write("upright", "", perClass: 10, Mapping, gzip: true);
        var a = DataResolver.Resolve(folder, Context(seed: 1));
        Assert.Equal(["0", "1", "A", "C", "a", "c", "b"], a.Train.ClassNames);
        Assert.Equal(56, a.Train.Count);
        Assert.Equal(7, a.Test!.Count);
        Assert.Equal(1, a.Test.CountPerClass()[2]);
        Assert.Equal([56, 4, 3], a.Train.Images.Shape.ToArray()); // upright: stored 4×3 is read 4×3
        var b = DataResolver.Resolve(folder, Context(seed: 1));
        var c = DataResolver.Resolve(folder, Context(seed: 2));
        Assert.Equal(a.Test.Labels, b.Test!.Labels);
        Assert.True(a.Train.Images.Span.SequenceEqual(b.Train.Images.Span));
        Assert.False(a.Train.Images.Span.SequenceEqual(c.Train.Images.Span));
    }

    [Fact]
    public void Official_emnist_names_are_read_transposed_unless_told_upright()
    {
        string folder = Write("official", "emnist-byclass-train-", perClass: 2, null, gzip: false);
        File.WriteAllText(Path.Combine(folder, "emnist-byclass-mapping.txt"), Mapping);
        var data = DataResolver.Resolve(folder, Context());
        Assert.Equal([data.Train.Count, 3, 4], data.Train.Images.Shape.ToArray());
        Assert.Equal("A", data.Train.ClassNames[2]);
        int k = Array.IndexOf(data.Train.Labels, 2); // label 2: lit at stored (0, 2) → upright (2, 0)
        Assert.Equal(1f, data.Train.Images.Row(k)[2 * 4]);
        var upright = DataResolver.Resolve(folder + "@upright", Context());
        Assert.Equal([upright.Train.Count, 4, 3], upright.Train.Images.Shape.ToArray());
        Assert.EndsWith("@upright", upright.Name, StringComparison.Ordinal);
        var plain = Write("plain", "", perClass: 2, Mapping, gzip: false);
        Assert.Equal(3, DataResolver.Resolve(plain + "@transposed", Context()).Train.Height);
    }

    [Theory]
    [InlineData(62, new[] { "0", "1", "A", "C", "a", "c", "b" })]
    [InlineData(47, new[] { "0", "1", "A", "C", "a", "b" })]
    [InlineData(36, new[] { "0", "1", "A", "C", "B" })]
    public void Case_merges_fold_lower_case_into_capitals(int target, string[] classes)
    {
        string folder = Write("merge", "", perClass: 10, Mapping, gzip: false);
        var data = DataResolver.Resolve($"{folder}@{target}", Context());
        Assert.Equal(classes, data.Train.ClassNames);
        Assert.Equal(70, data.Parts().Sum(p => p.Set.Count));
        int c = data.Parts().Sum(p => p.Set.CountPerClass()[3]); // C: its own 10, plus c's 10 unless kept apart (62)
        Assert.Equal(target == 62 ? 10 : 20, c);
    }

    [Fact]
    public void Bad_mappings_and_modifiers_are_named()
    {
        string folder = Write("bad", "", perClass: 1, "0 48\n1 x\n", gzip: false);
        var e = Assert.Throws<InvalidDataException>(() => DataResolver.Resolve(folder, Context()));
        Assert.Contains("mapping.txt: line 2", e.Message, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "mapping.txt"), "0 48\n1 48\n");
        Assert.Contains("both mapped to '0'", Assert.Throws<InvalidDataException>(() => DataResolver.Resolve(folder, Context())).Message, StringComparison.Ordinal);
        Assert.Contains("@47", Assert.Throws<InvalidDataException>(() => DataResolver.Resolve(folder + "@36@47", Context())).Message, StringComparison.Ordinal);
        var fashion = Assert.Throws<InvalidDataException>(() => CaseMerge.Apply(new ImageSet(new Numerics.Tensor(1, 2, 2), [0], ["T-shirt/top"], "f"), 36));
        Assert.Contains("T-shirt/top", fashion.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shared_byclass_test_folder_merges_to_47_classes()
    {
        string shared = FormatFixtures.SharedDataset(Path.Combine("emnist", "byclass-test"));
        Assert.Equal(47, DataResolver.Resolve(shared + "@47", Context()).Train.ClassNames.Count);
    }
}
