namespace Scrawl.Data.Tests.Formats;

/// <summary>The dataset campaign's finding (fuzz/run.sh dataset): a label too large for an int escaped as InvalidOperationException.</summary>
public class DatasetFuzzRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-dsfuzz-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Dataset_file_with_a_label_beyond_an_int_is_an_InvalidDataException_naming_the_file_and_the_array()
    {
        // The crashing input as AFL++ saved it: a havoc mutation of the seed turned train label 23 into 7036874417766425.
        string path = Path.Combine(_dir, "found.npz");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz", "dataset-label-overflow.npz"), path);
        var e = Assert.Throws<InvalidDataException>(() => DatasetFile.Load(path));
        Assert.Equal($"{path}: train_labels.npy: Label 7036874417766425 at index 23 does not fit in a 32-bit integer.", e.Message);
    }

    [Fact]
    public void Dataset_file_with_float_labels_is_an_InvalidDataException_naming_the_file()
    {
        string seed = Path.Combine(_dir, "seed.npz");
        var images = Scrawl.Numerics.Tensor.FromSpan(new float[2 * 4 * 4], [2, 4, 4]);
        DatasetFile.Save(new DatasetSplits("tiny", new ImageSet(images, [0, 1], ["a", "b"], "tiny/train"), null, null), seed);
        string bad = Path.Combine(_dir, "float-labels.npz");
        using (var zipIn = System.IO.Compression.ZipFile.OpenRead(seed))
        using (var zipOut = System.IO.Compression.ZipFile.Open(bad, System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var entry in zipIn.Entries)
            {
                using var target = zipOut.CreateEntry(entry.FullName).Open();
                if (entry.FullName == "train_labels.npy")
                {
                    Scrawl.Numerics.Formats.NpyWriter.Write(target, new float[] { 0f, 1f }, 2);
                }
                else
                {
                    using var source = entry.Open();
                    source.CopyTo(target);
                }
            }
        }

        var e = Assert.Throws<InvalidDataException>(() => DatasetFile.Load(bad));
        Assert.StartsWith($"{bad}: train_labels.npy: Labels need an integer array", e.Message, StringComparison.Ordinal);
    }
}
