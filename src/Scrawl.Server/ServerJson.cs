using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scrawl.Server;

/// <summary>
/// The JSON bodies the server writes, with serializers generated at compile time (no reflection, so the server works trimmed and
/// compiled ahead of time): camelCase names; written as read, quotes, apostrophes and non-ASCII letters unescaped (the bodies are
/// application/json, never embedded in HTML).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(CharacterAnswer))]
[JsonSerializable(typeof(HealthAnswer))]
[JsonSerializable(typeof(InfoAnswer))]
internal sealed partial class ServerJson : JsonSerializerContext
{
    /// <summary>The serializers with the server's options (relaxed escaping).</summary>
    public static ServerJson Plain { get; } = new(new JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    });
}

/// <summary>The answer of <c>/v1/health</c>: the server's state and counters.</summary>
internal sealed record HealthAnswer(string Status, string Version, double UptimeSeconds, int Workers, int Busy, int Waiting, int Queue,
    long Served, long Rejected, long Skipped, bool ApiKeyRequired);

/// <summary>The answer of <c>/v1/info</c>: the models, formats, character sets, framings and limits a client may use.</summary>
internal sealed record InfoAnswer(string Name, string Version, ModelInfo[] Models, IReadOnlyList<string> Formats, string[] CharSets, string[] Framings,
    LimitsInfo Limits, bool ApiKeyRequired);

/// <summary>One model in <c>/v1/info</c>.</summary>
internal sealed record ModelInfo(string Name, bool Default, IReadOnlyList<string> Classes);

/// <summary>The limits in <c>/v1/info</c>.</summary>
internal sealed record LimitsInfo(long MaxUploadBytes, long MaxPixels, int Workers, int Queue, double RequestTimeoutSeconds, int MaxUserWords);
