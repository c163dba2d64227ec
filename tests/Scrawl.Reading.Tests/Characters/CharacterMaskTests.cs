using Scrawl.Numerics;
using Scrawl.Ocr;
using Scrawl.Reading.Characters;
using Scrawl.Reading.Tests.Formats;

namespace Scrawl.Reading.Tests.Characters;

public class CharacterMaskTests
{
    private static readonly string[] Classes = [.. "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".Select(c => c.ToString())];

    private static IEnumerable<string> Images()
    {
        yield return FormatFixture.Sample;
        string? shared = ModelLocator.FindRepositoryFile(Path.Combine("shared", "images", "01_list.jpg"));
        if (shared is not null)
        {
            yield return shared;
        }
    }

    [Fact]
    public void Masking_zeroes_every_other_class_and_renormalises_the_rest()
    {
        var random = new SeededRandom(5);
        var allowed = Classes.Select((_, i) => i % 3 == 0).ToArray();
        for (int trial = 0; trial < 200; trial++)
        {
            var p = Classes.Select(_ => (float)random.NextDouble()).ToArray();
            float total = p.Sum();
            for (int c = 0; c < p.Length; c++)
            {
                p[c] /= total;
            }

            var before = (float[])p.Clone();
            MaskedClassifier.Mask(p, allowed);
            double kept = before.Where((_, c) => allowed[c]).Sum(v => (double)v);
            for (int c = 0; c < p.Length; c++)
            {
                Assert.Equal(allowed[c] ? before[c] / kept : 0, p[c], 1e-6);
            }

            Assert.Equal(1, p.Sum(v => (double)v), 1e-5);
        }
    }

    [Fact]
    public void When_the_classifier_gives_the_set_nothing_the_set_is_uniform()
    {
        var p = new float[] { 0.7f, 0.3f, 0, 0 };
        MaskedClassifier.Mask(p, [false, false, true, true]);
        Assert.Equal([0f, 0f, 0.5f, 0.5f], p);
    }

    [Theory]
    [InlineData("digits", "0123456789")]
    [InlineData("letters", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    [InlineData("alnum", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    [InlineData("AEIOU", "AEIOU")]
    [InlineData("0 1 X", "01X")]
    [InlineData("7", "7")]
    public void Nothing_outside_the_set_is_ever_written_on_real_photos(string spec, string expected)
    {
        using var reader = PhotoReader.Open(characters: new CharacterOptions { AllowedCharacters = spec });
        foreach (string image in Images())
        {
            var page = reader.Read(image);
            Assert.NotEmpty(page.Result.Characters);
            Assert.All(page.Result.Characters, c =>
            {
                Assert.Contains(c.Label, expected, StringComparison.Ordinal);
                Assert.Contains(c.TopLabel, expected, StringComparison.Ordinal);
                Assert.All(c.Probabilities, g => Assert.Contains(g.Label, expected, StringComparison.Ordinal));
            });
        }
    }

    [Fact]
    public void A_digits_mask_reads_a_page_of_letters_as_digits_only_while_the_full_model_does_not()
    {
        using var full = PhotoReader.Open();
        using var digits = PhotoReader.Open(characters: new CharacterOptions { AllowedCharacters = "digits" });
        var letters = full.Read(FormatFixture.Sample).Result.Characters.Count(c => char.IsAsciiLetter(c.Label[0]));
        Assert.True(letters > 10, $"{letters} letters"); // the mask has real work to do on this page
        Assert.All(digits.Read(FormatFixture.Sample).Result.Characters, c => Assert.True(char.IsAsciiDigit(c.Label[0]), c.Label));
    }

    [Fact]
    public void Labels_a_decoder_put_outside_the_set_are_replaced_by_the_most_probable_allowed_class()
    {
        var stub = new StubClassifier(Classes);
        var control = new CharacterControl(stub, new CharacterOptions { AllowedCharacters = "0123" });
        var character = new ReadCharacter(new PixelBox(0, 0, 2, 2), "O", 0.6, "O", 0.6) { Probabilities = [new("O", 0.6), new("Q", 0.2), new("0", 0.15), new("3", 0.05)] };
        var result = new OcrResult(2, 2, [new ReadLine(character.Box, [new ReadWord(character.Box, [character])])]);
        var read = Assert.Single(control.Apply(result).Characters);
        Assert.Equal(("0", 0.15), (read.Label, read.Confidence));
    }

    [Fact]
    public void A_set_the_model_cannot_write_is_refused_naming_the_characters()
    {
        var stub = new StubClassifier(Classes);
        var e = Assert.Throws<ArgumentException>(() => new CharacterControl(stub, new CharacterOptions { AllowedCharacters = "AB-c" }));
        Assert.Contains("'-', 'c'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new CharacterControl(new StubClassifier(["A", "B"]), new CharacterOptions { AllowedCharacters = "digits" }));
        Assert.Equal(10, CharacterSet.Allowed("digits", Classes).Count(a => a));
        Assert.Equal(26, CharacterSet.Allowed("LETTERS", Classes).Count(a => a)); // the model has no lower case: the preset takes what it has
    }

    /// <summary>A classifier that is never asked to classify: only its class names matter.</summary>
    internal sealed class StubClassifier(IReadOnlyList<string> names) : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames => names;

        public float[][] Classify(IReadOnlyList<Scrawl.Imaging.FloatImage> crops) => throw new InvalidOperationException("not used");
    }
}
