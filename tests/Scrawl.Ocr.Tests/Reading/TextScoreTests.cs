namespace Scrawl.Ocr.Tests;

public class TextScoreTests
{
    [Fact]
    public void Punctuation_case_and_spaces_are_ignored_for_characters()
    {
        var score = TextScore.Compute("1. MAKE A LIST\nTO DO", "1 make a list\nT0 DO!");
        Assert.Equal(1, score.CharacterErrors); // O read as 0
        Assert.Equal(14, score.Characters);
        Assert.Equal(1, score.WordErrors);
        Assert.Equal(6, score.Words);
        Assert.Equal(1, score.LinesRight);
        Assert.True(score.LineCountRight);
    }

    [Fact]
    public void Word_breaks_count_for_words_but_not_characters()
    {
        var score = TextScore.Compute("TO DO LIST", "TODO LIST");
        Assert.Equal(0, score.CharacterErrors);
        Assert.Equal(2, score.WordErrors); // TO, DO → TODO: one substitution, one deletion
        Assert.Equal(0, score.LinesRight);
    }

    [Fact]
    public void Missing_and_extra_lines_are_all_errors()
    {
        var missing = TextScore.Compute("AB\nCD", "AB");
        Assert.Equal((2, 4, 1, 2), (missing.CharacterErrors, missing.Characters, missing.WordErrors, missing.Words));
        Assert.False(missing.LineCountRight);
        var extra = TextScore.Compute("AB", "AB\n\nXYZ");
        Assert.Equal((3, 1, 2), (extra.CharacterErrors, extra.LinesRight, extra.Lines));
        Assert.Equal(1.5, extra.CharacterErrorRate, 6);
    }

    [Fact]
    public void Scores_add_up()
    {
        var total = TextScore.Compute("AB", "AC").Add(TextScore.Compute("CDEF", "CDEF"));
        Assert.Equal(1.0 / 6, total.CharacterErrorRate, 6);
        Assert.Equal((1, 2), (total.LinesRight, total.Lines));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("KITTEN", "SITTING", 3)]
    [InlineData("ABC", "", 3)]
    [InlineData("FLAW", "LAWN", 2)]
    public void Edit_distance_is_levenshtein(string a, string b, int expected) =>
        Assert.Equal(expected, TextScore.EditDistance(a.AsSpan(), b.AsSpan()));
}
