using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Numerics;
using Scrawl.Tests.Shared;

namespace Scrawl.NeuralNet.Tests.Serialization;

public class ModelFileTests
{
    /// <summary>A network using every storable layer kind, with random weights and biases.</summary>
    internal static Sequential AllKindsNetwork(long seed)
    {
        var random = new SeededRandom(seed);
        var network = new Sequential(6,
            new Dense(6, 5, random), new Tanh(), new Dense(5, 4, random), new Relu(),
            new Dense(4, 3, random), new Sigmoid(), new Dense(3, 3, random), new Softmax());
        foreach (var p in network.Parameters.Where(p => p.Name == "bias"))
        {
            random.FillUniform(p.Value.Span, -1, 1);
        }

        return network;
    }

    internal static Model SampleModel() => new(AllKindsNetwork(7), ModelHead.Identity, new Dictionary<string, string>
    {
        ["classes"] = "A,B,C",
        ["input.polarity"] = "ink-dark",
        ["training.notes"] = "ünïcödé ✓ and\nnewlines",
        ["empty"] = "",
    });

    [Fact]
    public void Round_trip_keeps_weights_bit_identical_outputs_and_metadata()
    {
        var model = SampleModel();
        using var dir = TestFiles.TempDirectory();
        string path = dir.File("model.scrawl");
        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        Assert.Equal(model.Head, loaded.Head);
        Assert.Equal(model.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal), loaded.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(model.Network.InputFeatures, loaded.Network.InputFeatures);
        Assert.Equal(model.Network.Layers.Select(l => l.Kind), loaded.Network.Layers.Select(l => l.Kind));
        Assert.Equal(model.Network.Parameters.Count, loaded.Network.Parameters.Count);
        for (int i = 0; i < model.Network.Parameters.Count; i++)
        {
            var a = model.Network.Parameters[i].Value;
            var b = loaded.Network.Parameters[i].Value;
            Assert.Equal(a.Shape.ToArray(), b.Shape.ToArray());
            Assert.Equal(a.Span.ToArray().Select(BitConverter.SingleToInt32Bits), b.Span.ToArray().Select(BitConverter.SingleToInt32Bits));
        }

        var input = new Tensor(4, 6);
        new SeededRandom(3).FillUniform(input.Span, -2, 2);
        var expected = model.Network.Forward(input).Clone();
        Assert.Equal(expected.Span.ToArray(), loaded.Network.Forward(input).Span.ToArray());
    }

    [Fact]
    public void Stream_round_trip_and_deterministic_bytes()
    {
        var model = SampleModel();
        using var first = new MemoryStream();
        ModelFile.Save(model, first);
        using var second = new MemoryStream();
        ModelFile.Save(model with { Metadata = model.Metadata.Reverse().ToDictionary() }, second);
        Assert.Equal(first.ToArray(), second.ToArray());

        first.Position = 0;
        var loaded = ModelFile.Load(new NonSeekableStream(first), "piped");
        Assert.Equal("A,B,C", loaded.Metadata["classes"]);
    }

    [Fact]
    public void File_starts_with_magic_version_and_length()
    {
        using var stream = new MemoryStream();
        ModelFile.Save(SampleModel(), stream);
        var bytes = stream.ToArray();
        Assert.Equal("SCRAWLNN"u8.ToArray(), bytes[..8]);
        Assert.Equal(1u, BitConverter.ToUInt32(bytes, 8));
        Assert.Equal((ulong)bytes.Length, BitConverter.ToUInt64(bytes, 12));
        Assert.Equal(Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)), BitConverter.ToUInt32(bytes, bytes.Length - 4));
    }

    [Fact]
    public void Save_overwrites_an_existing_file_and_leaves_no_temp_files()
    {
        using var dir = TestFiles.TempDirectory();
        string path = dir.File("model.scrawl");
        ModelFile.Save(SampleModel(), path);
        var other = new Model(Sequential.Mlp(4, 3, 2, seed: 1), ModelHead.Softmax);
        ModelFile.Save(other, path);
        Assert.Equal(4, ModelFile.Load(path).Network.InputFeatures);
        Assert.Equal(["model.scrawl"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Failed_save_of_an_unstorable_layer_leaves_the_existing_file_untouched()
    {
        using var dir = TestFiles.TempDirectory();
        string path = dir.File("model.scrawl");
        ModelFile.Save(SampleModel(), path);
        var before = File.ReadAllBytes(path);

        var bad = new Model(new Sequential(6, new Dense(6, 6), new MysteryLayer()), ModelHead.Identity);
        var e = Assert.Throws<NotSupportedException>(() => ModelFile.Save(bad, path));
        Assert.Contains("layer 1 has kind 'mystery'", e.Message, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.scrawl"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Failed_rename_deletes_the_temp_file()
    {
        using var dir = TestFiles.TempDirectory();
        string path = dir.File("taken");
        Directory.CreateDirectory(path); // the destination is a directory: the final move must fail
        Assert.ThrowsAny<IOException>(() => ModelFile.Save(SampleModel(), path));
        Assert.Empty(Directory.GetFiles(dir.Path));
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void Save_creates_missing_folders_and_leaves_no_temporary_file()
    {
        using var dir = TestFiles.TempDirectory();
        string path = Path.Combine(dir.Path, "runs", "a", "model.scrawl");
        ModelFile.Save(SampleModel(), path);
        Assert.Equal(["model.scrawl"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        Assert.Equal(SampleModel().Network.Parameters[0].Value.Span.ToArray(), ModelFile.Load(path).Network.Parameters[0].Value.Span.ToArray());
    }

    [Fact]
    public void Save_where_a_folder_cannot_be_made_fails_cleanly()
    {
        using var dir = TestFiles.TempDirectory();
        string blocker = Path.Combine(dir.Path, "file");
        File.WriteAllText(blocker, "not a folder");
        Assert.ThrowsAny<IOException>(() => ModelFile.Save(SampleModel(), Path.Combine(blocker, "model.scrawl")));
        Assert.Equal([blocker], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Unknown_head_and_empty_metadata_key_are_rejected_on_save()
    {
        var network = Sequential.Mlp(4, 3, 2, seed: 1);
        Assert.Throws<ArgumentException>(() => ModelFile.Save(new Model(network, "argmax"), new MemoryStream()));
        var badMetadata = new Dictionary<string, string> { [""] = "x" };
        Assert.Throws<ArgumentException>(() => ModelFile.Save(new Model(network, ModelHead.Softmax, badMetadata), new MemoryStream()));
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    /// <summary>A layer whose kind model files do not know.</summary>
    private sealed class MysteryLayer : ILayer
    {
        public string Kind => "mystery";

        public IReadOnlyList<Parameter> Parameters => [];

        public int OutputFeatures(int inputFeatures) => inputFeatures;

        public Tensor Forward(Tensor input) => input;

        public Tensor? Backward(Tensor outputGradient, bool needInputGradient) => outputGradient;
    }
}
