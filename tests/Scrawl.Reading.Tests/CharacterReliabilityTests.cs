using Scrawl.Ocr;

namespace Scrawl.Reading.Tests;

public class CharacterReliabilityTests
{
    private static OcrResult Read(params (string Word, double[] Confidences)[][] lines) => new(100, 100, [.. lines.Select(words =>
        new ReadLine(new PixelBox(0, 0, 10, 10), [.. words.Select(w => new ReadWord(new PixelBox(0, 0, 10, 10),
            [.. w.Word.Select((c, i) => new ReadCharacter(new PixelBox(0, i, 10, i + 1), c.ToString(), w.Confidences[i], c.ToString(), w.Confidences[i]))]))]))]);

    [Fact]
    public void An_alignment_marks_matched_characters_right_and_substitutions_and_insertions_wrong()
    {
        Assert.Equal([true, true, true, true], CharacterReliability.Matched("HELLO", "HELO"));
        Assert.Equal([true, false, true], CharacterReliability.Matched("CAT", "C4T"));
        Assert.Equal([true, true, false, true], CharacterReliability.Matched("CAT", "CAXT"));
        Assert.Equal([false, false], CharacterReliability.Matched("", "AB"));
    }

    [Fact]
    public void Characters_are_counted_per_bin_against_the_truth_and_spurious_lines_are_wrong()
    {
        var reliability = new CharacterReliability();
        var read = Read(
            [("C4T", [0.99, 0.6, 0.97])],
            [("ZZ", [0.3, 0.2])], // a spurious line: both wrong
            [("D0G", [0.995, 0.85, 1.0])]);
        reliability.Add(read, "CAT\nDOG\n");
        Assert.Equal(8, reliability.Count);
        var bins = reliability.Bins();
        Assert.Equal([2, 1, 1, 0, 1, 3], bins.Select(b => b.Count));
        Assert.Equal([0, 0, 0, 0, 1, 3], bins.Select(b => b.Correct));
        Assert.Equal(1.0, bins[^1].Accuracy);
        Assert.Equal((0.99 + 0.995 + 1.0) / 3, bins[^1].MeanConfidence, 12);
        Assert.Throws<ArgumentException>(() => reliability.Bins([0, 0.5]));
    }
}
