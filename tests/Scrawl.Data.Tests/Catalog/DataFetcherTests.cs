using System.IO.Compression;
using Scrawl.Data.Catalog;
using Scrawl.Data.Downloads;
using Scrawl.Data.Tests.Downloads;
using static Scrawl.Data.Tests.Downloads.FileResponder;

namespace Scrawl.Data.Tests.Catalog;

/// <summary>data fetch end to end against a loopback HTTP server: download, pin, unpack, find.</summary>
public class DataFetcherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-fetch-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static byte[] ZipHolding(string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("inner/" + name).Open();
            s.Write(content);
        }

        return buffer.ToArray();
    }

    private static DatasetEntry Entry(Uri url, string? sha256) => new()
    {
        Name = "toy", Classes = 1, Sizes = "1", Description = "test", Provenance = "test",
        Downloads = [new RemoteFile(url.ToString(), "toy.zip", sha256)],
        Unpack = dir => ZipFile.ExtractToDirectory(Path.Combine(dir, "toy.zip"), Path.Combine(dir, "out")),
        Find = c => c.Locator.FindFolder("toy", Path.Combine("out", "inner", "data.bin")),
        Load = (_, _) => throw new NotSupportedException(),
    };

    [Fact]
    public async Task Fetch_downloads_pins_the_hash_and_unpacks()
    {
        byte[] payload = Fixture(5000, 3);
        byte[] zip = ZipHolding("data.bin", payload);
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, zip, t));
        var context = new DataContext(new DataLocator(new DataCache(_dir), []));
        var reports = new List<long>();
        context = context with { Progress = p => reports.Add(p.BytesDone) };

        string folder = await Task.Run(() => DataFetcher.Fetch(Entry(server.Url("toy.zip"), null), context));

        Assert.Equal(Path.Combine(_dir, "toy"), folder);
        Assert.Equal(payload, File.ReadAllBytes(Path.Combine(folder, "out", "inner", "data.bin")));
        string pins = File.ReadAllText(Path.Combine(folder, DataFetcher.HashFile));
        Assert.Equal($"{Sha256(zip)}  toy.zip\n", pins);
        Assert.Equal(zip.Length, reports[^1]);

        // A second fetch finds everything in place and asks the server nothing.
        int before = server.Requests.Count;
        await Task.Run(() => DataFetcher.Fetch(Entry(server.Url("toy.zip"), null), context));
        Assert.Equal(before, server.Requests.Count);
    }

    [Fact]
    public async Task A_file_that_does_not_match_its_pinned_hash_is_refused()
    {
        byte[] zip = ZipHolding("data.bin", Fixture(100, 4));
        await using var server = new LoopbackHttpServer((r, s, t) => ServeAsync(r, s, zip, t));
        var context = new DataContext(new DataLocator(new DataCache(_dir), []));
        string wrong = new('0', 64);
        var e = await Assert.ThrowsAsync<DownloadHashMismatchException>(() => Task.Run(() => DataFetcher.Fetch(Entry(server.Url("toy.zip"), wrong), context)));
        Assert.Contains(wrong, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "toy", "toy.zip")));
    }
}
