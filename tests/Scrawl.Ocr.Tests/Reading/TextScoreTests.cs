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

    [Fact]
    public void One_spurious_first_line_costs_only_its_own_characters()
    {
        var score = TextScore.Compute("SHOPPING LIST\nBUY EGGS\nCALL BOB", "MMZ\nSHOPPING LIST\nBUY EGGS\nCALL BOB");
        Assert.Equal(3, score.CharacterErrors); // M, M, Z
        Assert.Equal(1, score.WordErrors);
        Assert.Equal((1, 0), (score.SpuriousLines, score.MissingLines));
        Assert.Equal((3, 4), (score.LinesRight, score.Lines));
    }

    [Fact]
    public void One_missing_middle_line_costs_only_its_own_characters()
    {
        var score = TextScore.Compute("SHOPPING LIST\nBUY EGGS\nCALL BOB", "SHOPPING LIST\nCALL BOB");
        Assert.Equal(7, score.CharacterErrors); // BUYEGGS
        Assert.Equal(2, score.WordErrors);
        Assert.Equal((0, 1), (score.SpuriousLines, score.MissingLines));
        Assert.Equal((2, 3), (score.LinesRight, score.Lines));
    }

    [Fact]
    public void Misread_lines_pair_with_their_truth_rather_than_counting_twice()
    {
        var score = TextScore.Compute("HELLO\nWORLD", "HELL0\nW0RLD");
        Assert.Equal(2, score.CharacterErrors);
        Assert.Equal((0, 0), (score.SpuriousLines, score.MissingLines));
    }

    [Fact]
    public void Swapped_lines_cost_what_either_alignment_costs_and_prefer_pairing()
    {
        var score = TextScore.Compute("AB\nCD", "CD\nAB");
        Assert.Equal(4, score.CharacterErrors);
        Assert.Equal((0, 0), (score.SpuriousLines, score.MissingLines));
        var longer = TextScore.Compute("ABCDEFGH\nXY", "XY\nABCDEFGH");
        Assert.Equal(4, longer.CharacterErrors); // XY missing + XY spurious beats pairing (8 + 8)
        Assert.Equal((1, 1), (longer.SpuriousLines, longer.MissingLines));
        Assert.Equal(1, longer.LinesRight);
    }

    [Fact]
    public void Empty_output_misses_every_line_and_empty_truth_makes_every_line_spurious()
    {
        var empty = TextScore.Compute("AB\nCDE", "");
        Assert.Equal((5, 5, 0, 2), (empty.CharacterErrors, empty.Characters, empty.SpuriousLines, empty.MissingLines));
        Assert.Equal(1.0, empty.CharacterErrorRate, 6);
        var noTruth = TextScore.Compute("", "XY\nZ");
        Assert.Equal((3, 0, 2, 0), (noTruth.CharacterErrors, noTruth.Characters, noTruth.SpuriousLines, noTruth.MissingLines));
        Assert.True(double.IsPositiveInfinity(noTruth.CharacterErrorRate));
        Assert.Equal(0, TextScore.Compute("", "").CharacterErrors);
    }

    [Fact]
    public void Spurious_and_missing_counts_add_up()
    {
        var total = TextScore.Compute("AB", "X\nAB").Add(TextScore.Compute("AB\nCD", "AB"));
        Assert.Equal((1, 1), (total.SpuriousLines, total.MissingLines));
    }
}

/// <summary>Case-sensitive and case-folded scoring.</summary>
public class CaseScoringTests
{
    [Fact]
    public void Sensitive_scoring_counts_case_errors_and_folded_does_not()
    {
        Assert.Equal(0, TextScore.Compute("Hello world", "HELLO WORLD", CaseScoring.Folded).CharacterErrors);
        var sensitive = TextScore.Compute("Hello world", "HELLO WORLD", CaseScoring.Sensitive);
        Assert.Equal((9, 10), (sensitive.CharacterErrors, sensitive.Characters));
        Assert.Equal(0, TextScore.Compute("Hello, world!", "Hello world", CaseScoring.Sensitive).CharacterErrors); // punctuation ignored in both
        Assert.Equal("aB3", TextScore.Reduce("a-B 3", CaseScoring.Sensitive));
    }
}
