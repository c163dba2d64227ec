using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl ocr's output formats, --out, folders, standard input, and the character options, end to end.</summary>
public sealed partial class OcrFormatsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-formats-").FullName;

    private static string Sample => Reading.ModelLocator.FindRepositoryFile(Path.Combine("samples", "sample-page.jpg"))
        ?? throw new FileNotFoundException("samples/sample-page.jpg not found");

    private static string Truth => File.ReadAllText(Path.ChangeExtension(Sample, ".txt")).Replace("\r", "", StringComparison.Ordinal).Trim();

    private static string ReferenceModel => Reading.ModelLocator.FindRepositoryFile(Path.Combine("shared", "models", "nist36-mlp-reference.npz"))
        ?? throw new FileNotFoundException("shared/models/nist36-mlp-reference.npz not found");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("txt", "txt")]
    [InlineData("json", "json")]
    [InlineData("tsv", "tsv")]
    [InlineData("hocr", "hocr")]
    [InlineData("alto", "alto.xml")]
    [InlineData("page", "page.xml")]
    public void Each_format_goes_to_stdout_or_to_one_file_per_image_with_out(string format, string extension)
    {
        var (code, printed, err) = CliRunner.Run("ocr", Sample, "--format", format);
        Assert.True(code == 0, err);
        string outDir = Path.Combine(_dir, "out");
        var (fileCode, nothing, fileErr) = CliRunner.Run("ocr", Sample, "--format", format, "--out", outDir);
        Assert.True(fileCode == 0, fileErr);
        Assert.Empty(nothing);
        string file = Assert.Single(Directory.GetFiles(outDir));
        Assert.Equal($"sample-page.{extension}", Path.GetFileName(file));
        Assert.Equal(WithoutTimes(printed), WithoutTimes(File.ReadAllText(file)));
        if (format is "hocr" or "alto" or "page")
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            var doc = XDocument.Load(reader);
            Assert.Contains("SHOPPING", format == "hocr" ? doc.Root!.Value : doc.ToString(), StringComparison.Ordinal); // hOCR: the word's text is its characters' spans
        }
        else if (format == "txt")
        {
            Assert.Equal(Truth, printed.Trim());
        }
        else if (format == "tsv")
        {
            Assert.StartsWith("level\tpage_num\tblock_num", printed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_folder_is_read_in_sorted_order_and_standard_input_as_dash()
    {
        string photos = Path.Combine(_dir, "photos");
        Directory.CreateDirectory(photos);
        File.Copy(Sample, Path.Combine(photos, "b.jpg"));
        File.Copy(Sample, Path.Combine(photos, "a.jpg"));
        File.WriteAllText(Path.Combine(photos, "notes.txt"), "not an image");
        var (code, output, err) = CliRunner.RunWithInput(File.ReadAllBytes(Sample), "ocr", photos, "-");
        Assert.True(code == 0, err);
        var headers = output.Split('\n').Where(l => l.StartsWith("== ", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"== {Path.Combine(photos, "a.jpg")} ==", $"== {Path.Combine(photos, "b.jpg")} ==", "== stdin =="], headers);
        Assert.Equal(Truth, output[(output.IndexOf("== stdin ==", StringComparison.Ordinal) + 12)..].Trim());
    }

    [Fact]
    public void Usage_errors_are_one_line_and_exit_2_before_anything_is_read_or_written()
    {
        foreach (string[] args in new[]
        {
            new[] { "ocr", "--jsn", Sample },
            ["ocr", Sample, Sample, "--format", "alto"],
            ["ocr", Sample, Path.Combine(_dir, "x", "sample-page.png"), "--out", Path.Combine(_dir, "out")],
            ["ocr", Sample, "--format", "pdf"],
            ["ocr", Sample, "--format", "tsv", "--json"],
            ["ocr", Sample, "--chars", "AB-"],
            ["ocr", Sample, "--min-conf", "2"],
            ["ocrr", Sample],
            ["ocr", Sample, "--shard", "0/2"],
        })
        {
            var (code, output, err) = CliRunner.Run(args);
            Assert.True(code == 2, $"{string.Join(" ", args)}: exit {code}, {err}");
            Assert.Empty(output);
            Assert.Single(err.TrimEnd().Split('\n'));
            Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
        }

        Assert.Contains("unknown option '--jsn'", CliRunner.Run("ocr", "--jsn", Sample).Err, StringComparison.Ordinal);
        Assert.Contains("'ocrr'", CliRunner.Run("ocrr", Sample).Err, StringComparison.Ordinal);
        Assert.Contains("--chars", CliRunner.Run("ocr", Sample, "--chars", "AB-").Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fifo_and_a_link_to_dev_zero_are_refused_at_once_naming_them()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string fifo = Path.Combine(_dir, "pipe.jpg"), zero = Path.Combine(_dir, "zero.png");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        File.CreateSymbolicLink(zero, "/dev/zero");
        var (code, output, err) = CliRunner.Run("ocr", fifo, zero, Sample);
        Assert.Equal(2, code);
        Assert.Equal(Truth, output[(output.IndexOf("sample-page.jpg ==", StringComparison.Ordinal) + 18)..].Trim());
        Assert.Contains($"{fifo}: a FIFO", err, StringComparison.Ordinal);
        Assert.Contains($"{zero}: a character device", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Chars_digits_writes_nothing_but_digits_and_min_conf_marks_exactly_the_unsure_characters()
    {
        var (code, output, err) = CliRunner.Run("ocr", Sample, "--chars", "digits");
        Assert.True(code == 0, err);
        Assert.Matches("^[0-9 \n]+$", output.Trim());
        (code, output, err) = CliRunner.Run("ocr", Sample, "--json", "--min-conf", "0.9");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var characters = json.RootElement.GetProperty("lines").EnumerateArray().SelectMany(l => l.GetProperty("words").EnumerateArray())
            .SelectMany(w => w.GetProperty("characters").EnumerateArray()).ToList();
        Assert.Contains(characters, c => c.GetProperty("label").GetString() == "?");
        Assert.All(characters, c => Assert.Equal(c.GetProperty("confidence").GetDouble() < 0.9, c.GetProperty("label").GetString() == "?"));
    }

    [Fact]
    public void User_words_put_right_words_the_reference_model_misreads()
    {
        string words = Path.Combine(_dir, "words.txt");
        File.WriteAllLines(words, Truth.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Distinct());
        var truthWords = Truth.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        int Right(string text) => text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Zip(truthWords).Count(p => p.First == p.Second);
        // The reference MLP alone (read whole, with the word reader's vote, it reads this sample exactly).
        var (_, plain, _) = CliRunner.Run("ocr", Sample, "--model", ReferenceModel, "--whole-words", "false");
        var (code, snapped, err) = CliRunner.Run("ocr", Sample, "--model", ReferenceModel, "--whole-words", "false", "--user-words", words);
        Assert.True(code == 0, err);
        Assert.True(Right(snapped) > Right(plain), $"{Right(snapped)} vs {Right(plain)} words right:\n{snapped}\nvs\n{plain}");
    }

    [Fact]
    public void Ocr_eval_prints_a_reliability_table_before_the_overall_line()
    {
        string photos = Path.Combine(_dir, "eval");
        Directory.CreateDirectory(photos);
        File.Copy(Sample, Path.Combine(photos, "page.jpg"));
        File.Copy(Path.ChangeExtension(Sample, ".txt"), Path.Combine(photos, "page.txt"));
        var (code, output, err) = CliRunner.Run("ocr-eval", photos);
        Assert.True(code == 0, err);
        var lines = output.TrimEnd().Split('\n');
        int characters = Truth.Count(char.IsAsciiLetterOrDigit);
        Assert.Contains($"reliability: {characters} characters aligned to the truth", lines);
        var bins = lines.Select(l => BinRow().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(6, bins.Count);
        Assert.Equal(characters, bins.Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(characters, bins.Sum(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))); // the shipped model reads the sample exactly
        Assert.Matches(@"^  expected calibration error \(10 equal bins\): 0\.\d{4}$", lines[^2]);
        Assert.StartsWith("overall: ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Bulk_mode_writes_the_format_beside_the_json_and_a_new_format_is_added_on_a_rerun()
    {
        string list = Path.Combine(_dir, "list.txt"), outDir = Path.Combine(_dir, "bulk");
        File.Copy(Sample, Path.Combine(_dir, "page.jpg"));
        File.WriteAllText(list, "page.jpg\n");
        Assert.Equal(0, CliRunner.Run("ocr", "--list", list, "--out", outDir, "--format", "hocr").Code);
        Assert.Equal(2, Directory.GetFiles(outDir, "page.jpg-*").Length);
        var (_, again, _) = CliRunner.Run("ocr", "--list", list, "--out", outDir, "--format", "hocr");
        Assert.Contains("0 done, 1 skipped", again, StringComparison.Ordinal);
        var (_, tsv, _) = CliRunner.Run("ocr", "--list", list, "--out", outDir, "--format", "tsv");
        Assert.Contains("1 done, 0 skipped", tsv, StringComparison.Ordinal);
        Assert.Equal([".hocr", ".json", ".tsv"], Directory.GetFiles(outDir, "page.jpg-*").Select(Path.GetExtension).Order());
    }

    [Fact]
    public void Help_lists_deep_and_the_ocr_options()
    {
        Assert.Contains("  deep ", CliRunner.Run("--help").Out, StringComparison.Ordinal);
        string help = CliRunner.Run("ocr", "--help").Out;
        foreach (string option in new[] { "--format", "--out", "--chars", "--user-words", "--min-conf", "--list", "--annotate" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }
    }

    private static string WithoutTimes(string text) => Times().Replace(text, "");

    [GeneratedRegex(@"<(Created|LastChange)>[^<]*</\1>")]
    private static partial Regex Times();

    [GeneratedRegex(@"^  \d\.\d\d–\d\.\d\d\s+(\d+)\s+(\d+)\s")]
    private static partial Regex BinRow();
}
