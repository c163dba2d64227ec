using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Scrawl.Reading;

namespace Scrawl.Server;

/// <summary>
/// The optional API key: read from a file at start, sent by clients as <c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>, and compared
/// in constant time (SHA-256 of both sides, then <see cref="CryptographicOperations.FixedTimeEquals"/>), so neither its content nor its length leaks through timing.
/// </summary>
internal sealed class ApiKey
{
    /// <summary>The largest key file read (64 KiB).</summary>
    public const long MaxFileBytes = 64 * 1024;

    private readonly byte[] hash;

    private ApiKey(string key) => hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// The key in the first line of <paramref name="path"/> (trimmed), or null when <paramref name="path"/> is null; <see cref="InvalidDataException"/> or
    /// <see cref="FileNotFoundException"/> naming the file when it is missing, not a regular file, too large or holds no key.
    /// </summary>
    public static ApiKey? Load(string? path)
    {
        if (path is null)
        {
            return null;
        }

        InputFiles.CheckRegularFile(path, MaxFileBytes);
        string key = File.ReadLines(path, Encoding.UTF8).FirstOrDefault()?.Trim() ?? "";
        return key.Length > 0 ? new ApiKey(key) : throw new InvalidDataException($"{path}: holds no API key; put the key on its first line.");
    }

    /// <summary>True when <paramref name="request"/> carries this key.</summary>
    public bool Accepts(HttpRequest request)
    {
        string? given = Given(request);
        return given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), hash);
    }

    /// <summary>The key a request sends: the token of <c>Authorization: Bearer …</c>, else the <c>X-Api-Key</c> header; null when neither.</summary>
    private static string? Given(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        string? header = request.Headers["X-Api-Key"];
        return header?.Trim();
    }
}
