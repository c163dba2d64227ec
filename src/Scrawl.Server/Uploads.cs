using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Scrawl.Server;

/// <summary>An image sent to the server and the form fields that came with it.</summary>
/// <param name="Image">The encoded image (at least one byte).</param>
/// <param name="Name">What results and errors call it: the multipart file name (its last path part), else <c>upload</c>.</param>
/// <param name="Form">Multipart fields other than <c>image</c>, by name (empty for a raw body).</param>
internal sealed record Upload(byte[] Image, string Name, IReadOnlyDictionary<string, string> Form);

/// <summary>
/// Reads an image from a request, bounded: the raw body (Content-Type <c>image/*</c>, <c>application/octet-stream</c> or none) or the
/// multipart/form-data field <c>image</c> beside at most <see cref="MaxFields"/> text fields of at most <see cref="MaxFieldBytes"/> each.
/// Refusals are <see cref="ApiException"/>s: 413 over the size limit, 415 for a type that is not an image, 400 for an empty or malformed body.
/// </summary>
internal static class Uploads
{
    /// <summary>The largest multipart text field (1 MiB: a long user-words list).</summary>
    public const int MaxFieldBytes = 1024 * 1024;

    /// <summary>The most multipart text fields.</summary>
    public const int MaxFields = 16;

    /// <summary>What Kestrel lets through beyond the image limit: the fields and multipart framing.</summary>
    public const long FormAllowanceBytes = (MaxFields + 1L) * MaxFieldBytes;

    /// <summary>The name of an image sent without a file name.</summary>
    public const string DefaultName = "upload";

    /// <summary>Reads the image (at most <paramref name="maxImageBytes"/> bytes) and fields of <paramref name="request"/>.</summary>
    public static async Task<Upload> ReadAsync(HttpRequest request, long maxImageBytes, CancellationToken cancel)
    {
        string? type = request.ContentType;
        if (type is not null && MediaTypeHeaderValue.TryParse(type, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadMultipartAsync(request, media, maxImageBytes, cancel).ConfigureAwait(false);
        }

        CheckImageType(type, "the request body");
        if (request.ContentLength > maxImageBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxImageBytes);
        }

        byte[] image = await ReadLimitedAsync(request.Body, maxImageBytes, () => TooLarge(null, maxImageBytes), cancel).ConfigureAwait(false);
        return image.Length > 0
            ? new Upload(image, DefaultName, new Dictionary<string, string>())
            : throw ApiException.BadRequest("empty request body: send the image as the body (Content-Type image/jpeg, image/png, …) or as the multipart/form-data field 'image'.");
    }

    private static async Task<Upload> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue media, long maxImageBytes, CancellationToken cancel)
    {
        string boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value ?? "";
        if (boundary.Length is 0 or > 200)
        {
            throw ApiException.BadRequest("multipart/form-data without a valid boundary parameter.");
        }

        if (request.ContentLength > maxImageBytes + FormAllowanceBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxImageBytes);
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[]? image = null;
        string name = DefaultName;
        try
        {
            for (var section = await reader.ReadNextSectionAsync(cancel).ConfigureAwait(false); section is not null; section = await reader.ReadNextSectionAsync(cancel).ConfigureAwait(false))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || disposition.Name.Value is not { Length: > 0 } raw)
                {
                    throw ApiException.BadRequest("a multipart section without a Content-Disposition name.");
                }

                string field = HeaderUtilities.RemoveQuotes(raw).Value!;
                if (field == "image")
                {
                    if (image is not null)
                    {
                        throw ApiException.BadRequest("two multipart fields named 'image': send one image a request.");
                    }

                    CheckImageType(section.ContentType, "the multipart field 'image'");
                    image = await ReadLimitedAsync(section.Body, maxImageBytes, () => TooLarge(null, maxImageBytes), cancel).ConfigureAwait(false);
                    name = CleanName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                    continue;
                }

                if (fields.ContainsKey(field) || fields.Count >= MaxFields)
                {
                    throw ApiException.BadRequest(fields.ContainsKey(field) ? $"the multipart field '{field}' is given twice." : $"more than {MaxFields} multipart fields.");
                }

                byte[] text = await ReadLimitedAsync(section.Body, MaxFieldBytes, () => new ApiException(413, $"the multipart field '{field}' is larger than {MaxFieldBytes / 1024} KiB."), cancel).ConfigureAwait(false);
                fields[field] = Encoding.UTF8.GetString(text);
            }
        }
        catch (InvalidDataException e)
        {
            throw ApiException.BadRequest($"malformed multipart/form-data body ({e.Message}).");
        }
        catch (IOException e) when (e.InnerException is not OperationCanceledException && e is not Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            throw ApiException.BadRequest($"the multipart/form-data body ended early ({e.Message}).");
        }

        return image switch
        {
            null => throw ApiException.BadRequest("multipart/form-data without the field 'image': send the photo as the field 'image'."),
            { Length: 0 } => throw ApiException.BadRequest($"{name}: empty file (0 bytes), not an image."),
            _ => new Upload(image, name, fields),
        };
    }

    /// <summary>415 unless <paramref name="contentType"/> is absent, <c>image/*</c> or <c>application/octet-stream</c>.</summary>
    private static void CheckImageType(string? contentType, string what)
    {
        if (contentType is null)
        {
            return;
        }

        string type = MediaTypeHeaderValue.TryParse(contentType, out var media) ? media.MediaType.Value ?? "" : contentType;
        if (!type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType,
                $"{what} is '{type}', not an image: send image/jpeg, image/png, image/webp, image/bmp or image/gif (or application/octet-stream), or multipart/form-data with the field 'image'.");
        }
    }

    /// <summary>All of <paramref name="stream"/>, or the exception of <paramref name="tooLarge"/> as soon as it passes <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]> ReadLimitedAsync(Stream stream, long limit, Func<Exception> tooLarge, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        for (int got; (got = await stream.ReadAsync(chunk, cancel).ConfigureAwait(false)) > 0;)
        {
            if (buffer.Length + got > limit)
            {
                throw tooLarge();
            }

            buffer.Write(chunk, 0, got);
        }

        return buffer.ToArray();
    }

    private static ApiException TooLarge(long? bytes, long limit) => new(StatusCodes.Status413PayloadTooLarge,
        $"the image is {(bytes is { } b ? $"{b:N0} bytes" : "larger than the limit")}; at most {limit:N0} bytes ({limit / (1024 * 1024)} MiB, --max-upload-mb) are accepted.");

    /// <summary>The last path part of a client's file name, control characters dropped, at most 100 characters; <see cref="DefaultName"/> when nothing is left.</summary>
    internal static string CleanName(string? fileName)
    {
        string last = (fileName ?? "").Split('/', '\\').Last();
        string clean = new([.. last.Where(c => !char.IsControl(c)).Take(100)]);
        return clean.Trim() is { Length: > 0 } name and not "." and not ".." ? name : DefaultName;
    }
}
