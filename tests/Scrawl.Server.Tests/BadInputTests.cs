using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Scrawl.Tests.Shared;

namespace Scrawl.Server.Tests;

/// <summary>Bad requests on a real server (uploads up to 2 MiB): each gets the right status and a JSON error naming the problem, and the server keeps serving.</summary>
public sealed class BadInputTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private TestHost Host => shared.Host;

    [Fact]
    public async Task An_empty_body_is_400()
    {
        using var response = await Host.PostAsync("/v1/ocr", []);
        await TestHost.AssertErrorAsync(response, HttpStatusCode.BadRequest, "empty request body");
        using var form = await Host.PostFormAsync("/v1/ocr", [], "empty.jpg");
        await TestHost.AssertErrorAsync(form, HttpStatusCode.BadRequest, "empty.jpg: empty file");
    }

    [Fact]
    public async Task A_truncated_photo_is_400_naming_it()
    {
        using var response = await Host.PostFormAsync("/v1/ocr", TestHost.Sample[..(TestHost.Sample.Length / 3)], "half.jpg");
        await TestHost.AssertErrorAsync(response, HttpStatusCode.BadRequest, "half.jpg: truncated or corrupt image data");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_with_or_without_a_length()
    {
        var huge = new byte[3 * 1024 * 1024];
        TestHost.Sample.CopyTo(huge, 0);
        using var sized = await Host.PostAsync("/v1/ocr", huge);
        await TestHost.AssertErrorAsync(sized, HttpStatusCode.RequestEntityTooLarge, "at most 2,097,152 bytes (2 MiB, --max-upload-mb)");

        var chunked = new StreamContent(new NoLengthStream(huge));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var streamed = await Host.Client.PostAsync("/v1/ocr", chunked);
        await TestHost.AssertErrorAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "larger than the limit");

        using var form = await Host.PostFormAsync("/v1/ocr", huge, "huge.jpg");
        await TestHost.AssertErrorAsync(form, HttpStatusCode.RequestEntityTooLarge, "--max-upload-mb");
        using var after = await Host.PostAsync("/v1/ocr?format=txt", TestHost.Sample);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode); // and the server still reads
    }

    [Theory]
    [InlineData("text/plain", "'text/plain', not an image")]
    [InlineData("application/json", "'application/json', not an image")]
    public async Task A_body_that_says_it_is_not_an_image_is_415(string type, string message)
    {
        using var response = await Host.PostAsync("/v1/ocr", Encoding.UTF8.GetBytes("{\"hello\": 1}"), type);
        await TestHost.AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, message);
    }

    [Fact]
    public async Task Bytes_that_are_no_image_format_are_415_even_when_labelled_an_image()
    {
        using var pdf = await Host.PostAsync("/v1/ocr", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n"), "image/jpeg");
        await TestHost.AssertErrorAsync(pdf, HttpStatusCode.UnsupportedMediaType, "not a JPEG, PNG, WebP, BMP or GIF image");
        using var classify = await Host.PostAsync("/v1/classify", Encoding.ASCII.GetBytes("GIF"), null);
        await TestHost.AssertErrorAsync(classify, HttpStatusCode.UnsupportedMediaType, "upload: not a JPEG");

        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestHost.Sample);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "image", "scan.pdf");
        using var typed = await Host.Client.PostAsync("/v1/ocr", form);
        await TestHost.AssertErrorAsync(typed, HttpStatusCode.UnsupportedMediaType, "the multipart field 'image' is 'application/pdf'");
    }

    [Fact]
    public async Task An_absurd_pixel_count_is_refused_before_decoding()
    {
        // A 100,000 × 100,000 PNG header (10 gigapixels) in 100 bytes: refused from the header, as the CLI refuses it.
        using var png = new MemoryStream();
        png.Write(TestPng.Signature);
        TestPng.Chunk(png, "IHDR", TestPng.Header(100_000, 100_000));
        TestPng.Chunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        TestPng.Chunk(png, "IEND", []);
        using var response = await Host.PostAsync("/v1/ocr", png.ToArray(), "image/png");
        await TestHost.AssertErrorAsync(response, HttpStatusCode.BadRequest, "too large to decode (100,000×100,000 pixels");
    }

    [Fact]
    public async Task Multipart_without_an_image_field_or_with_two_is_400()
    {
        var none = new MultipartFormDataContent { { new StringContent("txt"), "format" } };
        using var missing = await Host.Client.PostAsync("/v1/ocr", none);
        await TestHost.AssertErrorAsync(missing, HttpStatusCode.BadRequest, "without the field 'image'");

        var two = new MultipartFormDataContent { { new ByteArrayContent(TestHost.Sample), "image", "a.jpg" }, { new ByteArrayContent(TestHost.Sample), "image", "b.jpg" } };
        using var twice = await Host.Client.PostAsync("/v1/ocr", two);
        await TestHost.AssertErrorAsync(twice, HttpStatusCode.BadRequest, "two multipart fields named 'image'");
    }

    [Fact]
    public async Task Many_requests_at_once_are_each_answered_well_formed()
    {
        // 24 at once against 2 workers and 16 waiting places: every answer is the right text or a 503 with Retry-After and a JSON error.
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Host.PostAsync("/v1/ocr?format=txt", TestHost.Sample)));
        int ok = 0;
        foreach (var response in responses)
        {
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Equal(TestHost.Truth, TestHost.Normalize(await response.Content.ReadAsStringAsync()));
                    ok++;
                }
                else
                {
                    await TestHost.AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "busy");
                    Assert.True(response.Headers.RetryAfter?.Delta?.TotalSeconds >= 1, "503 carries Retry-After");
                }
            }
        }

        Assert.True(ok >= 18, $"{ok} of 24 read: at least workers + queue must be");
        await Host.WaitForHealthAsync(h => h.GetProperty("busy").GetInt32() == 0 && h.GetProperty("waiting").GetInt32() == 0, "the queue is empty again");
    }

    /// <summary>A stream whose length HttpClient cannot know, so the body goes chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
