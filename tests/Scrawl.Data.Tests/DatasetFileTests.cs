using System.IO.Compression;
using Scrawl.Numerics;

namespace Scrawl.Data.Tests;

public class DatasetFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-dsfile-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static DatasetSplits Sample()
    {
        var images = new Tensor(40, 8, 6);
        new SeededRandom(1).FillUniform(images.Span, 0f, 1f);
        var set = new ImageSet(images, Enumerable.Range(0, 40).Select(i => i % 4).ToArray(), ["A", "B", "C", "D"], "sample");
        return Splitting.Stratified(set, 0.25, 0.25, seed: 3);
    }

    [Fact]
    public void A_dataset_round_trips_within_one_grey_level()
    {
        var data = Sample();
        string path = Path.Combine(_dir, "d.npz");
        DatasetFile.Save(data, path);
        Assert.True(DatasetFile.IsDatasetFile(path));
        var back = DatasetFile.Load(path);
        Assert.Equal("sample", back.Name);
        Assert.Equal(data.Train.Labels, back.Train.Labels);
        Assert.Equal(data.Test!.Labels, back.Test!.Labels);
        Assert.Equal(["A", "B", "C", "D"], back.Valid!.ClassNames);
        Assert.Equal(data.Train.Images.Shape.ToArray(), back.Train.Images.Shape.ToArray());
        Assert.True(data.Train.Images.MaxAbsDifference(back.Train.Images) <= 0.5f / 255 + 1e-6f);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
    }

    [Fact]
    public void Saving_is_deterministic()
    {
        string a = Path.Combine(_dir, "a.npz");
        string b = Path.Combine(_dir, "b.npz");
        DatasetFile.Save(Sample(), a);
        Thread.Sleep(2100); // zip time stamps have 2-second resolution: written later, still identical
        DatasetFile.Save(Sample(), b);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Damaged_and_foreign_files_give_clear_errors()
    {
        string path = Path.Combine(_dir, "d.npz");
        DatasetFile.Save(Sample(), path);
        byte[] bytes = File.ReadAllBytes(path);
        string cut = Path.Combine(_dir, "cut.npz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => DatasetFile.Load(cut));
        Assert.Contains("cut.npz", e.Message, StringComparison.Ordinal);
        Assert.False(DatasetFile.IsDatasetFile(cut));

        string text = Path.Combine(_dir, "text.npz");
        File.WriteAllText(text, "hello");
        Assert.Throws<InvalidDataException>(() => DatasetFile.Load(text));

        string noMeta = Path.Combine(_dir, "nometa.npz");
        using (var zip = ZipFile.Open(noMeta, ZipArchiveMode.Create))
        {
            zip.CreateEntry("train_images.npy");
        }

        e = Assert.Throws<InvalidDataException>(() => DatasetFile.Load(noMeta));
        Assert.Contains("no meta.json", e.Message, StringComparison.Ordinal);
    }
}
