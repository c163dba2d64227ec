using System.Globalization;
using System.Text.Json;

namespace Scrawl.Ocr;

/// <summary>
/// The classifier contract a model file carries in its metadata, read and written only here: the class names
/// (key <c>classes</c>, a JSON array in output order), the input convention (key <c>input</c>: "scrawl" or
/// "nist36"; absent means "scrawl") and an optional softmax temperature for calibration (key <c>temperature</c>,
/// written only when set). Other metadata keys (run settings, recipes) belong to whoever trained the model.
/// </summary>
/// <param name="Classes">The class names in output order: at least one, none empty.</param>
/// <param name="Input">How crops must be laid out for the network.</param>
/// <param name="Temperature">Calibration: logits are divided by it before the softmax (finite, &gt; 0); null when uncalibrated.</param>
public sealed record ClassifierMetadata(IReadOnlyList<string> Classes, CropConvention Input = CropConvention.Scrawl, double? Temperature = null)
{
    /// <summary>The metadata key of the class names (a JSON array of strings).</summary>
    public const string ClassesKey = "classes";

    /// <summary>The metadata key of the input convention ("scrawl" or "nist36").</summary>
    public const string InputKey = "input";

    /// <summary>The metadata key of the optional calibration temperature (invariant "R" format, &gt; 0).</summary>
    public const string TemperatureKey = "temperature";

    /// <summary>
    /// A new metadata dictionary holding this contract first (classes, input, then temperature when set), so callers
    /// add their own keys after it and model files keep their key order.
    /// </summary>
    public Dictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>
        {
            [ClassesKey] = JsonSerializer.Serialize(Classes, OcrJson.Default.IReadOnlyListString),
            [InputKey] = InputName(Input),
        };
        if (Temperature is { } t)
        {
            metadata[TemperatureKey] = t.ToString("R", CultureInfo.InvariantCulture);
        }

        return metadata;
    }

    /// <summary>
    /// Reads the contract from <paramref name="metadata"/>; <paramref name="sourceName"/> names the model in errors.
    /// Without a <c>classes</c> key the classes are "0".."n−1" when <paramref name="unnamedClasses"/> (≥ 1) is given,
    /// else it is an <see cref="InvalidDataException"/>, as are malformed classes, an unknown input convention or a bad temperature.
    /// </summary>
    public static ClassifierMetadata Read(IReadOnlyDictionary<string, string> metadata, string sourceName, int? unnamedClasses = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        IReadOnlyList<string> classes;
        if (metadata.TryGetValue(ClassesKey, out string? json))
        {
            classes = ParseClasses(json, sourceName);
        }
        else if (unnamedClasses is > 0 and int n)
        {
            classes = [.. Enumerable.Range(0, n).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        }
        else
        {
            throw new InvalidDataException($"{sourceName}: the model's metadata has no '{ClassesKey}' list, so its outputs cannot be named.");
        }

        string input = metadata.TryGetValue(InputKey, out string? value) ? value : InputName(CropConvention.Scrawl);
        var convention = input switch
        {
            "scrawl" => CropConvention.Scrawl,
            "nist36" => CropConvention.Nist36,
            _ => throw new InvalidDataException($"{sourceName}: unknown input convention '{input}' (known: scrawl, nist36)."),
        };
        double? temperature = null;
        if (metadata.TryGetValue(TemperatureKey, out string? text))
        {
            temperature = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) && double.IsFinite(t) && t > 0
                ? t
                : throw new InvalidDataException($"{sourceName}: the metadata '{TemperatureKey}' must be a finite number > 0, got '{text}'.");
        }

        return new ClassifierMetadata(classes, convention, temperature);
    }

    /// <summary>The metadata value of a convention: "scrawl" or "nist36".</summary>
    public static string InputName(CropConvention convention) => convention switch
    {
        CropConvention.Scrawl => "scrawl",
        CropConvention.Nist36 => "nist36",
        _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, "unknown crop convention"),
    };

    /// <summary>
    /// The class names of a JSON array of strings. Read with <see cref="JsonDocument"/>, not the reflection serializer: this runs
    /// on every model load, and the serializer's first use costs a process tens of milliseconds of start-up (converters compiled
    /// at run time, dynamic methods emitted) for one small array.
    /// </summary>
    private static string[] ParseClasses(string json, string sourceName)
    {
        string[] classes;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                classes = [];
            }
            else if (root.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{sourceName}: the metadata '{ClassesKey}' is not a JSON array of names (a JSON {root.ValueKind}).");
            }
            else
            {
                classes = new string[root.GetArrayLength()];
                int i = 0;
                foreach (var element in root.EnumerateArray())
                {
                    classes[i++] = element.GetString()!; // null for a JSON null: refused below as an empty name
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: an element that is not a string (GetString on a number, array or object).
            throw new InvalidDataException($"{sourceName}: the metadata '{ClassesKey}' is not a JSON array of names ({e.Message}).", e);
        }

        if (classes.Length == 0 || Array.Exists(classes, string.IsNullOrEmpty))
        {
            throw new InvalidDataException($"{sourceName}: the metadata '{ClassesKey}' is empty or has empty names.");
        }

        return classes;
    }
}
