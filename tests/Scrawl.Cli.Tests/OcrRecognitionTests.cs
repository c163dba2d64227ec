using Scrawl.Stress.Touching;

namespace Scrawl.Cli.Tests;

/// <summary>ocr --recognition, one photo and bulk: a word whose letters touch, which the finder reads as two blobs, is read whole.</summary>
public sealed class OcrRecognitionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-recognition-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Word 3 of the touching benchmark's overlap-0 bucket (synthetic glyphs, seed 1): ECMWAD, its letters touching.</summary>
    private string Word()
    {
        var word = TouchingBenchmark.Words([GlyphSources.Synthetic()], 1, 4, [TouchingWords.Buckets[1]]).Last();
        Assert.Equal("ECMWAD", word.Text);
        string path = Path.Combine(_dir, "word.png");
        Media.PngImage.Save(word.Image, path);
        return path;
    }

    [Fact]
    public void Recognition_and_the_default_whole_words_read_the_touching_word_that_the_finder_reads_as_blobs()
    {
        string word = Word();
        var (code, plain, err) = CliRunner.Run("ocr", word, "--whole-words", "false");
        Assert.True(code == 0, err);
        Assert.NotEqual("ECMWAD", plain.Trim());
        (code, var read, err) = CliRunner.Run("ocr", word, "--recognition");
        Assert.True(code == 0, err);
        Assert.Equal("ECMWAD", read.Trim());
    }

    [Fact]
    public void The_default_whole_words_read_touching_words_that_the_finder_reads_as_blobs()
    {
        // Words 1-5 of the touching benchmark's overlap-0 bucket (synthetic glyphs, seed 1): the finder alone reads none of them; read whole,
        // all but one at most (the shipped reader reads ECMWAD's W, whose strokes touch the A, as V).
        var words = TouchingBenchmark.Words([GlyphSources.Synthetic()], 1, 5, [TouchingWords.Buckets[1]]).ToList();
        int finder = 0, whole = 0;
        for (int i = 0; i < words.Count; i++)
        {
            string path = Path.Combine(_dir, $"word-{i}.png");
            Media.PngImage.Save(words[i].Image, path);
            var (code, plain, err) = CliRunner.Run("ocr", path, "--whole-words", "false");
            Assert.True(code == 0, err);
            (code, var read, err) = CliRunner.Run("ocr", path);
            Assert.True(code == 0, err);
            finder += plain.Trim() == words[i].Text ? 1 : 0;
            whole += read.Trim() == words[i].Text ? 1 : 0;
        }

        Assert.Equal(0, finder);
        Assert.InRange(whole, words.Count - 1, words.Count);
    }

    [Fact]
    public void Bulk_workers_each_read_with_recognition()
    {
        string word = Word();
        Directory.CreateDirectory(Path.Combine(_dir, "b"));
        File.Copy(word, Path.Combine(_dir, "b", "word.png"));
        string list = Path.Combine(_dir, "list.txt");
        File.WriteAllLines(list, ["word.png", "b/word.png"]);
        string outDir = Path.Combine(_dir, "out");
        var (code, _, err) = CliRunner.Run("ocr", "--list", list, "--out", outDir, "--workers", "2", "--recognition");
        Assert.True(code == 0, err);
        var texts = Directory.GetFiles(outDir, "*.txt").Select(f => File.ReadAllText(f).Trim()).ToList();
        Assert.Equal(["ECMWAD", "ECMWAD"], texts);
    }
}
