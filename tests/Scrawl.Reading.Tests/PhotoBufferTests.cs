using Scrawl.Ocr;

namespace Scrawl.Reading.Tests;

public class PhotoBufferTests
{
    [Fact]
    public void The_kept_array_comes_back_only_for_the_same_length_and_only_once()
    {
        var buffer = new PhotoBuffer();
        var first = buffer.Take(12);
        Assert.Equal(12, first.Length);
        buffer.Keep(first);
        Assert.Same(first, buffer.Take(12));
        Assert.NotSame(first, buffer.Take(12)); // taken: the slot is empty until it is kept again

        buffer.Keep(first);
        var other = buffer.Take(13); // another size gets a new array, and the kept one is dropped
        Assert.Equal(13, other.Length);
        Assert.NotSame(first, buffer.Take(12));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Take(-1));
    }

    [Fact]
    public void Photos_of_two_sizes_read_alternately_read_as_each_does_alone()
    {
        // The reader decodes each photo into the array the previous one of its size left: nothing of one photo may leak into the next.
        var sample = ModelLocator.FindRepositoryFile(Path.Combine("samples", "sample-page.jpg"))
            ?? throw new FileNotFoundException("samples/sample-page.jpg not found above the test folder");
        var page = SyntheticPage.Render(["HELLO WORLD", "SECOND LINE"], seed: 3, new SyntheticPageOptions { CharacterHeight = 50 });
        var synthetic = Scrawl.Media.PhotoEncoder.Jpeg(page, 92);
        string Json(PhotoReading r) => ReadingJson.Serialize([r with { Name = "x" }], "m");

        string aloneSample, aloneSynthetic;
        using (var fresh = PhotoReader.Open())
        {
            aloneSample = Json(fresh.Read(sample));
        }

        using (var fresh = PhotoReader.Open())
        {
            aloneSynthetic = Json(fresh.Read(synthetic, "synthetic.jpg"));
        }

        using var reader = PhotoReader.Open();
        for (int round = 0; round < 2; round++)
        {
            Assert.Equal(aloneSample, Json(reader.Read(sample)));
            Assert.Equal(aloneSample, Json(reader.Read(sample)));
            Assert.Equal(aloneSynthetic, Json(reader.Read(synthetic, "synthetic.jpg")));
        }
    }
}
