using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Scrawl.Tests.Shared;

namespace Scrawl.Server.Tests;

/// <summary>The API on a real server: the sample read in every format, options by query and form, classification, health, info.</summary>
public sealed class ApiTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private TestHost Host => shared.Host;

    [Fact]
    public async Task Ocr_reads_the_sample_sent_as_the_body_into_the_json_document()
    {
        using var response = await Host.PostAsync("/v1/ocr", TestHost.Sample);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var page = JsonDocument.Parse(body).RootElement;
        Assert.Equal(TestHost.Truth, TestHost.Normalize(page.GetProperty("text").GetString()!));
        Assert.Equal("upload", page.GetProperty("file").GetString());
        Assert.Equal("charmodel", page.GetProperty("model").GetString()); // the name, never the server's path
        var characters = page.GetProperty("lines").EnumerateArray().SelectMany(l => l.GetProperty("words").EnumerateArray())
            .SelectMany(w => w.GetProperty("characters").EnumerateArray()).ToList();
        Assert.Equal(TestHost.Truth.Count(c => !char.IsWhiteSpace(c)), characters.Count);
        Assert.All(characters, c =>
        {
            Assert.Equal(4, c.GetProperty("box").GetArrayLength());
            Assert.Equal(3, c.GetProperty("alternatives").GetArrayLength());
        });
    }

    [Theory]
    [InlineData("mixed", "charmodel-mixed")]
    [InlineData("auto", "charmodel-mixed")]
    [InlineData("MIXED", "charmodel-mixed")]
    public async Task Ocr_reads_mixed_case_with_the_served_mixed_case_model(string letterCase, string model)
    {
        // The sample is written in capitals: mixed-case reading must keep them capitals (auto re-reads it with the capitals model).
        var page = await OcrPage($"/v1/ocr?case={letterCase}", TestHost.Sample);
        Assert.Equal(model, page.GetProperty("model").GetString());
        Assert.Equal(TestHost.Truth, TestHost.Normalize(page.GetProperty("text").GetString()!));
    }

    [Fact]
    public async Task Ocr_in_mixed_case_turns_a_page_by_the_served_capitals_models_judgement()
    {
        // Issue #23: half-turned, this page of capitals reads well enough to the mixed-case model that it kept it upside down.
        var page = await OcrPage("/v1/ocr?case=mixed", TurnedAlphabet.Png(seed: 3, quarters: 2), "image/png");
        Assert.Equal("charmodel-mixed", page.GetProperty("model").GetString());
        Assert.Equal(180, page.GetProperty("rotation").GetInt32());
        double cer = Scrawl.Ocr.TextScore.Compute(TurnedAlphabet.Truth, TestHost.Normalize(page.GetProperty("text").GetString()!)).CharacterErrorRate;
        Assert.True(cer <= 0.05, page.GetRawText());
    }

    [Theory]
    [InlineData("txt", "text/plain")]
    [InlineData("tsv", "text/tab-separated-values")]
    [InlineData("hocr", "application/xhtml+xml")]
    [InlineData("alto", "application/xml")]
    [InlineData("page", "application/xml")]
    public async Task Ocr_answers_each_format_with_its_content_type(string format, string contentType)
    {
        using var response = await Host.PostAsync($"/v1/ocr?format={format}", TestHost.Sample);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        switch (format)
        {
            case "txt":
                Assert.Equal(TestHost.Truth, TestHost.Normalize(body));
                break;
            case "tsv":
                Assert.StartsWith("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext", body, StringComparison.Ordinal);
                Assert.Contains("\tFRIDAY", body, StringComparison.Ordinal);
                break;
            case "hocr":
                Assert.Contains(XDocument.Parse(body).Descendants(), e => (string?)e.Attribute("class") == "ocrx_word" && e.Value == "EGGS");
                break;
            default:
                Assert.Equal(format == "alto" ? "alto" : "PcGts", XDocument.Parse(body).Root!.Name.LocalName);
                break;
        }
    }

    [Fact]
    public async Task Ocr_takes_the_image_as_a_multipart_field_with_options_as_form_fields_or_query()
    {
        using var digits = await Host.PostFormAsync("/v1/ocr?format=txt", TestHost.Sample, "list.jpg", ("chars", "digits"));
        string text = await digits.Content.ReadAsStringAsync();
        Assert.True(digits.StatusCode == HttpStatusCode.OK, text);
        Assert.All(text.Where(c => !char.IsWhiteSpace(c)), c => Assert.InRange(c, '0', '9'));

        using var floor = await Host.PostFormAsync("/v1/ocr?min-conf=0.98", TestHost.Sample, "../../secret/list.jpg", ("format", "json"));
        var page = JsonDocument.Parse(await floor.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("list.jpg", page.GetProperty("file").GetString()); // only the file name's last part names the result
        var characters = page.GetProperty("lines").EnumerateArray().SelectMany(l => l.GetProperty("words").EnumerateArray())
            .SelectMany(w => w.GetProperty("characters").EnumerateArray()).ToList();
        Assert.Contains(characters, c => c.GetProperty("label").GetString() == "?");
        Assert.All(characters, c => Assert.Equal(c.GetProperty("confidence").GetDouble() < 0.98, c.GetProperty("label").GetString() == "?"));

        using var words = await Host.PostFormAsync("/v1/ocr?format=txt", TestHost.Sample, "list.jpg", ("user-words", "SHOPPING, LIST\nEGGS FRIDAY"));
        Assert.Equal(TestHost.Truth, TestHost.Normalize(await words.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/v1/ocr?min_conf=0.5", "unknown parameter 'min_conf'")]
    [InlineData("/v1/ocr?format=docx", "format 'docx': expected one of txt, json, tsv, hocr, alto, page")]
    [InlineData("/v1/ocr?min-conf=2", "min-conf '2'")]
    [InlineData("/v1/ocr?min-conf=abc", "min-conf 'abc'")]
    [InlineData("/v1/ocr?chars=%C3%A9", "chars:")]
    [InlineData("/v1/ocr?model=../../etc/passwd", "model '../../etc/passwd': not served here; the models are charmodel")]
    [InlineData("/v1/ocr?format=txt&format=json", "given 2 times")]
    [InlineData("/v1/ocr?case=lower", "case: 'lower' is not a letter case: use upper, mixed or auto")]
    [InlineData("/v1/ocr?case=mixed&model=charmodel", "case=mixed: model 'charmodel' has no lower-case classes")]
    [InlineData("/v1/classify?top=0", "top '0'")]
    [InlineData("/v1/classify?framing=tight", "framing 'tight'")]
    public async Task A_bad_parameter_is_a_400_naming_it(string path, string message)
    {
        using var response = await Host.PostAsync(path, TestHost.Sample);
        await TestHost.AssertErrorAsync(response, HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task Classify_answers_the_top_five_of_a_character_image_in_either_polarity()
    {
        // A capital L: a vertical and a horizontal bar, dark on light, with margins.
        static byte Ink(int x, int y) => (x is >= 20 and < 30 && y is >= 12 and < 70) || (x is >= 20 and < 52 && y is >= 60 and < 70) ? (byte)0 : (byte)255;
        var dark = await Classify(Png(64, 80, Ink));
        var light = await Classify(Png(64, 80, (x, y) => (byte)(255 - Ink(x, y))));
        Assert.Equal("dark-on-light", dark.GetProperty("polarity").GetString());
        Assert.Equal("light-on-dark", light.GetProperty("polarity").GetString());
        foreach (var answer in new[] { dark, light })
        {
            var top = answer.GetProperty("top").EnumerateArray().Select(t => (Label: t.GetProperty("label").GetString()!, P: t.GetProperty("probability").GetDouble())).ToList();
            Assert.Equal(5, top.Count);
            Assert.Equal(5, top.Select(t => t.Label).Distinct().Count());
            Assert.True(top.Zip(top.Skip(1)).All(p => p.First.P >= p.Second.P), "best first");
            Assert.InRange(top.Sum(t => t.P), 0.0, 1.001);
            Assert.Equal("L", top[0].Label);
        }
    }

    [Fact]
    public async Task Health_and_info_describe_the_server()
    {
        var health = await Host.HealthAsync();
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(2, health.GetProperty("workers").GetInt32());
        Assert.False(health.GetProperty("apiKeyRequired").GetBoolean());

        using var response = await Host.Client.GetAsync("/v1/info");
        var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        // Without --model: the shipped capitals model (the default), then the shipped mixed-case one.
        var models = info.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["charmodel", "charmodel-mixed"], models.Select(m => m.GetProperty("name").GetString()!));
        Assert.True(models[0].GetProperty("default").GetBoolean());
        Assert.False(models[1].GetProperty("default").GetBoolean());
        Assert.Contains("A", models[0].GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain("a", models[0].GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("a", models[1].GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["txt", "json", "tsv", "hocr", "alto", "page"], info.GetProperty("formats").EnumerateArray().Select(f => f.GetString()!));
        var limits = info.GetProperty("limits");
        Assert.Equal(2L * 1024 * 1024, limits.GetProperty("maxUploadBytes").GetInt64());
        Assert.Equal(2, limits.GetProperty("workers").GetInt32());
        Assert.Equal(16, limits.GetProperty("queue").GetInt32());
    }

    [Fact]
    public async Task Unknown_paths_and_wrong_methods_get_json_errors()
    {
        using var missing = await Host.Client.GetAsync("/v2/ocr");
        await TestHost.AssertErrorAsync(missing, HttpStatusCode.NotFound, "no such endpoint: GET /v2/ocr");
        using var wrong = await Host.Client.GetAsync("/v1/ocr");
        await TestHost.AssertErrorAsync(wrong, HttpStatusCode.MethodNotAllowed, "allowed: POST");
    }

    internal static byte[] Png(int width, int height, Func<int, int, byte> pixel)
    {
        string path = Path.Combine(Path.GetTempPath(), $"scrawl-serve-{Guid.NewGuid():N}.png");
        try
        {
            TestPng.WriteGrey(path, width, height, pixel);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The JSON page of a /v1/ocr request that must succeed (the body is the failure message otherwise).</summary>
    private async Task<JsonElement> OcrPage(string url, byte[] image, string contentType = "image/jpeg")
    {
        using var response = await Host.PostAsync(url, image, contentType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<JsonElement> Classify(byte[] png)
    {
        using var response = await Host.PostAsync("/v1/classify", png, "image/png");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
