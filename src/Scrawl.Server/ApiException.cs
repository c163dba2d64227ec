using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Scrawl.Server;

/// <summary>A request the server refuses: the HTTP status and the message of its JSON body <c>{ "error": "…" }</c>.</summary>
internal sealed class ApiException : Exception
{
    /// <summary>A refusal with <paramref name="status"/> (4xx or 5xx) and <paramref name="message"/>; <paramref name="retryAfterSeconds"/> adds a Retry-After header.</summary>
    public ApiException(int status, string message, int? retryAfterSeconds = null)
        : base(message)
    {
        Status = status;
        RetryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>Seconds for the Retry-After header, or null for none.</summary>
    public int? RetryAfterSeconds { get; }

    /// <summary>400: the request is malformed or an option is out of range.</summary>
    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}

/// <summary>Writes the one error shape every refusal has: <c>{ "error": "…" }</c>, <c>application/json</c>.</summary>
internal static class ApiErrors
{
    /// <summary>The JSON body of an error with <paramref name="message"/>.</summary>
    public static byte[] Body(string message) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = message }, ServerJson.Plain.DictionaryStringString);

    /// <summary>Answers <paramref name="context"/> with <paramref name="status"/> and the error body (nothing when the response has started).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string message, int? retryAfterSeconds = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.Clear();
        response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        byte[] body = Body(message);
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
