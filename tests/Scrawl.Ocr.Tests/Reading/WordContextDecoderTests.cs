namespace Scrawl.Ocr.Tests;

/// <summary>Context decoding with synthetic probability vectors over a 36-class A–Z, 0–9 model (and a permuted one).</summary>
public class WordContextDecoderTests
{
    private static readonly string[] Classes = [.. Enumerable.Range(0, 26).Select(i => ((char)('A' + i)).ToString()), .. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>A probability vector over <paramref name="classes"/>: the given symbols with their probabilities, the rest shared evenly.</summary>
    private static float[] P(string[] classes, params (char Symbol, float P)[] top)
    {
        float rest = (1f - top.Sum(t => t.P)) / (classes.Length - top.Length);
        var p = Enumerable.Repeat(rest, classes.Length).ToArray();
        foreach (var (symbol, value) in top)
        {
            p[Array.IndexOf(classes, symbol.ToString())] = value;
        }

        return p;
    }

    private static float[] P(params (char Symbol, float P)[] top) => P(Classes, top);

    private static string Read(string[] classes, params float[][][] words)
    {
        var chosen = WordContextDecoder.DecodeLine(words, WordContextDecoder.Kinds(classes));
        return string.Join(" ", chosen.Select(w => string.Concat(w.Select(i => classes[i]))));
    }

    private static string Read(params float[][][] words) => Read(Classes, words);

    [Fact]
    public void A_word_of_letters_reads_its_ambiguous_character_as_a_letter()
    {
        // "T0": the O/0 glyph leans to 0 on its own, but T is a confident letter.
        var word = new[] { P(('T', 0.9f)), P(('0', 0.55f), ('O', 0.4f)) };
        Assert.Equal("TO", Read(word));
        Assert.Equal("T0", string.Concat(word.Select(p => Classes[Array.IndexOf(p, p.Max())]))); // top-1 alone is wrong
    }

    [Fact]
    public void A_word_of_digits_reads_its_ambiguous_characters_as_digits()
    {
        // "2O1" with O/0 and I/1 ambiguous, leaning to letters.
        var word = new[] { P(('2', 0.9f)), P(('O', 0.5f), ('0', 0.45f)), P(('I', 0.5f), ('1', 0.45f)), P(('7', 0.8f)) };
        Assert.Equal("2017", Read(word));
    }

    [Fact]
    public void A_confident_mixed_word_keeps_its_top_1()
    {
        var word = new[] { P(('B', 0.999f), ('8', 0.0001f)), P(('2', 0.999f), ('Z', 0.0001f)) };
        Assert.Equal("B2", Read(word));
    }

    [Fact]
    public void A_list_number_before_letter_words_stays_a_digit()
    {
        // "1 MAKE A LIST": the "1" leans to 1 and the lone "A" to A; neither is forced by the letter words around it.
        var line = new[]
        {
            new[] { P(('1', 0.6f), ('I', 0.35f)) },
            "MAKE".Select(c => P((c, 0.9f))).ToArray(),
            new[] { P(('A', 0.6f), ('4', 0.35f)) },
            "LIST".Select(c => P((c, 0.9f))).ToArray(),
        };
        Assert.Equal("1 MAKE A LIST", Read(line));
    }

    [Fact]
    public void A_run_of_single_characters_is_decided_together()
    {
        // "1 2 3 4 5 6" with the 1 leaning to I and the 5 to S; "A B C D" with the B leaning to 8.
        var digits = new[]
        {
            new[] { P(('I', 0.6f), ('1', 0.35f)) }, new[] { P(('2', 0.9f)) }, new[] { P(('3', 0.9f)) },
            new[] { P(('4', 0.9f)) }, new[] { P(('S', 0.6f), ('5', 0.35f)) }, new[] { P(('6', 0.9f)) },
        };
        Assert.Equal("1 2 3 4 5 6", Read(digits));
        var letters = new[] { new[] { P(('A', 0.9f)) }, new[] { P(('8', 0.6f), ('B', 0.35f)) }, new[] { P(('C', 0.9f)) }, new[] { P(('D', 0.9f)) } };
        Assert.Equal("A B C D", Read(letters));
    }

    [Fact]
    public void Class_order_comes_from_the_class_names()
    {
        string[] permuted = [.. Classes.Reverse()]; // 9…0 then Z…A
        var word = new[] { P(permuted, ('T', 0.9f)), P(permuted, ('0', 0.55f), ('O', 0.4f)) };
        Assert.Equal("TO", Read(permuted, word));
    }

    [Fact]
    public void Kinds_are_single_letters_single_digits_or_other()
    {
        Assert.Equal([SymbolKind.Letter, SymbolKind.Letter, SymbolKind.Digit, SymbolKind.Other, SymbolKind.Other], WordContextDecoder.Kinds(["A", "q", "7", "?", "AB"]));
        Assert.True(WordContextDecoder.LetterLogOdds([P(('O', 0.6f), ('0', 0.3f))], WordContextDecoder.Kinds(Classes)) > 0);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WordContextDecoder.DecodeWord([P(('A', 0.9f))], WordContextDecoder.Kinds(Classes), 0, new WordContextOptions { SwitchProbability = 0 }));
        Assert.Throws<ArgumentException>(() => WordContextDecoder.DecodeWord([new float[3]], WordContextDecoder.Kinds(Classes), 0));
    }
}
