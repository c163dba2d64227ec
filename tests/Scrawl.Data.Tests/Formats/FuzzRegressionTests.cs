using Scrawl.Data.Catalog;
using Scrawl.Data.Formats;

namespace Scrawl.Data.Tests.Formats;

/// <summary>Inputs found by fuzzing (fuzz/run.sh) that escaped as undocumented exceptions.</summary>
public class FuzzRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-fuzzreg-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Mat_zlib_stream_that_makes_the_inflater_throw_ZLibException_is_an_InvalidDataException_naming_the_file()
    {
        // Found by the mat campaign: zlib returned an unexpected error code (ZLibException, an IOException without the file name).
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz", "mat-zlib-exception.mat"));
        var e = Assert.Throws<InvalidDataException>(() => MatFile.Read(new MemoryStream(bytes), "found.mat"));
        Assert.StartsWith("found.mat: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Npy_folder_with_a_rank_0_feature_array_is_bad_input_not_an_InvalidOperationException()
    {
        // Found by the npy campaign: a valid rank-0 .npy made NpyArray.ToTensor throw InvalidOperationException.
        using (var s = File.Create(Path.Combine(_dir, "train_x.npy")))
        {
            Scrawl.Numerics.Formats.NpyWriter.Write(s, new float[] { 1f });
        }

        using (var s = File.Create(Path.Combine(_dir, "train_y.npy")))
        {
            Scrawl.Numerics.Formats.NpyWriter.Write(s, new long[] { 0 }, 1);
        }

        var e = Assert.Throws<InvalidDataException>(() => DataResolver.Resolve(_dir, new DataContext(new DataLocator(new Scrawl.Data.Downloads.DataCache(_dir), []))));
        Assert.Contains("train_x.npy: expected N×F features, got shape ()", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Npy_folder_with_float_or_oversized_labels_is_bad_input_naming_the_labels_file(bool floats)
    {
        // The npy campaign's rerun: ToLabels refuses these with InvalidOperationException, which the folder reader must not let out.
        using (var s = File.Create(Path.Combine(_dir, "train_x.npy")))
        {
            Scrawl.Numerics.Formats.NpyWriter.Write(s, new float[] { 1f, 0f }, 2, 1);
        }

        using (var s = File.Create(Path.Combine(_dir, "train_y.npy")))
        {
            if (floats)
            {
                Scrawl.Numerics.Formats.NpyWriter.Write(s, new float[] { 0f, 1f }, 2);
            }
            else
            {
                Scrawl.Numerics.Formats.NpyWriter.Write(s, new long[] { 0, 7_036_874_417_766_425 }, 2);
            }
        }

        var e = Assert.Throws<InvalidDataException>(() => DataResolver.Resolve(_dir, new DataContext(new DataLocator(new Scrawl.Data.Downloads.DataCache(_dir), []))));
        Assert.Contains("train_y.npy: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(floats ? "labels must be integers" : "does not fit", e.Message, StringComparison.Ordinal);
    }
}
