using Scrawl.Imaging;
using Scrawl.Ocr;
using Scrawl.Reading.Bulk;
using Scrawl.Reading.Formats;

namespace Scrawl.Reading.Tests.Bulk;

/// <summary>BulkReader and BulkList on copies of the shipped sample page: shards, skipping finished images, failure notes and the counts.</summary>
public sealed class BulkReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-bulk-reader-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static string Sample => ModelLocator.FindRepositoryFile(Path.Combine("samples", "sample-page.jpg"))
        ?? throw new FileNotFoundException("samples/sample-page.jpg not found above the test folder");

    private static string Truth => File.ReadAllText(Path.ChangeExtension(Sample, ".txt")).Replace("\r", "", StringComparison.Ordinal).Trim();

    private string Out => Path.Combine(_dir, "out");

    /// <summary>A list with a comment and a blank line, then photos/x/page.jpg (a copy of the sample) for each folder x, then the extra lines.</summary>
    private string List(string[] folders, params string[] extraLines)
    {
        var lines = new List<string> { "# pages to read", "" };
        foreach (string folder in folders)
        {
            Directory.CreateDirectory(Path.Combine(_dir, "photos", folder));
            File.Copy(Sample, Path.Combine(_dir, "photos", folder, "page.jpg"), overwrite: true);
            lines.Add($"  photos/{folder}/page.jpg  ");
        }

        lines.AddRange(extraLines);
        string list = Path.Combine(_dir, "files.txt");
        File.WriteAllLines(list, lines);
        return list;
    }

    private static PhotoReader Shipped(string? model) => PhotoReader.Open(model);

    [Fact]
    public void The_list_skips_comments_and_blanks_and_resolves_paths_next_to_the_list()
    {
        string list = List(["a", "b"], "#photos/c/page.jpg", "   ", "/elsewhere/x.png");
        var entries = BulkList.Read(list);
        Assert.Equal([0, 1, 2], entries.Select(e => e.Index));
        Assert.Equal(["photos/a/page.jpg", "photos/b/page.jpg", "/elsewhere/x.png"], entries.Select(e => e.Listed));
        Assert.Equal(Path.Combine(_dir, "photos", "a", "page.jpg"), entries[0].FullPath);
        Assert.Equal(BulkList.ResultName("photos/a/page.jpg"), entries[0].ResultName);
        Assert.Matches("^photos_a_page.jpg-[0-9a-f]{8}$", entries[0].ResultName);
        Assert.NotEqual(entries[0].ResultName, entries[1].ResultName);
    }

    [Fact]
    public void Shards_take_index_mod_n_and_together_cover_the_list_once()
    {
        var entries = Enumerable.Range(0, 11).Select(i => new BulkEntry(i, $"{i}.jpg", $"/x/{i}.jpg", $"n{i}")).ToList();
        var shards = Enumerable.Range(0, 3).Select(i => BulkList.Shard(entries, i, 3)).ToList();
        Assert.Equal([4, 4, 3], shards.Select(s => s.Count));
        Assert.Equal([2, 5, 8], shards[2].Select(e => e.Index));
        Assert.Equal(entries, shards.SelectMany(s => s).OrderBy(e => e.Index));
        Assert.Equal(entries, BulkList.Shard(entries, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkList.Shard(entries, 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkList.Shard(entries, -1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkList.Shard(entries, 0, 0));
    }

    [Fact]
    public void Result_names_are_safe_bounded_and_differ_by_path()
    {
        Assert.Equal(BulkList.ResultName("a/page.jpg"), BulkList.ResultName("a\\page.jpg"));
        Assert.NotEqual(BulkList.ResultName("a/page.jpg"), BulkList.ResultName("a_page.jpg"));
        Assert.StartsWith("_page.jpg-", BulkList.ResultName("../page.jpg"), StringComparison.Ordinal); // no hidden files: leading dots dropped
        string longName = BulkList.ResultName(new string('x', 300) + ".jpg");
        Assert.Equal(100 + 1 + 8, longName.Length);
        Assert.StartsWith("x", longName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_reads_its_images_and_writes_both_results()
    {
        string list = List(["a", "b", "c", "d", "e"]);
        var options = new BulkOptions(list, Out) { ShardIndex = 1, ShardCount = 2, Workers = 2 };
        var opened = new List<string?>();
        var result = BulkReader.Run(options, model =>
        {
            opened.Add(model);
            return Shipped(model);
        });

        Assert.Equal((2, 2, 0, 0, 2), (result.InShard, result.Done, result.Skipped, result.Failed, result.Workers));
        Assert.False(result.HasBugs);
        Assert.Null(opened[0]); // the first reader opens the model asked for, the others the one it found
        Assert.EndsWith(ModelLocator.ShippedModelName, opened[1], StringComparison.Ordinal);
        var entries = BulkList.Read(list);
        foreach (var entry in entries)
        {
            bool mine = entry.Index % 2 == 1;
            Assert.Equal(mine, File.Exists(BulkReader.JsonPath(Out, entry)));
            Assert.Equal(mine, File.Exists(BulkReader.ResultPath(Out, entry, OutputFormat.Text)));
        }

        Assert.Equal(Truth, File.ReadAllText(BulkReader.ResultPath(Out, entries[1], OutputFormat.Text)).Replace("\r", "", StringComparison.Ordinal).Trim());
        Assert.Contains("\"text\"", File.ReadAllText(BulkReader.JsonPath(Out, entries[3])), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Out, BulkReader.FailuresFolder)));
    }

    [Fact]
    public void Finished_images_are_skipped_and_half_finished_ones_read_again()
    {
        string list = List(["a", "b", "c"]);
        var options = new BulkOptions(list, Out) { Workers = 1, Format = OutputFormat.Tsv };
        Assert.Equal(3, BulkReader.Run(options, Shipped).Done);
        var entries = BulkList.Read(list);
        File.WriteAllText(BulkReader.JsonPath(Out, entries[0]), "kept");
        File.Delete(BulkReader.ResultPath(Out, entries[1], OutputFormat.Tsv)); // JSON without the TSV: not finished
        File.Delete(BulkReader.JsonPath(Out, entries[2]));

        var again = BulkReader.Run(options, Shipped);
        Assert.Equal((3, 2, 1, 0, 1), (again.InShard, again.Done, again.Skipped, again.Failed, again.Workers));
        Assert.Equal("kept", File.ReadAllText(BulkReader.JsonPath(Out, entries[0])));
        Assert.True(File.Exists(BulkReader.ResultPath(Out, entries[1], OutputFormat.Tsv)));
        Assert.True(File.Exists(BulkReader.JsonPath(Out, entries[2])));

        var third = BulkReader.Run(options with { Workers = 4 }, Shipped);
        Assert.Equal((0, 3, 1), (third.Done, third.Skipped, third.Workers)); // nothing left: one worker, never more than the images
    }

    [Fact]
    public void Failed_images_get_a_note_and_a_report_and_the_others_are_still_written()
    {
        File.WriteAllText(Path.Combine(_dir, "notes.jpg"), "this is not a photo");
        string list = List(["a", "b"], "notes.jpg", "missing/page.jpg");
        var heard = new List<BulkFailure>();
        var result = BulkReader.Run(new BulkOptions(list, Out) { Workers = 2, Format = OutputFormat.Json }, Shipped, heard.Add);

        Assert.Equal((4, 2, 0, 2), (result.InShard, result.Done, result.Skipped, result.Failed));
        Assert.False(result.HasBugs);
        Assert.Equal(["notes.jpg", "missing/page.jpg"], result.Failures.Select(f => f.Entry.Listed));
        Assert.Equal(result.Failures.OrderBy(f => f.Entry.Index), heard.OrderBy(f => f.Entry.Index));
        Assert.All(result.Failures, f => Assert.Null(f.NoteError));
        foreach (var failure in result.Failures)
        {
            Assert.False(failure.IsBug);
            Assert.Contains(Path.GetFileName(failure.Entry.Listed), failure.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(BulkReader.JsonPath(Out, failure.Entry)));
            Assert.Equal($"{failure.Entry.Listed}\n{failure.Message}\n", File.ReadAllText(BulkReader.FailurePath(Out, failure.Entry)));
        }

        Assert.Equal(2, Directory.GetFiles(Out, "*.json").Length);
        Assert.Empty(Directory.GetFiles(Out, "*.txt")); // --format json writes the JSON alone

        // Once the photo is there, the next run reads it and removes its note.
        var missing = result.Failures[1].Entry;
        Directory.CreateDirectory(Path.GetDirectoryName(missing.FullPath)!);
        File.Copy(Sample, missing.FullPath);
        var again = BulkReader.Run(new BulkOptions(list, Out) { Workers = 1, Format = OutputFormat.Json }, Shipped);
        Assert.Equal((1, 2, 1), (again.Done, again.Skipped, again.Failed));
        Assert.False(File.Exists(BulkReader.FailurePath(Out, missing)));
        Assert.True(File.Exists(BulkReader.JsonPath(Out, missing)));
    }

    [Fact]
    public void A_failure_that_is_not_a_file_problem_is_a_bug_and_leaves_no_half_result()
    {
        string list = List(["a"]);
        var result = BulkReader.Run(new BulkOptions(list, Out) { Workers = 1 }, _ => new PhotoReader(new Broken(), "broken"));
        var failure = Assert.Single(result.Failures);
        Assert.True(result.HasBugs);
        Assert.True(failure.IsBug);
        Assert.Equal("photos/a/page.jpg: internal error (InvalidOperationException): broken classifier", failure.Message);
        Assert.Empty(Directory.GetFiles(Out));
        Assert.True(File.Exists(BulkReader.FailurePath(Out, failure.Entry)));
    }

    [Fact]
    public void Bad_options_and_an_unreadable_list_are_refused_before_any_reader_opens()
    {
        string list = List(["a"]);
        PhotoReader Never(string? _) => throw new InvalidOperationException("opened");
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkReader.Run(new BulkOptions(list, Out) { ShardIndex = 2, ShardCount = 2 }, Never));
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkReader.Run(new BulkOptions(list, Out) { Workers = 0 }, Never));
        string none = Path.Combine(_dir, "none.txt");
        var e = Assert.Throws<IOException>(() => BulkReader.Run(new BulkOptions(none, Out), Never));
        Assert.StartsWith($"{none}: cannot read the list (", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void File_problems_are_the_three_io_exceptions()
    {
        Assert.True(BulkReader.IsFileProblem(new InvalidDataException()));
        Assert.True(BulkReader.IsFileProblem(new FileNotFoundException()));
        Assert.True(BulkReader.IsFileProblem(new UnauthorizedAccessException()));
        Assert.False(BulkReader.IsFileProblem(new InvalidOperationException()));
    }

    /// <summary>A classifier that fails the way a bug would.</summary>
    private sealed class Broken : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames { get; } = ["A", "B"];

        public float[][] Classify(IReadOnlyList<FloatImage> crops) => throw new InvalidOperationException("broken classifier");
    }
}
