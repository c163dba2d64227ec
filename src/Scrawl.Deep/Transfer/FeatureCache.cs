using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Scrawl.Data;
using AtomicFile = Scrawl.Numerics.AtomicFile;
using static TorchSharp.torch;

namespace Scrawl.Deep.Transfer;

/// <summary>
/// Frozen-backbone features kept on disk between fine-tuning runs: one file per (network file, cut, image pixels, mirrored or
/// not), named by the SHA-256 of those inputs, so a run whose frozen part is unchanged (same size, images and cut; any seed,
/// epochs or head settings) reads its features instead of computing them, and any changed input misses the cache.
/// A file that does not verify (wrong header, key, length or checksum) is reported and recomputed.
/// </summary>
/// <param name="folder">The cache folder (created on the first write).</param>
/// <param name="networkKey">What identifies the frozen part: see <see cref="NetworkKey"/>.</param>
/// <param name="log">Told of every hit, miss and rejected file.</param>
public sealed class FeatureCache(string folder, string networkKey, Action<string>? log = null)
{
    private static readonly byte[] Magic = "SCRFEAT1"u8.ToArray();

    /// <summary>The cache folder.</summary>
    public string Folder => folder;

    /// <summary>The network file's SHA-256 and the name of the cut whose input is cached, as one key.</summary>
    public static string NetworkKey(string onnxPath, string cut)
    {
        using var stream = File.OpenRead(onnxPath);
        return Convert.ToHexString(SHA256.HashData(stream)) + "|" + cut;
    }

    /// <summary>The file name of <paramref name="set"/>'s features (mirrored when <paramref name="flip"/>): the hash of every input.</summary>
    public string FileFor(ImageSet set, bool flip)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"v1|{networkKey}|flip={flip}|{set.Images.ShapeText}|"));
        sha.AppendData(MemoryMarshal.AsBytes<float>(set.Images.Span));
        return Path.Combine(folder, Convert.ToHexString(sha.GetHashAndReset())[..32] + ".features");
    }

    /// <summary>The cached features of <paramref name="set"/>, or <paramref name="compute"/>'s, then written atomically for the next run.</summary>
    public Tensor GetOrCompute(ImageSet set, bool flip, Func<Tensor> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        string path = FileFor(set, flip);
        if (File.Exists(path))
        {
            try
            {
                var hit = Read(path);
                log?.Invoke($"feature cache: read {set.Name}{(flip ? " + mirrors" : "")} from {path}");
                return hit;
            }
            catch (InvalidDataException e)
            {
                log?.Invoke($"feature cache: {e.Message}; recomputing");
            }
        }

        var features = compute();
        Write(path, features);
        log?.Invoke($"feature cache: wrote {set.Name}{(flip ? " + mirrors" : "")} to {path}");
        return features;
    }

    /// <summary>Writes a float32 tensor atomically: magic, rank, dimensions, values, SHA-256 of the values.</summary>
    public static void Write(string path, Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var cpu = features.detach().cpu().contiguous();
        float[] values = cpu.data<float>().ToArray();
        byte[] bytes = MemoryMarshal.AsBytes<float>(values).ToArray();
        AtomicFile.Write(path, s =>
        {
            using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(cpu.shape.Length);
            foreach (long d in cpu.shape)
            {
                w.Write(d);
            }

            w.Write(bytes);
            w.Write(SHA256.HashData(bytes));
        });
    }

    /// <summary>Reads a file of <see cref="Write"/>; throws <see cref="InvalidDataException"/> naming the file when it does not verify.</summary>
    public static Tensor Read(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        long length = r.BaseStream.Length;
        try
        {
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException($"{path}: not a feature-cache file");
            }

            int rank = r.ReadInt32();
            if (rank is < 1 or > 8)
            {
                throw new InvalidDataException($"{path}: rank {rank} out of range");
            }

            long[] shape = [.. Enumerable.Range(0, rank).Select(_ => r.ReadInt64())];
            long count = shape.Aggregate(1L, (a, d) => d < 0 ? -1 : a * d);
            long expected = Magic.Length + 4 + (8L * rank) + (4 * count) + 32;
            if (count < 0 || expected != length)
            {
                throw new InvalidDataException($"{path}: {length} bytes, expected {expected} for shape [{string.Join("x", shape)}] (truncated?)");
            }

            byte[] bytes = r.ReadBytes((int)(4 * count));
            if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(r.ReadBytes(32)))
            {
                throw new InvalidDataException($"{path}: checksum mismatch (corrupt)");
            }

            return tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: truncated");
        }
    }
}
