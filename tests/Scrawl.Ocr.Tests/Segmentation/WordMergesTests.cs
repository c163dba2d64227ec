using Scrawl.Imaging;
using Scrawl.Ocr.Words;

namespace Scrawl.Ocr.Tests;

public class WordMergesTests
{
    /// <summary>A word of solid characters 20 rows tall at the given column ranges (working pixels = photo pixels).</summary>
    private static OcrWord Word(params (int Left, int Right)[] columns)
    {
        var characters = columns.Select(c =>
        {
            var box = new PixelBox(10, c.Left, 30, c.Right);
            var mask = new BinaryImage(box.Height, box.Width, [.. Enumerable.Repeat((byte)1, box.Height * box.Width)]);
            return new OcrCharacter(box, new InkCharacter(box, box, mask));
        }).ToList();
        return new OcrWord(PixelBox.Enclosing(characters.Select(c => c.Box)), characters);
    }

    private static WordCharacter Read(int left, int right) => new([1f], left, right);

    [Fact]
    public void Pieces_within_one_reader_character_are_a_run_and_letters_apart_are_not()
    {
        // Columns 0–8 and 10–18 are the two halves of a broken letter the reader reads as one (span 0–20); 30–45 is a letter of its own.
        var word = Word((0, 8), (10, 18), (30, 45));
        var first = Read(0, 20);
        var second = Read(28, 46);
        var assigned = new[] { new[] { first }, Array.Empty<WordCharacter>(), new[] { second } };
        var run = Assert.Single(WordMerges.Candidates(word, word.Box, [first, second], assigned));
        Assert.Equal((0, 2), (run.First, run.Count));
        Assert.Same(first, run.Reading);
    }

    [Fact]
    public void A_piece_given_another_reader_character_or_mostly_outside_the_span_is_not_joined()
    {
        var word = Word((0, 8), (10, 18));
        var first = Read(0, 20);
        var other = Read(12, 18);
        Assert.Empty(WordMerges.Candidates(word, word.Box, [first, other], [[first], [other]]));
        // The second piece has 2 of its 8 columns in the span (under half).
        var narrow = Read(0, 12);
        Assert.Empty(WordMerges.Candidates(word, word.Box, [narrow], [[narrow], []]));
    }

    [Fact]
    public void A_join_is_the_union_of_the_pieces_ink()
    {
        var word = Word((0, 8), (10, 18), (30, 45));
        var joined = WordMerges.Join(word, 0, 2, scale: 2, height: 100, width: 100);
        Assert.Equal(new PixelBox(10, 0, 30, 18), joined.WorkingBox);
        Assert.Equal(2 * 20 * 8, joined.InkPixels);
        Assert.Equal(new PixelBox(20, 0, 60, 36), joined.Box);
    }
}
