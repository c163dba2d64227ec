using System.Text.Json;
using Scrawl.Imaging;
using Scrawl.Numerics.Formats;
using Scrawl.Ocr;

namespace Scrawl.Reading;

/// <summary>
/// <c>--model deep:FILE</c>: a TorchSharp model (model.pt + model.json from <c>scrawl deep train</c>) used as the OCR
/// classifier without loading libtorch here. Each <see cref="Classify"/> call (one per page) writes the crops to a
/// temporary .npy, runs <c>scrawl-deep classify</c> as a child process and reads the probabilities back; the class
/// names come from model.json. The cost is one process start and libtorch load per page (about a second or two).
/// </summary>
internal sealed class DeepProcessClassifier : ICharacterClassifier
{
    private readonly string _model;
    private readonly string _program;

    private DeepProcessClassifier(string model, IReadOnlyList<string> classNames, string program)
    {
        _model = model;
        ClassNames = classNames;
        _program = program;
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Opens <paramref name="spec"/> (<c>deep:FILE</c>); <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> name what is missing or wrong.</summary>
    public static DeepProcessClassifier Open(string spec)
    {
        string file = spec[CharacterModels.DeepPrefix.Length..];
        if (file.Length == 0)
        {
            throw new InvalidDataException($"{spec}: name the model after 'deep:', e.g. deep:runs/deep-train/model.pt.");
        }

        string model = Path.GetFullPath(file);
        string json = Path.ChangeExtension(model, ".json");
        if (!File.Exists(model))
        {
            throw new FileNotFoundException($"{spec}: no such model file ({model}); train one with './scrawl deep train --out DIR' and pass deep:DIR/model.pt.", model);
        }

        if (!File.Exists(json))
        {
            throw new FileNotFoundException($"{spec}: the model's description {json} is missing (deep train writes it beside model.pt).", json);
        }

        return new DeepProcessClassifier(model, ReadClassNames(spec, json), DeepProgram.Find());
    }

    /// <inheritdoc/>
    public float[][] Classify(IReadOnlyList<FloatImage> crops)
    {
        ArgumentNullException.ThrowIfNull(crops);
        if (crops.Count == 0)
        {
            return [];
        }

        const int side = NetworkClassifier.Side;
        var pixels = new float[crops.Count * side * side];
        for (int i = 0; i < crops.Count; i++)
        {
            var crop = crops[i];
            if (crop.Channels != 1 || crop.Height != side || crop.Width != side)
            {
                throw new ArgumentException($"Crop {i} is {crop.Height}×{crop.Width}×{crop.Channels}; the classifier takes {side}×{side} grey crops.", nameof(crops));
            }

            crop.Pixels.AsSpan().CopyTo(pixels.AsSpan(i * side * side, side * side));
        }

        string dir = Directory.CreateTempSubdirectory("scrawl-deep-ocr-").FullName;
        try
        {
            string input = Path.Combine(dir, "crops.npy"), output = Path.Combine(dir, "probabilities.npy");
            using (var stream = File.Create(input))
            {
                NpyWriter.Write(stream, pixels, crops.Count, side, side);
            }

            RunProgram(["classify", "--model", _model, "--crops", input, "--out", output]);
            return ReadProbabilities(output, crops.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private float[][] ReadProbabilities(string path, int count)
    {
        var array = NpyReader.Read(path);
        if (array.Shape.Count != 2 || array.Shape[0] != count || array.Shape[1] != ClassNames.Count)
        {
            throw new DeepProgramException($"{_program}: returned probabilities [{array.ShapeText}], expected [{count}, {ClassNames.Count}].");
        }

        var rows = new float[count][];
        for (int i = 0; i < count; i++)
        {
            rows[i] = array.Data.AsSpan(i * ClassNames.Count, ClassNames.Count).ToArray();
        }

        return rows;
    }

    private void RunProgram(IEnumerable<string> arguments)
    {
        var stderr = new StringWriter();
        int code = DeepProgram.Run(_program, arguments, TextWriter.Null, stderr);
        if (code != 0)
        {
            string reason = stderr.ToString().Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? $"exit code {code}";
            throw new DeepProgramException($"deep model {_model}: scrawl-deep classify failed: {reason}");
        }
    }

    private static string[] ReadClassNames(string spec, string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("Classes", out var classes) && classes.ValueKind == JsonValueKind.Array)
            {
                string[] names = [.. classes.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : "")];
                if (names.Length > 0 && names.All(n => n.Length > 0))
                {
                    return names;
                }
            }
        }
        catch (JsonException)
        {
            // Reported below, as for a description without classes.
        }

        throw new InvalidDataException($"{spec}: {json} is not a deep model description with a 'Classes' list of names.");
    }
}
