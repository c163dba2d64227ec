using System.Buffers.Binary;
using System.Text;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Tests.Shared;

namespace Scrawl.NeuralNet.Tests.Serialization;

/// <summary>Every kind of damaged or foreign model file must give an InvalidDataException naming the file and the problem.</summary>
public class ModelFileCorruptionTests
{
    private const string Name = "model.scrawl";

    /// <summary>A small file: dense 3→2, sigmoid; head "softmax"; one metadata pair.</summary>
    private static byte[] SmallFile()
    {
        var network = new Sequential(3, new Dense(3, 2, new Scrawl.Numerics.SeededRandom(1)), new Sigmoid());
        using var stream = new MemoryStream();
        ModelFile.Save(new Model(network, ModelHead.Softmax, new Dictionary<string, string> { ["k"] = "v" }), stream);
        return stream.ToArray();
    }

    private static InvalidDataException LoadFails(byte[] bytes)
    {
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(new MemoryStream(bytes), Name));
        Assert.StartsWith(Name + ": ", e.Message, StringComparison.Ordinal);
        return e;
    }

    /// <summary>Recomputes the trailing checksum so a deliberately edited file passes the CRC check.</summary>
    private static byte[] Resealed(byte[] bytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        return bytes;
    }

    [Fact]
    public void Every_truncation_fails_cleanly()
    {
        var bytes = SmallFile();
        for (int length = 0; length < bytes.Length; length++)
        {
            var e = LoadFails(bytes[..length]);
            Assert.True(e.Message.Contains("truncated", StringComparison.Ordinal) || e.Message.Contains("empty", StringComparison.Ordinal), $"length {length}: {e.Message}");
            Assert.Throws<InvalidDataException>(() => ModelFile.Load(new NonSeekableStream(new MemoryStream(bytes[..length])), Name));
        }
    }

    [Fact]
    public void Truncated_file_on_disk_names_the_file()
    {
        using var dir = TestFiles.TempDirectory();
        string path = dir.File(Name);
        File.WriteAllBytes(path, SmallFile()[..^10]);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Contains($"{path}: the file is truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_flipped_byte_and_bit_is_detected()
    {
        var bytes = SmallFile();
        for (int i = 0; i < bytes.Length; i++)
        {
            foreach (byte mask in new byte[] { 0xFF, 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80 })
            {
                var damaged = (byte[])bytes.Clone();
                damaged[i] ^= mask;
                var e = LoadFails(damaged);
                if (i >= 20)
                {
                    Assert.Contains("checksum mismatch — the file is corrupted", e.Message, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Other_version_is_reported()
    {
        var bytes = SmallFile();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 7);
        var e = LoadFails(Resealed(bytes));
        Assert.Equal($"{Name}: format version 7 is not supported (this build reads version 1).", e.Message);
    }

    [Fact]
    public void Wrong_magic_is_reported()
    {
        var e = LoadFails(File.ReadAllBytes(TestFiles.Fixture("layer_reference.npz")));
        Assert.Contains("not a Scrawl model file", e.Message, StringComparison.Ordinal);
        LoadFails("SCRAWLNX"u8.ToArray());
    }

    [Fact]
    public void Trailing_bytes_after_the_model_are_reported_for_files()
    {
        using var dir = TestFiles.TempDirectory();
        string path = dir.File(Name);
        File.WriteAllBytes(path, [.. SmallFile(), 0, 0]);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Contains("2 unexpected bytes after the end", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_length_field_fails_fast()
    {
        var bytes = SmallFile();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(12), 1_000_000_000_000);
        Assert.Contains("file length 1,000,000,000,000 is impossible", LoadFails(bytes).Message, StringComparison.Ordinal);

        // A plausible but too large length on a short stream: must not allocate that much.
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(12), 900_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("truncated", LoadFails(bytes).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => ModelFile.Load(new NonSeekableStream(new MemoryStream(bytes)), Name));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    // Layout of SmallFile (see ModelFile): header 0..20, head "softmax" 20..31, inputs 31..35,
    // layer count 35..39, "dense" 39..48, config length 48..52, dense in 52..56, dense out 56..60.
    [Theory]
    [InlineData(35, 0xFFFFFFFFu, "the layer count is 4294967295")]
    [InlineData(52, 1u << 24, "a dense 16777216×2 layer's weights would need")]
    [InlineData(56, 1u << 24, "a dense 3×16777216 layer's weights would need")]
    [InlineData(52, 0u, "a dense layer's input count is 0")]
    [InlineData(31, 4u, "the layers do not fit together")]
    [InlineData(20, 0x7FFFFFFFu, "the length of the head is 2147483647")]
    [InlineData(48, 9u, "unexpected bytes after layer 0's ('dense') configuration")]
    public void Absurd_or_inconsistent_fields_with_a_valid_checksum_are_reported(int offset, uint value, string problem)
    {
        var bytes = SmallFile();
        Assert.Equal("dense", Encoding.ASCII.GetString(bytes, 43, 5)); // the layout the offsets assume
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);
        var e = LoadFails(Resealed(bytes));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_layer_kind_and_head_are_reported()
    {
        var bytes = SmallFile();
        int at = Encoding.ASCII.GetString(bytes).IndexOf("sigmoid", StringComparison.Ordinal);
        Encoding.ASCII.GetBytes("sigmaid").CopyTo(bytes, at);
        var e = LoadFails(Resealed(bytes));
        Assert.Contains("layer 1 has unknown kind 'sigmaid' (this build knows: batchnorm2d, conv2d, dense, dropout, global_avg_pool, maxpool2d, relu, sigmoid, softmax, tanh)", e.Message, StringComparison.Ordinal);

        bytes = SmallFile();
        Encoding.ASCII.GetBytes("softmix").CopyTo(bytes, 24);
        Assert.Contains("unknown head 'softmix'", LoadFails(Resealed(bytes)).Message, StringComparison.Ordinal);
    }
}
