namespace Scrawl.Numerics.Tests;

/// <summary>AtomicFile: whole-file replacement, and the removal of temporary files orphaned by a killed writer.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-atomic-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_successful_write_removes_orphaned_temporary_files_of_the_same_target_only()
    {
        string target = Path.Combine(_dir, "checkpoint.ckpt");
        File.WriteAllText(target, "old");

        // What a writer killed mid-write leaves behind (the kill test's finding), and look-alikes that must stay.
        string orphan1 = target + ".tmp-0123456789AB";
        string orphan2 = target + ".tmp-FFFFFFFFFFFF";
        File.WriteAllText(orphan1, "half");
        File.WriteAllText(orphan2, "half");
        string[] keep =
        [
            Path.Combine(_dir, "other.ckpt.tmp-0123456789AB"),
            target + ".tmp-notes",
            target + ".tmp-0123456789ABC",
            target + ".bak",
        ];
        foreach (string k in keep)
        {
            File.WriteAllText(k, "keep");
        }

        AtomicFile.WriteAllBytes(target, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(target));
        Assert.False(File.Exists(orphan1));
        Assert.False(File.Exists(orphan2));
        Assert.All(keep, k => Assert.Equal("keep", File.ReadAllText(k)));
    }

    [Fact]
    public void A_temporary_file_still_open_by_another_writer_is_not_removed()
    {
        string target = Path.Combine(_dir, "model.scrawl");
        string inFlight = target + ".tmp-00000000000A";
        using (var writer = new FileStream(inFlight, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            writer.WriteByte(7);
            AtomicFile.WriteAllBytes(target, [9]);
            Assert.True(File.Exists(inFlight));
        }

        Assert.Equal([9], File.ReadAllBytes(target));
    }

    [Fact]
    public void A_failed_write_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        string target = Path.Combine(_dir, "data.npz");
        File.WriteAllText(target, "intact");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("writer failed");
        }));

        Assert.Equal("intact", File.ReadAllText(target));
        Assert.Empty(AtomicFile.Orphans(target));
        Assert.Single(Directory.GetFiles(_dir));
    }
}
