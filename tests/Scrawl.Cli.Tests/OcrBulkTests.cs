using System.Text.Json;
using Scrawl.Reading.Bulk;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl ocr --list FILES.txt --shard I/N --out DIR: shards, restarts, failures and atomic results, with copies of the shipped sample page.</summary>
public sealed class OcrBulkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-bulk-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static string Sample => CliRunner.SamplePage;

    private string Out => Path.Combine(_dir, "out");

    /// <summary>Copies of the sample as x/page.jpg for each folder x (same file names in different folders), listed with a comment and a blank line, plus extra lines.</summary>
    private string List(string[] folders, params string[] extraLines)
    {
        var lines = new List<string> { "# pages to read", "" };
        foreach (string folder in folders)
        {
            Directory.CreateDirectory(Path.Combine(_dir, "photos", folder));
            File.Copy(Sample, Path.Combine(_dir, "photos", folder, "page.jpg"), overwrite: true);
            lines.Add($"photos/{folder}/page.jpg");
        }

        lines.AddRange(extraLines);
        string list = Path.Combine(_dir, "files.txt");
        File.WriteAllLines(list, lines);
        return list;
    }

    private string[] Results(string ext) => [.. Directory.GetFiles(Out, "*" + ext).Select(Path.GetFileName).Order().Cast<string>()];

    [Fact]
    public void Shards_partition_the_list_and_same_named_photos_in_different_folders_get_different_results()
    {
        string list = List(["a", "b", "c", "d", "e", "f", "g"]);
        var seen = new List<string>();
        for (int shard = 0; shard < 3; shard++)
        {
            var (code, output, err) = CliRunner.Run("ocr", "--list", list, "--shard", $"{shard}/3", "--out", Out);
            Assert.True(code == 0, err);
            int expected = shard == 0 ? 3 : 2; // entries 0..6: k mod 3 = shard
            Assert.Contains($"{expected} images in this shard: {expected} done, 0 skipped", output, StringComparison.Ordinal);
            string[] now = Results(".json");
            Assert.Equal(seen.Count + expected, now.Length);
            seen = [.. now];
        }

        // Every entry has its own result (union = the list), each once (no overlap: every shard did only new work).
        Assert.Equal(7, seen.Count);
        Assert.Equal(seen.Select(n => Path.ChangeExtension(n, ".txt")), Results(".txt"));
        string expectedText = File.ReadAllText(Path.ChangeExtension(Sample, ".txt")).Trim();
        foreach (string json in seen)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, json)));
            Assert.Equal(expectedText, doc.RootElement.GetProperty("text").GetString()!.Replace("\r", "", StringComparison.Ordinal).Trim());
            Assert.Equal(expectedText, File.ReadAllText(Path.Combine(Out, Path.ChangeExtension(json, ".txt"))).Trim());
        }
    }

    [Fact]
    public void The_shard_rule_is_index_mod_n_over_non_comment_lines()
    {
        var entries = Enumerable.Range(0, 10).Select(i => new BulkEntry(i, $"{i}.jpg", $"/x/{i}.jpg", $"n{i}")).ToList();
        var shards = Enumerable.Range(0, 4).Select(i => BulkList.Shard(entries, i, 4)).ToList();
        Assert.Equal(entries, shards.SelectMany(s => s).OrderBy(e => e.Index));
        Assert.All(shards[1], e => Assert.Equal(1, e.Index % 4));
        Assert.NotEqual(BulkList.ResultName("a/page.jpg"), BulkList.ResultName("a_page.jpg"));
        Assert.Equal(BulkList.ResultName("a/page.jpg"), BulkList.ResultName("a\\page.jpg"));
    }

    [Fact]
    public void A_restart_skips_the_images_already_done()
    {
        string list = List(["a", "b", "c"]);
        Assert.Equal(0, CliRunner.Run("ocr", "--list", list, "--out", Out).Code);
        string[] names = Results(".json");
        File.WriteAllText(Path.Combine(Out, names[0]), "kept"); // a done result is never redone
        File.Delete(Path.Combine(Out, names[1]));

        var (code, output, err) = CliRunner.Run("ocr", "--list", list, "--out", Out);
        Assert.True(code == 0, err);
        Assert.Contains("3 images in this shard: 1 done, 2 skipped", output, StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(Out, names[0])));
        Assert.Equal(names, Results(".json"));
    }

    [Fact]
    public void A_bad_image_is_reported_and_the_others_are_still_written()
    {
        File.WriteAllText(Path.Combine(_dir, "notes.jpg"), "this is not a photo");
        string list = List(["a", "b"], "notes.jpg", "missing/page.jpg");
        var (code, output, err) = CliRunner.Run("ocr", "--list", list, "--out", Out, "--workers", "2");
        Assert.Equal(2, code);
        string[] lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("scrawl: failed: ", StringComparison.Ordinal) && l.Contains("notes.jpg", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("scrawl: failed: ", StringComparison.Ordinal) && l.Contains(Path.Combine("missing", "page.jpg"), StringComparison.Ordinal));
        Assert.Contains("4 images in this shard: 2 done, 0 skipped (already done), 2 failed", output, StringComparison.Ordinal);
        Assert.Equal(2, Results(".json").Length);
        Assert.Equal(2, Results(".txt").Length);
        string[] notes = Directory.GetFiles(Path.Combine(Out, BulkReader.FailuresFolder));
        Assert.Equal(2, notes.Length);
        Assert.Contains(notes, n => File.ReadAllText(n).StartsWith("notes.jpg\n", StringComparison.Ordinal));
    }

    [Fact]
    public void A_result_that_cannot_be_written_leaves_no_partial_files_and_is_done_on_the_next_run()
    {
        string list = List(["a", "b"]);
        var entries = BulkList.Read(list);
        string blocked = BulkReader.JsonPath(Out, entries[1]);
        Directory.CreateDirectory(blocked); // the JSON cannot be renamed over a folder

        var (code, _, err) = CliRunner.Run("ocr", "--list", list, "--out", Out);
        Assert.Equal(2, code);
        Assert.Contains(entries[1].Listed, err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, entries[1].ResultName + ".txt")));
        Assert.Empty(Directory.GetFiles(Out, "*.tmp-*", SearchOption.AllDirectories));
        Assert.True(File.Exists(BulkReader.JsonPath(Out, entries[0])));
        Assert.True(File.Exists(BulkReader.FailurePath(Out, entries[1])));

        Directory.Delete(blocked);
        Assert.Equal(0, CliRunner.Run("ocr", "--list", list, "--out", Out).Code);
        Assert.True(File.Exists(BulkReader.JsonPath(Out, entries[1])));
        Assert.False(File.Exists(BulkReader.FailurePath(Out, entries[1])));
    }

    [Theory]
    [InlineData("2/2")]
    [InlineData("-1/2")]
    [InlineData("0/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("0/2/3")]
    public void Bad_shard_values_are_rejected_with_exit_2(string shard)
    {
        string list = List(["a"]);
        var (code, _, err) = CliRunner.Run("ocr", "--list", list, "--shard", shard, "--out", Out);
        Assert.Equal(2, code);
        Assert.Contains("--shard", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void List_needs_out_and_no_images()
    {
        string list = List(["a"]);
        Assert.Equal(2, CliRunner.Run("ocr", "--list", list).Code);
        Assert.Equal(2, CliRunner.Run("ocr", Sample, "--list", list, "--out", Out).Code);
        Assert.Equal(2, CliRunner.Run("ocr", "--list", Path.Combine(_dir, "none.txt"), "--out", Out).Code);
        Assert.Equal(2, CliRunner.Run("ocr").Code);
    }
}
