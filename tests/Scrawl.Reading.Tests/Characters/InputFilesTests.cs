using System.Diagnostics;

namespace Scrawl.Reading.Tests.Characters;

public class InputFilesTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("scrawl-input-").FullName;

    [Fact]
    public void A_link_to_dev_zero_is_refused_before_reading()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string link = Path.Combine(TempDir(), "zero.jpg");
        File.CreateSymbolicLink(link, "/dev/zero");
        using var reader = PhotoReader.Open();
        var e = Assert.Throws<InvalidDataException>(() => reader.Read(link));
        Assert.Equal($"{link}: a character device such as /dev/zero, not a regular file; not read.", e.Message);
    }

    [Fact]
    public async Task A_fifo_is_refused_instead_of_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string fifo = Path.Combine(TempDir(), "pipe.png");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO for reading blocks until a writer comes; the check must answer without opening it.
        var check = Task.Run(() => Assert.Throws<InvalidDataException>(() => InputFiles.CheckRegularFile(fifo, 100)));
        var e = await check.WaitAsync(TimeSpan.FromMinutes(1)); // a TimeoutException here means the check blocked on the FIFO
        Assert.Contains("FIFO", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_missing_files_and_absurd_sizes_are_refused_naming_the_path()
    {
        string dir = TempDir();
        Assert.Contains("a folder", Assert.Throws<InvalidDataException>(() => InputFiles.CheckRegularFile(dir, 100)).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => InputFiles.CheckRegularFile(Path.Combine(dir, "none.jpg"), 100));
        string huge = Path.Combine(dir, "huge.jpg");
        using (var stream = File.Create(huge))
        {
            stream.SetLength(PhotoReader.MaxStreamBytes + 1); // sparse: nothing is written
        }

        using var reader = PhotoReader.Open();
        var e = Assert.Throws<InvalidDataException>(() => reader.Read(huge));
        Assert.StartsWith($"{huge}: 268,435,457 bytes, more than the 268,435,456", e.Message, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_folders_images_come_in_sorted_order_and_other_files_are_left_out()
    {
        string dir = TempDir();
        foreach (string name in new[] { "b.png", "a.JPG", "notes.txt", "c.jpeg", "A2.webp" })
        {
            File.WriteAllBytes(Path.Combine(dir, name), [1]);
        }

        Directory.CreateDirectory(Path.Combine(dir, "d.png"));
        Assert.Equal(["A2.webp", "a.JPG", "b.png", "c.jpeg"], InputFiles.ImagesIn(dir).Select(Path.GetFileName));
        string empty = TempDir();
        Assert.StartsWith($"{empty}: no images", Assert.Throws<InvalidDataException>(() => InputFiles.ImagesIn(empty)).Message, StringComparison.Ordinal);
    }
}
