using Scrawl.Data.Images;
using Scrawl.Media;

namespace Scrawl.Ocr.Tests;

/// <summary>
/// Segmentation of the two real photos in ../shared/images against their ground truth (one text line per
/// line; punctuation is not written, so "1." is the character "1"): line count, characters and words per line.
/// </summary>
public class RealPhotoTests
{
    [Theory]
    [InlineData("01_list")]
    [InlineData("02_letters")]
    public void Lines_characters_and_words_match_the_ground_truth(string name)
    {
        string folder = SharedImages();
        string[] truth = [.. File.ReadAllLines(Path.Combine(folder, name + ".txt")).Where(l => l.Trim().Length > 0)];
        var decoded = new SkiaImageDecoder().Decode(Path.Combine(folder, name + ".jpg"), new DecodeRequest(ColorMode.Grey));
        var page = PageSegmenter.Segment(decoded);

        string found = string.Join("\n", page.Lines.Select(l => string.Join(" ", l.Words.Select(w => new string('x', w.Characters.Count)))));
        string expected = string.Join("\n", truth.Select(l => string.Join(" ", l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new string('x', w.Length)))));
        Assert.True(found == expected, $"{name}: words per line (x = one character) differ.\nexpected:\n{expected}\nfound:\n{found}");
    }

    /// <summary>The first shared/images folder above the test assembly; fails (does not skip) when missing.</summary>
    private static string SharedImages()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "images");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"No shared/images folder above {AppContext.BaseDirectory}: these tests need the real photos beside the repository (../shared/images).");
        return "";
    }
}
