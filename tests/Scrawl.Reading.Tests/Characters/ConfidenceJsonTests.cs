using System.Text.Json;
using Scrawl.Reading.Tests.Formats;

namespace Scrawl.Reading.Tests.Characters;

[Collection(FormatCollection.Name)]
public class ConfidenceJsonTests(FormatFixture fixture)
{
    [Fact]
    public void Every_character_lists_its_three_most_probable_classes_and_a_word_is_as_sure_as_its_weakest_character()
    {
        var words = fixture.Json.RootElement.GetProperty("lines").EnumerateArray().SelectMany(l => l.GetProperty("words").EnumerateArray()).ToList();
        Assert.NotEmpty(words);
        foreach (var word in words)
        {
            var characters = word.GetProperty("characters").EnumerateArray().ToList();
            Assert.Equal(characters.Min(c => c.GetProperty("confidence").GetDouble()), word.GetProperty("confidence").GetDouble());
            foreach (var c in characters)
            {
                var alternatives = c.GetProperty("alternatives").EnumerateArray().ToList();
                Assert.Equal(3, alternatives.Count);
                Assert.Equal(c.GetProperty("top_label").GetString(), alternatives[0].GetProperty("label").GetString());
                Assert.Equal(c.GetProperty("top_confidence").GetDouble(), alternatives[0].GetProperty("confidence").GetDouble());
                var p = alternatives.Select(a => a.GetProperty("confidence").GetDouble()).ToList();
                Assert.True(p[0] >= p[1] && p[1] >= p[2] && p.Sum() <= 1.0001, string.Join(", ", p));
                Assert.Equal(3, alternatives.Select(a => a.GetProperty("label").GetString()).Distinct().Count());
            }
        }

        Assert.Equal(JsonValueKind.Array, fixture.Json.RootElement.GetProperty("lines").ValueKind);
    }
}
