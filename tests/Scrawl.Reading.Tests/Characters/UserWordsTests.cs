using Scrawl.Ocr;
using Scrawl.Reading.Characters;

namespace Scrawl.Reading.Tests.Characters;

public class UserWordsTests
{
    private static readonly string[] Classes = [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".Select(c => c.ToString())];

    /// <summary>A word whose characters have the given (label, probability) guesses, most probable first; the label is the first guess.</summary>
    private static ReadWord Word(params (string Label, double P)[][] characters) =>
        new(new PixelBox(0, 0, 10, 10 * characters.Length), [.. characters.Select((g, i) =>
            new ReadCharacter(new PixelBox(0, 10 * i, 10, (10 * i) + 10), g[0].Label, g[0].P, g[0].Label, g[0].P) { Probabilities = [.. g.Select(x => new CharacterGuess(x.Label, x.P))] })]);

    [Fact]
    public void A_word_snaps_to_a_close_entry_taking_its_letters_and_their_probabilities()
    {
        // "CAT" read as "C4T": the entry CAT costs ln(0.9 / 0.05) = 2.9 nats < ln(100) = 4.6.
        var word = Word([("C", 0.95)], [("4", 0.9), ("A", 0.05)], [("T", 0.99)]);
        var snapped = new UserWords(["DOG", "CAT"], Classes, 0.01).Snap(word);
        Assert.Equal("CAT", snapped.Text);
        Assert.Equal(0.05, snapped.Characters[1].Confidence);
        Assert.Equal(0.05, snapped.Confidence);
        Assert.Same(word.Characters[0], snapped.Characters[0]);
    }

    [Fact]
    public void A_far_entry_is_not_taken_and_the_boundary_is_the_ratio()
    {
        var word = Word([("C", 0.95)], [("4", 0.9), ("A", 0.008)], [("T", 0.99)]);
        Assert.Equal("C4T", new UserWords(["CAT"], Classes, 0.01).Snap(word).Text); // 0.008 / 0.9 = 0.0089 < 0.01
        Assert.Equal("CAT", new UserWords(["CAT"], Classes, 0.0088).Snap(word).Text); // just within a looser ratio
        Assert.Equal("C4T", new UserWords(["CAB", "CART"], Classes, 1e-9).Snap(word).Text); // B has probability 0; CART is longer
    }

    [Fact]
    public void The_entry_the_probabilities_favour_wins_and_case_folds_to_the_models_classes()
    {
        var word = Word([("5", 0.6), ("S", 0.3), ("B", 0.1)], [("0", 0.5), ("O", 0.4), ("D", 0.1)]);
        Assert.Equal("SO", new UserWords(["bd", "so", "Sd"], Classes, 0.01).Snap(word).Text); // 0.3·0.4 > 0.3·0.1 > 0.1·0.1
    }

    [Fact]
    public void Entries_with_characters_outside_the_set_never_win_when_the_set_is_masked()
    {
        using var reader = PhotoReader.Open(characters: new CharacterOptions { AllowedCharacters = "digits", UserWords = ["HELLO", "12345"] });
        Assert.All(reader.Read(Formats.FormatFixture.Sample).Result.Characters, c => Assert.True(char.IsAsciiDigit(c.Label[0]), c.Label));
    }

    [Fact]
    public void Characters_below_the_floor_are_written_as_question_marks()
    {
        var word = Word([("C", 0.95)], [("4", 0.4), ("A", 0.3)], [("T", 0.99)]);
        var result = new OcrResult(10, 30, [new ReadLine(word.Box, [word])]);
        var control = new CharacterControl(new CharacterMaskTests.StubClassifier(Classes), new CharacterOptions { MinConfidence = 0.5 });
        var read = control.Apply(result);
        Assert.Equal("C?T", read.Text);
        Assert.Equal(0.4, read.Lines[0].Words[0].Confidence);
        Assert.Equal("C4T", new CharacterControl(new CharacterMaskTests.StubClassifier(Classes), new CharacterOptions { MinConfidence = 0.4 }).Apply(result).Text);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CharacterControl(new CharacterMaskTests.StubClassifier(Classes), new CharacterOptions { MinConfidence = 1.5 }));
    }

    [Fact]
    public void The_word_file_is_one_word_a_line_and_a_bad_line_is_named()
    {
        string dir = Directory.CreateTempSubdirectory("scrawl-words-").FullName;
        string good = Path.Combine(dir, "words.txt"), bad = Path.Combine(dir, "bad.txt");
        File.WriteAllText(good, "  HELLO \n\nWORLD\r\n");
        File.WriteAllText(bad, "ONE\nTWO WORDS\n");
        Assert.Equal(["HELLO", "WORLD"], UserWords.Load(good));
        var e = Assert.Throws<InvalidDataException>(() => UserWords.Load(bad));
        Assert.StartsWith($"{bad}: line 2:", e.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => UserWords.Load(Path.Combine(dir, "none.txt")));
        Directory.Delete(dir, recursive: true);
    }
}
