using System.Net;
using Scrawl.Stress.Touching;

namespace Scrawl.Server.Tests;

/// <summary>The server reads capitals as the command line does by default: every word again whole, so letters that touch are counted.</summary>
public sealed class WholeWordsTests(SharedHost shared) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task A_word_whose_letters_touch_is_read_whole_on_every_request()
    {
        // Word 6 of the touching benchmark's overlap-0 bucket (synthetic glyphs, seed 1): the finder alone reads its blobs as UM.
        var word = TouchingBenchmark.Words([GlyphSources.Synthetic()], 1, 6, [TouchingWords.Buckets[1]]).Last();
        Assert.Equal("CASOKF", word.Text);
        string path = Path.Combine(Path.GetTempPath(), $"scrawl-server-word-{Guid.NewGuid():N}.png");
        try
        {
            Media.PngImage.Save(word.Image, path);
            byte[] png = await File.ReadAllBytesAsync(path);
            for (int i = 0; i < 2; i++)
            {
                using var response = await shared.Host.PostAsync("/v1/ocr?format=txt", png, "image/png");
                string body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, body);
                Assert.Equal("CASOKF", body.Trim());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
