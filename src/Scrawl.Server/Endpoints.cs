using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Scrawl.Media;
using Scrawl.Reading.Characters;
using Scrawl.Reading.Formats;

namespace Scrawl.Server;

/// <summary>What the endpoints share: the options, the models, the workers, whether a key is needed, the page's files.</summary>
/// <param name="Options">The server's options.</param>
/// <param name="Catalog">The models clients may choose.</param>
/// <param name="Queue">The workers and their queue.</param>
/// <param name="KeyRequired">True when an API key is set.</param>
/// <param name="Assets">The page, its script and style, the OpenAPI document.</param>
internal sealed record ServerState(ServerOptions Options, ModelCatalog Catalog, WorkQueue Queue, bool KeyRequired, StaticAssets Assets)
{
    /// <summary>The server's version (the assembly's informational version).</summary>
    public static string Version { get; } = typeof(ServerState).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>When the server started (UTC).</summary>
    public DateTime StartedUtc { get; } = DateTime.UtcNow;
}

/// <summary>The routes: <c>/v1/ocr</c>, <c>/v1/classify</c>, <c>/v1/health</c>, <c>/v1/info</c>, <c>/openapi.json</c> and the page.</summary>
internal static class Endpoints
{
    /// <summary>Maps every route of the server onto <paramref name="app"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, ServerState state)
    {
        app.MapPost("/v1/ocr", context => OcrAsync(context, state));
        app.MapPost("/v1/classify", context => ClassifyAsync(context, state));
        app.MapGet("/v1/health", context => WriteJsonAsync(context, Health(state), ServerJson.Plain.HealthAnswer));
        app.MapGet("/v1/info", context => WriteJsonAsync(context, Info(state), ServerJson.Plain.InfoAnswer));
        foreach (var asset in state.Assets.Paths)
        {
            app.MapMethods(asset, ["GET", "HEAD"], context => state.Assets.ServeAsync(context, asset));
        }
    }

    private static async Task OcrAsync(HttpContext context, ServerState state)
    {
        string body = await WithinLimitsAsync(context, state, async (slot, cancel) =>
        {
            var upload = await Uploads.ReadAsync(context.Request, state.Options.MaxUploadBytes, cancel).ConfigureAwait(false);
            var request = OcrRequest.Parse(RequestFields.From(context.Request.Query, upload.Form, OcrRequest.Names), state.Catalog);
            Readings.CheckFormat(upload.Image, upload.Name);
            context.Response.ContentType = OcrRequest.ContentType(request.Format);
            return await state.Queue.RunAsync(slot, c => Readings.Ocr(c, request, upload.Image, upload.Name), cancel).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await WriteAsync(context, System.Text.Encoding.UTF8.GetBytes(body), context.Response.ContentType!).ConfigureAwait(false);
    }

    private static async Task ClassifyAsync(HttpContext context, ServerState state)
    {
        var answer = await WithinLimitsAsync(context, state, async (slot, cancel) =>
        {
            var upload = await Uploads.ReadAsync(context.Request, state.Options.MaxUploadBytes, cancel).ConfigureAwait(false);
            var request = ClassifyRequest.Parse(RequestFields.From(context.Request.Query, upload.Form, ClassifyRequest.Names), state.Catalog);
            Readings.CheckFormat(upload.Image, upload.Name);
            return await state.Queue.RunAsync(slot, c => Readings.Classify(c, request, upload.Image, upload.Name), cancel).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await WriteJsonAsync(context, answer, ServerJson.Plain.CharacterAnswer).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes a queue slot (503 with Retry-After when none is free) and runs <paramref name="work"/> under the request's time limit and the client's
    /// presence; past the limit, 503 with Retry-After.
    /// </summary>
    private static async Task<T> WithinLimitsAsync<T>(HttpContext context, ServerState state, Func<WorkQueue.Slot, CancellationToken, Task<T>> work)
    {
        var queue = state.Queue;
        using var slot = queue.TryAdmit() ?? throw new ApiException(StatusCodes.Status503ServiceUnavailable,
            $"busy: all {queue.Workers} workers and {queue.QueueLength} queue places are taken; retry after {queue.RetryAfterSeconds} s.", queue.RetryAfterSeconds);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        limit.CancelAfter(state.Options.RequestTimeout);
        try
        {
            return await work(slot, limit.Token).WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable,
                $"not finished within the {state.Options.RequestTimeoutSeconds:0.#} s time limit of a request (--request-timeout); the server is busy or the photo is very large.", queue.RetryAfterSeconds);
        }
    }

    private static HealthAnswer Health(ServerState state) => new(
        "ok", ServerState.Version, Math.Round((DateTime.UtcNow - state.StartedUtc).TotalSeconds, 1), state.Queue.Workers, state.Queue.Busy,
        state.Queue.Waiting, state.Queue.QueueLength, state.Queue.Served, state.Queue.Rejected, state.Queue.Skipped, state.KeyRequired);

    private static InfoAnswer Info(ServerState state) => new(
        "scrawl", ServerState.Version,
        [.. state.Catalog.Models.Select(m => new ModelInfo(m.Name, ReferenceEquals(m, state.Catalog.Default), m.ClassNames))],
        OutputFormats.Names, [.. CharacterSet.Presets.Keys.Order(StringComparer.Ordinal)], ["grey", "ocr"],
        new LimitsInfo(state.Options.MaxUploadBytes, PhotoLoader.MaxDecodedPixels, state.Options.MaxConcurrency, state.Options.QueueLength,
            state.Options.RequestTimeoutSeconds, OcrRequest.MaxUserWords),
        state.KeyRequired);

    private static Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type) =>
        WriteAsync(context, JsonSerializer.SerializeToUtf8Bytes(value, type), "application/json; charset=utf-8");

    private static async Task WriteAsync(HttpContext context, byte[] body, string contentType)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
