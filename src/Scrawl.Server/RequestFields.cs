using System.Globalization;
using Microsoft.AspNetCore.Http;
using Scrawl.Ocr;
using Scrawl.Reading;
using Scrawl.Reading.Characters;
using Scrawl.Reading.Formats;

namespace Scrawl.Server;

/// <summary>
/// A request's options: query parameters and multipart fields together, each given at most once, every name one the endpoint knows
/// (a misspelt <c>min_conf</c> is refused naming the valid ones rather than ignored).
/// </summary>
internal sealed class RequestFields
{
    private readonly Dictionary<string, string> values;

    private RequestFields(Dictionary<string, string> values) => this.values = values;

    /// <summary>The options of <paramref name="query"/> and <paramref name="form"/>; 400 for a name outside <paramref name="known"/> or one given twice.</summary>
    public static RequestFields From(IQueryCollection query, IReadOnlyDictionary<string, string> form, IReadOnlyList<string> known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, given) in query.Select(q => (q.Key, q.Value)))
        {
            if (given.Count != 1)
            {
                throw ApiException.BadRequest($"the parameter '{name}' is given {given.Count} times; give it once.");
            }

            values[name] = given[0] ?? "";
        }

        foreach (var (name, value) in form)
        {
            if (!values.TryAdd(name, value))
            {
                throw ApiException.BadRequest($"the parameter '{name}' is given both in the query and as a form field; give it once.");
            }
        }

        foreach (string name in values.Keys)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw ApiException.BadRequest($"unknown parameter '{name}'; this endpoint takes {string.Join(", ", known)}.");
            }
        }

        return new RequestFields(values);
    }

    /// <summary>The value of <paramref name="name"/>, or null when it is not given (an empty value counts as not given).</summary>
    public string? Get(string name) => values.TryGetValue(name, out string? v) && v.Trim().Length > 0 ? v.Trim() : null;
}

/// <summary>What <c>POST /v1/ocr</c> was asked for: the model, the output format and the character options (checked against the model's classes).</summary>
/// <param name="Model">The model to read with.</param>
/// <param name="Format">The document to answer with.</param>
/// <param name="Characters">The character set, user words and confidence floor.</param>
/// <param name="Case">How letter case is read (the CLI's <c>--case</c>).</param>
/// <param name="Capitals">For <see cref="LetterCase.Mixed"/> and <see cref="LetterCase.Auto"/>: the capitals model that decides which way up the page is (and for auto re-reads pages that come out as capitals); null for upper case, or mixed when none is served.</param>
internal sealed record OcrRequest(ServedModel Model, OutputFormat Format, CharacterOptions Characters, LetterCase Case = LetterCase.Upper, ServedModel? Capitals = null)
{
    /// <summary>The parameters <c>/v1/ocr</c> takes: the CLI's option names without the dashes, and <c>model</c> (a served model's name).</summary>
    public static IReadOnlyList<string> Names { get; } = ["format", "chars", "min-conf", "user-words", "case", "model"];

    /// <summary>The most user words one request may give.</summary>
    public const int MaxUserWords = 100_000;

    /// <summary>The request in <paramref name="fields"/>; 400 naming the first bad parameter.</summary>
    public static OcrRequest Parse(RequestFields fields, ModelCatalog catalog)
    {
        var letterCase = LetterCase.Upper;
        if (fields.Get("case") is { } caseName)
        {
            try
            {
                letterCase = LetterCases.Parse(caseName);
            }
            catch (ArgumentException e)
            {
                throw ApiException.BadRequest($"case: {e.Message}");
            }
        }

        var (model, capitals) = catalog.ForCase(letterCase, fields.Get("model"));
        var format = OutputFormat.Json;
        if (fields.Get("format") is { } name)
        {
            format = OutputFormats.Names.Contains(name, StringComparer.OrdinalIgnoreCase)
                ? OutputFormats.Parse(name)
                : throw ApiException.BadRequest($"format '{name}': expected one of {string.Join(", ", OutputFormats.Names)}.");
        }

        double floor = 0;
        if (fields.Get("min-conf") is { } conf && !(double.TryParse(conf, NumberStyles.Float, CultureInfo.InvariantCulture, out floor) && floor is >= 0 and <= 1))
        {
            throw ApiException.BadRequest($"min-conf '{conf}': must be a number between 0 and 1.");
        }

        string? chars = fields.Get("chars");
        if (chars is not null)
        {
            try
            {
                _ = CharacterSet.Allowed(chars, model.ClassNames);
            }
            catch (ArgumentException e)
            {
                throw ApiException.BadRequest($"chars: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        var words = fields.Get("user-words")?.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words?.Length > MaxUserWords)
        {
            throw ApiException.BadRequest($"user-words: {words.Length:N0} words; at most {MaxUserWords:N0}.");
        }

        return new OcrRequest(model, format, new CharacterOptions { AllowedCharacters = chars, UserWords = words, MinConfidence = floor }, letterCase, capitals);
    }

    /// <summary>The Content-Type of a document in <paramref name="format"/>.</summary>
    public static string ContentType(OutputFormat format) => format switch
    {
        OutputFormat.Text => "text/plain; charset=utf-8",
        OutputFormat.Json => "application/json; charset=utf-8",
        OutputFormat.Tsv => "text/tab-separated-values; charset=utf-8",
        OutputFormat.Hocr => "application/xhtml+xml; charset=utf-8",
        _ => "application/xml; charset=utf-8",
    };
}

/// <summary>What <c>POST /v1/classify</c> was asked for: the model, how many classes and how the image is framed.</summary>
/// <param name="Model">The model to classify with.</param>
/// <param name="Top">How many classes to answer with (1 to the model's class count).</param>
/// <param name="Framing">How the image becomes the model's input.</param>
internal sealed record ClassifyRequest(ServedModel Model, int Top, CharacterFraming Framing)
{
    /// <summary>The parameters <c>/v1/classify</c> takes (the CLI's <c>classify</c> options).</summary>
    public static IReadOnlyList<string> Names { get; } = ["model", "top", "framing"];

    /// <summary>The request in <paramref name="fields"/>; 400 naming the first bad parameter.</summary>
    public static ClassifyRequest Parse(RequestFields fields, ModelCatalog catalog)
    {
        var model = catalog.Find(fields.Get("model"));
        int top = 5;
        if (fields.Get("top") is { } given && !(int.TryParse(given, NumberStyles.Integer, CultureInfo.InvariantCulture, out top) && top >= 1 && top <= model.ClassNames.Count))
        {
            throw ApiException.BadRequest($"top '{given}': must be a whole number from 1 to {model.ClassNames.Count} (the model's classes).");
        }

        var framing = fields.Get("framing") switch
        {
            null => CharacterFraming.Grey,
            var f when f.Equals("grey", StringComparison.OrdinalIgnoreCase) => CharacterFraming.Grey,
            var f when f.Equals("ocr", StringComparison.OrdinalIgnoreCase) => CharacterFraming.Ocr,
            var f => throw ApiException.BadRequest($"framing '{f}': expected grey or ocr."),
        };
        return new ClassifyRequest(model, top, framing);
    }
}
