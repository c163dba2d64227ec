using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scrawl.Numerics;
using Scrawl.Numerics.Formats;

namespace Scrawl.Data;

/// <summary>
/// Scrawl's dataset file: a numpy-compatible .npz holding, per split (train, valid, test),
/// <c>SPLIT_images.npy</c> (uint8 N×H×W or N×H×W×C, value = round(255·v) in Scrawl's convention:
/// ink high, upright) and <c>SPLIT_labels.npy</c> (int64), plus <c>meta.json</c> (format, name,
/// class names). Written atomically; <c>numpy.load</c> opens it too.
/// </summary>
public static partial class DatasetFile
{
    /// <summary>The format tag in meta.json.</summary>
    public const string Format = "scrawl-dataset";

    /// <summary>The version this build writes and reads.</summary>
    public const int Version = 1;

    private sealed record Meta(string Format, int Version, string Name, string[] Classes, string Convention);

    /// <summary>meta.json's JSON, generated at compile time (no reflection).</summary>
    [JsonSerializable(typeof(Meta))]
    private sealed partial class MetaJson : JsonSerializerContext;

    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(DatasetSplits data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (split, set) in data.Parts())
            {
                WriteEntry(zip, $"{split}_images.npy", s => NpyWriter.Write(s, Quantize(set.Images.Span), set.Images.Shape.ToArray()));
                WriteEntry(zip, $"{split}_labels.npy", s => NpyWriter.Write(s, set.Labels.Select(l => (long)l).ToArray(), set.Count));
            }

            var meta = new Meta(Format, Version, data.Name, [.. data.Train.ClassNames], "uint8 = round(255*v); ink high, paper low, upright, row-major");
            WriteEntry(zip, "meta.json", s => JsonSerializer.Serialize(s, meta, MetaJson.Default.Meta));
        });
    }

    /// <summary>True when <paramref name="path"/> is a zip whose meta.json says it is a Scrawl dataset file.</summary>
    public static bool IsDatasetFile(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry("meta.json") is not null && zip.GetEntry("train_images.npy") is not null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads a dataset file; bad content throws <see cref="InvalidDataException"/> naming the file.</summary>
    public static DatasetSplits Load(string path)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a Scrawl dataset file (not a zip archive: {e.Message.TrimEnd('.')}).", e);
        }

        using (zip)
        {
            try
            {
                return Read(zip, path);
            }
            catch (InvalidOperationException e)
            {
                // e.g. a rank-0 array where images belong (NpyArray.ToTensor refuses it).
                throw new InvalidDataException($"{path}: {e.Message}", e);
            }
            catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
            {
                // The zip layer's own errors ("A local file header is corrupt.") do not say which file.
                throw new InvalidDataException($"{path}: damaged zip archive ({e.Message.TrimEnd('.')}).", e);
            }
        }
    }

    private static DatasetSplits Read(ZipArchive zip, string path)
    {
        {
            var meta = ReadMeta(zip, path);
            ImageSet? Part(string split)
            {
                var images = zip.GetEntry($"{split}_images.npy");
                var labels = zip.GetEntry($"{split}_labels.npy");
                if (images is null || labels is null)
                {
                    return split == "train"
                        ? throw new InvalidDataException($"{path}: the file has no train_images.npy/train_labels.npy.")
                        : null;
                }

                var x = ReadArray(images, path).ToTensor();
                Span<float> v = x.Span;
                for (int i = 0; i < v.Length; i++)
                {
                    v[i] /= 255f;
                }

                int bad = ImageSet.FirstNonFinite(v);
                if (bad >= 0)
                {
                    throw new InvalidDataException($"{path}: {split}_images.npy holds {v[bad]} at index {bad}; pixels must be finite numbers.");
                }

                int[] y;
                try
                {
                    y = ReadArray(labels, path).ToLabels();
                }
                catch (InvalidOperationException e)
                {
                    // Float labels, or a value beyond an int (found by the dataset fuzz campaign).
                    throw new InvalidDataException($"{path}: {split}_labels.npy: {e.Message}", e);
                }

                try
                {
                    return new ImageSet(x, y, meta.Classes, $"{meta.Name}/{split}");
                }
                catch (ArgumentException e)
                {
                    throw new InvalidDataException($"{path}: {split} split: {e.Message}", e);
                }
            }

            return new DatasetSplits(meta.Name, Part("train")!, Part("valid"), Part("test"));
        }
    }

    private static Meta ReadMeta(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry("meta.json") ?? throw new InvalidDataException($"{path}: not a Scrawl dataset file (no meta.json).");
        Meta? meta;
        try
        {
            using var s = entry.Open();
            meta = JsonSerializer.Deserialize(s, MetaJson.Default.Meta);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: meta.json is not valid ({e.Message}).", e);
        }

        if (meta is null || meta.Format != Format || meta.Classes is null || meta.Classes.Length == 0)
        {
            throw new InvalidDataException($"{path}: meta.json does not describe a Scrawl dataset.");
        }

        return meta.Version == Version
            ? meta
            : throw new InvalidDataException($"{path}: dataset format version {meta.Version} is not supported (this build reads version {Version}).");
    }

    private static NpyArray ReadArray(ZipArchiveEntry entry, string path)
    {
        if (entry.Length > Array.MaxLength)
        {
            throw new InvalidDataException($"{path}: array '{entry.FullName}' claims {entry.Length:N0} bytes, more than an array can hold.");
        }

        using var s = entry.Open();
        using var buffer = new MemoryStream();
        s.CopyTo(buffer);
        buffer.Position = 0;
        return NpyReader.Read(buffer, $"{path}, array '{entry.FullName}'");
    }

    private static byte[] Quantize(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bytes[i] = (byte)Math.Clamp(MathF.Round(values[i] * 255f), 0f, 255f);
        }

        return bytes;
    }

    private static void WriteEntry(ZipArchive zip, string name, Action<Stream> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);

        // A fixed time stamp: the same data must give a byte-identical file whenever it is written.
        entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var s = entry.Open();
        write(s);
    }
}
