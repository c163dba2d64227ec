using System.Text.Json;
using Scrawl.Imaging;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Serialization;

namespace Scrawl.Ocr.Tests;

public class ClassifierTests
{
    /// <summary>A 1024 → 2 dense network whose output 0 is pixel (row 2, column 5) of its input row and output 1 is 0.</summary>
    private static Sequential PixelPicker(int index)
    {
        var dense = new Dense(1024, 2);
        dense.Weight.Value.Span.Clear();
        dense.Bias.Value.Span.Clear();
        dense.Weight.Value[index, 0] = 10f;
        return new Sequential(1024, dense);
    }

    private static FloatImage Crop()
    {
        var image = new FloatImage(32, 32);
        image.Pixels[(2 * 32) + 5] = 1f; // ink at row 2, column 5
        return image;
    }

    [Fact]
    public void Scrawl_convention_feeds_rows_as_they_are()
    {
        var classifier = new NetworkClassifier(PixelPicker((2 * 32) + 5), ["A", "B"], ModelHead.Softmax, CropConvention.Scrawl);
        var p = classifier.Classify([Crop(), new FloatImage(32, 32)]);
        Assert.True(p[0][0] > 0.99f);
        Assert.Equal(0.5f, p[1][0], 5);
        Assert.Equal(1f, p[0].Sum(), 5);
    }

    [Fact]
    public void Nist36_convention_transposes_and_inverts()
    {
        // In the NIST36 row, pixel (2, 5) sits at 5·32 + 2 and ink is 0: the picked input is 0 for the inked crop, 1 for blank.
        var classifier = new NetworkClassifier(PixelPicker((5 * 32) + 2), ["A", "B"], ModelHead.Softmax, CropConvention.Nist36);
        var p = classifier.Classify([Crop(), new FloatImage(32, 32)]);
        Assert.Equal(0.5f, p[0][0], 5);
        Assert.True(p[1][0] > 0.99f);
    }

    [Fact]
    public void Identity_and_sigmoid_heads_give_distributions()
    {
        var identity = NetworkClassifier.Probabilities([0.2f, 0.6f], ModelHead.Identity);
        Assert.Equal(0.25f, identity[0], 5);
        Assert.Equal(0.75f, identity[1], 5);
        var sigmoid = NetworkClassifier.Probabilities([0f, 0f, 0f], ModelHead.Sigmoid);
        Assert.All(sigmoid, v => Assert.Equal(1f / 3, v, 5));
    }

    [Fact]
    public void Mismatched_class_names_or_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new NetworkClassifier(PixelPicker(0), ["A"], ModelHead.Softmax, CropConvention.Scrawl));
        Assert.Throws<ArgumentException>(() => new NetworkClassifier(new Sequential(784, new Dense(784, 2)), ["A", "B"], ModelHead.Softmax, CropConvention.Scrawl));
        var classifier = new NetworkClassifier(PixelPicker(0), ["A", "B"], ModelHead.Softmax, CropConvention.Scrawl);
        Assert.Throws<ArgumentException>(() => classifier.Classify([new FloatImage(28, 28)]));
    }

    [Fact]
    public void A_model_file_gives_its_classes_and_convention()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scrawl-ocr-{Guid.NewGuid():N}.scrawl");
        try
        {
            var metadata = new Dictionary<string, string> { ["classes"] = JsonSerializer.Serialize(new[] { "7", "Q" }), ["input"] = "nist36" };
            ModelFile.Save(new Model(PixelPicker(0), ModelHead.Softmax, metadata), path);
            var classifier = Assert.IsType<NetworkClassifier>(CharacterModels.Load(path));
            Assert.Equal(["7", "Q"], classifier.ClassNames);
            Assert.Equal(CropConvention.Nist36, classifier.Convention);

            ModelFile.Save(new Model(PixelPicker(0), ModelHead.Softmax), path);
            var e = Assert.Throws<InvalidDataException>(() => CharacterModels.Load(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("classes", e.Message, StringComparison.Ordinal);

            File.WriteAllText(path, "not a model at all");
            Assert.Contains("not a character model", Assert.Throws<InvalidDataException>(() => CharacterModels.Load(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_model_files_calibration_temperature_softens_its_confidences_without_changing_the_winner()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scrawl-ocr-{Guid.NewGuid():N}.scrawl");
        try
        {
            var classes = JsonSerializer.Serialize(new[] { "A", "B" });
            ModelFile.Save(new Model(PixelPicker((2 * 32) + 5), ModelHead.Softmax, new Dictionary<string, string> { ["classes"] = classes }), path);
            var plain = Assert.IsType<NetworkClassifier>(CharacterModels.Load(path)).Classify([Crop()])[0];
            ModelFile.Save(new Model(PixelPicker((2 * 32) + 5), ModelHead.Softmax, new Dictionary<string, string> { ["classes"] = classes, ["temperature"] = "4" }), path);
            var classifier = Assert.IsType<NetworkClassifier>(CharacterModels.Load(path));
            Assert.Equal(4, classifier.Temperature);
            var calibrated = classifier.Classify([Crop()])[0];
            // Logits 10 and 0: softmax gives 1 / (1 + e^-10) ≈ 0.99995; at T = 4 the logits are 2.5 and 0, so 1 / (1 + e^-2.5) ≈ 0.924.
            Assert.True(plain[0] > 0.9999f);
            Assert.Equal(1 / (1 + Math.Exp(-2.5)), calibrated[0], 4);
            Assert.Equal(1f, calibrated.Sum(), 5);

            ModelFile.Save(new Model(PixelPicker(0), ModelHead.Softmax, new Dictionary<string, string> { ["classes"] = classes, ["temperature"] = "-1" }), path);
            Assert.Contains("temperature", Assert.Throws<InvalidDataException>(() => CharacterModels.Load(path)).Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkClassifier(PixelPicker(0), ["A", "B"], ModelHead.Softmax, CropConvention.Scrawl) { Temperature = 0 });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_reference_npz_is_a_nist36_model_with_classes_a_to_z_then_digits()
    {
        var classifier = Assert.IsType<NetworkClassifier>(CharacterModels.Load(Shared.ReferenceModel()));
        Assert.Equal(CropConvention.Nist36, classifier.Convention);
        Assert.Equal("A", classifier.ClassNames[0]);
        Assert.Equal("0", classifier.ClassNames[26]);
        Assert.Equal(36, classifier.Classify([new FloatImage(32, 32)])[0].Length);
    }

    [Fact]
    public void Deep_models_and_missing_files_fail_clearly()
    {
        Assert.Contains("not available in this build", Assert.Throws<NotSupportedException>(() => CharacterModels.Load("deep:model.pt")).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => CharacterModels.Load("/no/such/model.scrawl"));
    }
}
