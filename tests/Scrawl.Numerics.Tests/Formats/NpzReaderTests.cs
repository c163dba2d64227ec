using System.IO.Compression;
using Scrawl.Numerics.Formats;

namespace Scrawl.Numerics.Tests.Formats;

public class NpzReaderTests
{
    [Theory]
    [InlineData("arrays_stored.npz")]
    [InlineData("arrays_deflated.npz")]
    public void Reads_every_array(string file)
    {
        var arrays = NpzReader.Read(NpyFixtures.Path(file));
        Assert.Equal(["bias", "labels", "weights"], arrays.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([2, 3], arrays["weights"].Shape);
        Assert.Equal([0f, 1, 2, 3, 4, 5], arrays["weights"].Data);
        Assert.Equal("<f8", arrays["bias"].DType);
        Assert.Equal([0.5f, -0.5f], arrays["bias"].Data);
        Assert.Equal([3, 1, 4], arrays["labels"].ToLabels());
    }

    [Fact]
    public void Entries_keep_archive_order()
    {
        using var stream = File.OpenRead(NpyFixtures.Path("arrays_deflated.npz"));
        var entries = NpzReader.ReadEntries(stream, "arrays_deflated.npz");
        Assert.Equal(["weights", "bias", "labels"], entries.Select(e => e.Key));
    }

    [Fact]
    public void Bad_array_error_names_the_archive_and_the_array()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpzReader.Read(NpyFixtures.Path("npz_bad_entry.npz")));
        Assert.Contains("npz_bad_entry.npz, array 'wrong': big-endian data (dtype '>f8') is not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_archive_gives_a_clear_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpzReader.Read(NpyFixtures.Path("truncated.npz")));
        Assert.Contains("truncated.npz: not a valid .npz (zip) archive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_npy_is_not_an_npz()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpzReader.Read(NpyFixtures.Path("f4_1d.npy")));
        Assert.Contains("f4_1d.npy: not a valid .npz", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_npy_entries_and_corrupted_deflate_data_are_reported()
    {
        var withText = Zip(("notes.txt", "hello"u8.ToArray(), CompressionLevel.NoCompression));
        var e = Assert.Throws<InvalidDataException>(() => NpzReader.Read(new MemoryStream(withText), "odd.npz"));
        Assert.Contains("odd.npz: the entry 'notes.txt' is not an .npy array", e.Message, StringComparison.Ordinal);

        // Deflate an .npy, then damage the compressed bytes in the middle of the entry.
        var npy = File.ReadAllBytes(NpyFixtures.Path("f8_2d.npy"));
        var zip = Zip(("a.npy", npy, CompressionLevel.Optimal));
        for (int i = 40; i < 60; i++)
        {
            zip[i] ^= 0x5A;
        }

        var e2 = Assert.Throws<InvalidDataException>(() => NpzReader.Read(new MemoryStream(zip), "damaged.npz"));
        Assert.StartsWith("damaged.npz", e2.Message, StringComparison.Ordinal);
    }

    private static byte[] Zip(params (string Name, byte[] Data, CompressionLevel Level)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data, level) in entries)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(data);
            }
        }

        return buffer.ToArray();
    }
}
