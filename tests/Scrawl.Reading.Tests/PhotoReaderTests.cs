using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Scrawl.Ocr;

namespace Scrawl.Reading.Tests;

public class PhotoReaderTests
{
    private static string Sample => ModelLocator.FindRepositoryFile(Path.Combine("samples", "sample-page.jpg"))
        ?? throw new FileNotFoundException("samples/sample-page.jpg not found above the test folder");

    private static string Truth => File.ReadAllText(Path.ChangeExtension(Sample, ".txt")).Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n');

    [Fact]
    public void The_shipped_model_reads_the_shipped_sample_exactly()
    {
        using var reader = PhotoReader.Open();
        var page = reader.Read(Sample);
        Assert.Equal(Truth, page.Text);
        Assert.EndsWith(ModelLocator.ShippedModelName, reader.ModelName, StringComparison.Ordinal);
        Assert.Equal(Sample, page.Name);
    }

    [Fact]
    public void Boxes_are_in_the_photos_pixels_and_every_stage_is_timed()
    {
        using var reader = PhotoReader.Open();
        var page = reader.Read(Sample);
        Assert.Equal((554, 1088), (page.Result.Height, page.Result.Width));
        Assert.All(page.Result.Characters, c => Assert.True(c.Box.Top >= 0 && c.Box.Bottom <= 554 && c.Box.Left >= 0 && c.Box.Right <= 1088 && c.Box.Bottom > c.Box.Top));
        Assert.True(page.Timings.DecodeSeconds > 0 && page.Timings.SegmentSeconds > 0 && page.Timings.ClassifySeconds > 0);
        Assert.Equal(page.Timings.DecodeSeconds + page.Timings.SegmentSeconds + page.Timings.ClassifySeconds, page.Timings.TotalSeconds, 12);
    }

    [Fact]
    public void Streams_bytes_and_files_read_the_same()
    {
        using var reader = PhotoReader.Open();
        var fromFile = reader.Read(Sample);
        using var stream = File.OpenRead(Sample);
        var fromStream = reader.Read(stream, "upload.jpg");
        var fromBytes = reader.Read(File.ReadAllBytes(Sample), "bytes.jpg");
        Assert.Equal("upload.jpg", fromStream.Name);
        Assert.Equal(ReadingJson.Serialize([fromFile with { Name = "x" }], "m"), ReadingJson.Serialize([fromStream with { Name = "x" }], "m"));
        Assert.Equal(ReadingJson.Serialize([fromFile with { Name = "x" }], "m"), ReadingJson.Serialize([fromBytes with { Name = "x" }], "m"));
    }

    [Fact]
    public void A_truncated_photo_is_an_error_naming_it()
    {
        using var reader = PhotoReader.Open();
        byte[] head = File.ReadAllBytes(Sample)[..200];
        var e = Assert.Throws<InvalidDataException>(() => reader.Read(new MemoryStream(head), "cut.jpg"));
        Assert.StartsWith("cut.jpg", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_stream_is_refused_at_the_limit()
    {
        using var reader = PhotoReader.Open();
        var e = Assert.Throws<InvalidDataException>(() => reader.Read(new EndlessStream(), "endless"));
        Assert.Contains("endless: larger than 256 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_problems_name_the_model()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => PhotoReader.Open("/nonexistent/model.scrawl"));
        Assert.Contains("/nonexistent/model.scrawl", missing.Message, StringComparison.Ordinal);
        var deep = Assert.Throws<FileNotFoundException>(() => PhotoReader.Open("deep:/nonexistent/model.pt"));
        Assert.StartsWith("deep:/nonexistent/model.pt: no such model file", deep.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => PhotoReader.Open("deep:"));
        string notModel = Path.GetTempFileName();
        try
        {
            File.WriteAllText(notModel, "hello");
            var bad = Assert.Throws<InvalidDataException>(() => PhotoReader.Open(notModel));
            Assert.StartsWith(notModel, bad.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notModel);
        }
    }

    [Fact]
    public void The_working_side_rule_reads_near_sizes_as_they_are()
    {
        var options = new PageReadingOptions { WorkingSide = 1000, WorkingSlack = 0.2 };
        Assert.Equal(500, options.WorkingSideFor(500));
        Assert.Equal(1200, options.WorkingSideFor(1200));
        Assert.Equal(1000, options.WorkingSideFor(1201));
        Assert.Throws<InvalidOperationException>(() => (options with { WorkingSlack = 0.6 }).WorkingSideFor(10));
    }

    [Fact]
    public void The_reading_library_never_prints()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Scrawl.Reading.dll");
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var types = md.TypeReferences.Select(h => md.GetTypeReference(h)).Select(t => $"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}").ToList();
        Assert.Contains("Scrawl.Ocr.PageReader", types); // the scan sees what the library uses
        Assert.DoesNotContain("System.Console", types);
    }

    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => count;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
