using Scrawl.Ocr;
using Scrawl.Reading.Tests.Formats;

namespace Scrawl.Reading.Tests;

/// <summary>What a capitals reader does when no reading settings are given: every word read again whole by the shipped word reader.</summary>
public class DefaultReadingTests
{
    [Fact]
    public void A_reader_opened_without_settings_reads_whole_words_and_explicit_settings_are_kept()
    {
        using var reader = PhotoReader.Open();
        Assert.NotNull(reader.Options.Words);
        Assert.NotNull(reader.Options.Words!.Check);
        Assert.True(reader.Options.Words.Reader.ClassNames.ToHashSet().SetEquals(reader.Classifier.ClassNames));
        using var finder = PhotoReader.Open(options: new PageReadingOptions());
        Assert.Null(finder.Options.Words);
        using var upper = PhotoReader.ForCase(LetterCase.Upper, ModelLocator.OpenClassifier(ModelLocator.ShippedModelPath()), "capitals");
        Assert.NotNull(upper.Options.Words);
    }

    [Fact]
    public void A_model_with_other_classes_than_the_word_reader_reads_without_it()
    {
        var mixed = ModelLocator.OpenClassifier(ModelLocator.ShippedModelPath(ModelLocator.ShippedMixedModelName));
        Assert.Null(ModelLocator.DefaultReading(mixed));
        using var reader = new PhotoReader(mixed, "mixed-as-upper", ModelLocator.DefaultReading(mixed));
        Assert.Null(reader.Options.Words);
    }

    [Fact]
    public void The_default_reads_the_sample_exactly_as_the_finder_alone_does()
    {
        using var words = PhotoReader.Open();
        using var finder = PhotoReader.Open(options: new PageReadingOptions());
        string expected = File.ReadAllText(Path.ChangeExtension(FormatFixture.Sample, ".txt")).TrimEnd();
        Assert.Equal(expected, words.Read(FormatFixture.Sample).Text.TrimEnd());
        Assert.Equal(expected, finder.Read(FormatFixture.Sample).Text.TrimEnd());
    }
}
