using System.Buffers.Binary;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Serialization;

/// <summary>
/// Saves and loads <see cref="Model"/>s in Scrawl's versioned binary model format. All integers are
/// little-endian; a string is a uint32 byte count then UTF-8 bytes. Layout of version 1:
/// <code>
/// magic "SCRAWLNN" (8 bytes) · uint32 version = 1 · uint64 total file length
/// string head · uint32 input features · uint32 layer count
///   per layer: string kind · uint32 config length · config (dense: uint32 in, uint32 out; activations: empty)
/// uint32 metadata count · per entry: string key · string value (sorted by key)
/// uint32 parameter count · per tensor: string name ("LAYER.NAME", e.g. "0.weight") · uint32 rank ·
///   rank × uint32 dims · float32 values (row-major)
/// uint32 CRC-32 (IEEE) of every byte before it
/// </code>
/// Saving is atomic (temp file, flush to disk, rename). Loading a damaged, truncated or foreign file
/// throws <see cref="InvalidDataException"/> naming the file and the problem.
/// </summary>
public static class ModelFile
{
    /// <summary>The format version this build writes and reads.</summary>
    public const uint FormatVersion = 1;

    /// <summary>The largest model file accepted, in bytes (1 GiB).</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>The 8 bytes every model file starts with: ASCII "SCRAWLNN".</summary>
    public static ReadOnlySpan<byte> Magic => "SCRAWLNN"u8;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically: an existing file is replaced only once the new one is complete on disk.</summary>
    public static void Save(Model model, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ModelFileCodec.Write(model); // fails here, before the disk is touched, for unsupported layers
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/> (not atomic; the stream is left open).</summary>
    public static void Save(Model model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ModelFileCodec.Write(model));
    }

    /// <summary>Reads the model file at <paramref name="path"/>.</summary>
    public static Model Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var model = Load(stream, path);
        long extra = stream.Length - stream.Position;
        if (extra > 0)
        {
            throw new InvalidDataException($"{path}: {extra:N0} unexpected bytes after the end of the model — the file is corrupted.");
        }

        return model;
    }

    /// <summary>Reads one model from <paramref name="stream"/>, leaving it just after the model; <paramref name="sourceName"/> names it in errors.</summary>
    public static Model Load(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var header = new byte[ModelFileCodec.HeaderBytes];
        int got = ReadUpTo(stream, header, header.Length);
        long total = CheckHeader(header.AsSpan(0, got), sourceName);
        if (stream.CanSeek && stream.Length - stream.Position < total - got)
        {
            throw Truncated(sourceName, total, got + (stream.Length - stream.Position));
        }

        // Grows only with the bytes actually present, so a damaged length cannot cause a huge allocation.
        using var buffer = new MemoryStream();
        buffer.Write(header);
        var chunk = new byte[1 << 16];
        while (buffer.Length < total)
        {
            int n = ReadUpTo(stream, chunk, (int)Math.Min(chunk.Length, total - buffer.Length));
            if (n == 0)
            {
                throw Truncated(sourceName, total, buffer.Length);
            }

            buffer.Write(chunk, 0, n);
        }

        byte[] file = buffer.ToArray();
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - ModelFileCodec.ChecksumBytes));
        if (Crc32.Compute(file.AsSpan(0, file.Length - ModelFileCodec.ChecksumBytes)) != stored)
        {
            throw new InvalidDataException($"{sourceName}: checksum mismatch — the file is corrupted.");
        }

        return ModelFileCodec.ReadBody(file, sourceName);
    }

    /// <summary>Checks magic, version and length field; returns the total file length.</summary>
    private static long CheckHeader(ReadOnlySpan<byte> header, string source)
    {
        if (header.Length == 0)
        {
            throw new InvalidDataException($"{source}: the file is empty — not a Scrawl model file.");
        }

        int magicBytes = Math.Min(header.Length, Magic.Length);
        if (!header[..magicBytes].SequenceEqual(Magic[..magicBytes]))
        {
            throw new InvalidDataException($"{source}: not a Scrawl model file (it does not start with \"SCRAWLNN\").");
        }

        if (header.Length >= 12)
        {
            uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"{source}: format version {version} is not supported (this build reads version {FormatVersion}).");
            }
        }

        if (header.Length < ModelFileCodec.HeaderBytes)
        {
            throw new InvalidDataException($"{source}: the file is truncated — {header.Length} bytes, shorter than a model file's header.");
        }

        ulong total = BinaryPrimitives.ReadUInt64LittleEndian(header[12..]);
        if (total < ModelFileCodec.HeaderBytes + ModelFileCodec.ChecksumBytes || total > MaxFileBytes)
        {
            throw new InvalidDataException($"{source}: the header's file length {total:N0} is impossible (allowed {ModelFileCodec.HeaderBytes + ModelFileCodec.ChecksumBytes}..{MaxFileBytes:N0}) — the file is corrupted.");
        }

        return (long)total;
    }

    private static InvalidDataException Truncated(string source, long expected, long present)
        => new($"{source}: the file is truncated — its header says {expected:N0} bytes, only {present:N0} are present.");

    private static int ReadUpTo(Stream stream, byte[] buffer, int count)
    {
        int got = 0;
        while (got < count)
        {
            int n = stream.Read(buffer, got, count - got);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        return got;
    }
}
