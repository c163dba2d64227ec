using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Numerics;
using Scrawl.Numerics.Formats;
using Xunit.Abstractions;

namespace Scrawl.NeuralNet.Tests.Serialization;

/// <summary>
/// The third-party NIST36 MLP (../shared/models/nist36-mlp-reference.npz) imported into our engine
/// must reproduce numpy's float64 forward pass (softmax probabilities, made by Fixtures/make_fixtures.py
/// on 20 fixed inputs) to 1e-5 absolute, though we compute in float32.
/// </summary>
public class ReferenceParityTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-5f;

    private static string ReferencePath => TestFiles.Shared(Path.Combine("models", "nist36-mlp-reference.npz"));

    [Fact]
    public void Imported_reference_matches_numpy_probabilities()
    {
        var network = ReferenceModelImporter.ImportMlp(ReferencePath, ReferenceModelImporter.Nist36LayerNames);
        Assert.Equal(["dense", "sigmoid", "dense"], network.Layers.Select(l => l.Kind));
        Assert.Equal(1024, network.InputFeatures);
        Assert.Equal(36, network.OutputFeatures);

        var inputs = NpyReader.Read(TestFiles.Fixture("reference_inputs.npy")).ToTensor();
        var expected = NpyReader.Read(TestFiles.Fixture("reference_probs.npy")).ToTensor();
        var probabilities = new Softmax().Forward(network.Forward(inputs));
        float maxError = probabilities.MaxAbsDifference(expected);
        output.WriteLine($"max |p_scrawl − p_numpy| over {expected.Length} probabilities: {maxError:E3}");
        Assert.True(maxError <= Tolerance, $"max abs error {maxError:E3} exceeds {Tolerance:E0}");
        for (int r = 0; r < inputs.Rows; r++)
        {
            Assert.Equal(ArgMax(expected.Row(r)), ArgMax(probabilities.Row(r)));
        }
    }

    [Fact]
    public void Archive_order_gives_the_same_network_as_explicit_names()
    {
        var byName = ReferenceModelImporter.ImportMlp(ReferencePath, ReferenceModelImporter.Nist36LayerNames);
        var byOrder = ReferenceModelImporter.ImportMlp(ReferencePath);
        Assert.Equal(byName.Parameters.Count, byOrder.Parameters.Count);
        for (int i = 0; i < byName.Parameters.Count; i++)
        {
            Assert.Equal(0f, byName.Parameters[i].Value.MaxAbsDifference(byOrder.Parameters[i].Value));
        }
    }

    [Fact]
    public void Imported_reference_survives_a_model_file_round_trip()
    {
        var network = ReferenceModelImporter.ImportMlp(ReferencePath);
        using var dir = TestFiles.TempDirectory();
        string path = dir.File("nist36.scrawl");
        ModelFile.Save(new Model(network, ModelHead.Softmax), path);
        var loaded = ModelFile.Load(path);
        var inputs = NpyReader.Read(TestFiles.Fixture("reference_inputs.npy")).ToTensor();
        var a = network.Forward(inputs).Clone();
        Assert.Equal(0f, a.MaxAbsDifference(loaded.Network.Forward(inputs)));
    }

    [Fact]
    public void Missing_or_inconsistent_keys_are_named()
    {
        var e = Assert.Throws<InvalidDataException>(() => ReferenceModelImporter.ImportMlp(ReferencePath, ["layer1", "hidden2"]));
        Assert.Contains("nist36-mlp-reference.npz: key 'Whidden2' is missing", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<InvalidDataException>(() => ReferenceModelImporter.ImportMlp(ReferencePath, ["output", "layer1"]));
        Assert.Contains("key 'Wlayer1' has 1024 inputs but the previous layer 'output' gives 36 outputs", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<InvalidDataException>(() => ReferenceModelImporter.ImportMlp(ReferencePath, ["layer1"]));
        Assert.Contains("keys Woutput, boutput belong to no listed layer", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<InvalidDataException>(() => ReferenceModelImporter.ImportMlp(TestFiles.Fixture("layer_reference.npz")));
        Assert.Contains("no weight arrays found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hidden_activation_can_be_chosen()
    {
        var network = ReferenceModelImporter.ImportMlp(ReferencePath, hiddenActivation: () => new Relu());
        Assert.Equal(["dense", "relu", "dense"], network.Layers.Select(l => l.Kind));
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }
}
