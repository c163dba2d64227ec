using System.CommandLine;
using System.Text.Json;
using Scrawl.Data;
using Scrawl.Deep.Training;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Numerics.Formats;
using TorchSharp;
using static TorchSharp.torch;

namespace Scrawl.Deep.Cli.Commands;

/// <summary>
/// <c>scrawl deep classify --model FILE --crops IN.npy --out OUT.npy</c>: the OCR bridge. Reads a batch of character
/// crops (float32 [N × 32 × 32], Scrawl's convention: ink = 1, upright), brings them to the model's input (its
/// model.json: size, channels, and the optional <c>Input</c> convention "scrawl" or "nist36"), and writes the softmax
/// probabilities as float32 [N × classes] in the order of the model's class names. The main <c>scrawl ocr</c> runs this
/// command as a separate process, so it never loads libtorch itself.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create(CliOutput io)
    {
        var model = new Option<FileInfo>("--model") { Description = "A model saved by 'deep train' (model.pt with model.json beside it)", Required = true };
        var crops = new Option<FileInfo>("--crops") { Description = "float32 .npy [N × 32 × 32] of crops, ink = 1, upright", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the float32 .npy [N × classes] of probabilities", Required = true };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (≥ 1)", DefaultValueFactory = _ => 1 };
        var command = new Command("classify", "Classify a batch of 32×32 character crops with a trained model (used by 'scrawl ocr --model deep:FILE').")
        {
            model, crops, output, threads,
        };
        command.SetAction(r => Run(io, r.GetValue(model)!.FullName, r.GetValue(crops)!.FullName, r.GetValue(output)!.FullName, r.GetValue(threads)));
        return command;
    }

    internal static int Run(CliOutput io, string modelPath, string cropsPath, string outPath, int threads)
    {
        if (threads < 1)
        {
            throw new CliException("--threads must be ≥ 1.");
        }

        if (!File.Exists(cropsPath))
        {
            throw new CliException($"{cropsPath}: no such crops file.");
        }

        var crops = NpyReader.Read(cropsPath);
        if (crops.IsInteger || crops.Shape.Count != 3 || crops.Shape[1] != Nist36Layout.Side || crops.Shape[2] != Nist36Layout.Side)
        {
            throw new CliException($"{cropsPath}: expected float32 crops [N × {Nist36Layout.Side} × {Nist36Layout.Side}], got [{crops.ShapeText}] ({crops.DType}).");
        }

        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(threads);
        string convention = InputConvention(modelPath);
        var (description, module) = LoadModel(modelPath);
        int count = crops.Shape[0];
        float[] pixels = crops.Data;
        if (convention == "nist36")
        {
            pixels = new float[crops.Data.Length];
            int side2 = Nist36Layout.Side * Nist36Layout.Side;
            for (int i = 0; i < count; i++)
            {
                Nist36Layout.Convert(crops.Data.AsSpan(i * side2, side2), pixels.AsSpan(i * side2, side2));
            }
        }

        float[] probabilities;
        using (module)
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            module.eval();
            var x = tensor(pixels, [count, 1, Nist36Layout.Side, Nist36Layout.Side]);
            if (description.Height != Nist36Layout.Side || description.Width != Nist36Layout.Side)
            {
                x = nn.functional.interpolate(x, [description.Height, description.Width], mode: InterpolationMode.Bilinear, align_corners: false);
            }

            if (description.Channels != 1)
            {
                x = x.expand(count, description.Channels, description.Height, description.Width).contiguous();
            }

            using var probs = module.call(x).softmax(1).cpu().contiguous();
            probabilities = probs.data<float>().ToArray();
        }

        using (var stream = new MemoryStream())
        {
            NpyWriter.Write(stream, probabilities, count, description.Classes.Count);
            Numerics.AtomicFile.WriteAllBytes(outPath, stream.ToArray());
        }

        io.Error.WriteLine($"scrawl deep: classified {count} crops with {modelPath} ({description.Model}, {description.Classes.Count} classes)");
        return ExitCodes.Ok;
    }

    private static (ModelDescription Description, nn.Module<Tensor, Tensor> Module) LoadModel(string modelPath)
    {
        try
        {
            return ModelDescription.Load(modelPath);
        }
        catch (FileNotFoundException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>The model's input convention: model.json's optional <c>Input</c> ("scrawl" when absent, or "nist36").</summary>
    internal static string InputConvention(string modelPath)
    {
        string json = Path.ChangeExtension(modelPath, ".json");
        if (!File.Exists(json))
        {
            return "scrawl";
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("Input", out var input) && input.ValueKind == JsonValueKind.String)
            {
                string value = input.GetString()!;
                return value is "scrawl" or "nist36"
                    ? value
                    : throw new CliException($"{json}: unknown input convention '{value}' (known: scrawl, nist36).");
            }
        }
        catch (JsonException e)
        {
            throw new CliException($"{json}: not a model description ({e.Message}).");
        }

        return "scrawl";
    }
}
