using System.Text.Json;

namespace Scrawl.Ocr.Tests.Reading;

/// <summary>The classifier contract in a model's metadata: the keys and values old files hold, in the order they were written.</summary>
public class ClassifierMetadataTests
{
    [Fact]
    public void Writes_classes_then_input_exactly_as_model_files_always_held_them()
    {
        var metadata = new ClassifierMetadata(["A", "7"]).ToMetadata();
        Assert.Equal([new("classes", "[\"A\",\"7\"]"), new KeyValuePair<string, string>("input", "scrawl")], metadata.ToList());
        Assert.Equal("nist36", new ClassifierMetadata(["A"], CropConvention.Nist36).ToMetadata()["input"]);
    }

    [Fact]
    public void Reads_old_files_without_input_as_scrawl_and_round_trips_a_temperature()
    {
        var old = new Dictionary<string, string> { ["classes"] = JsonSerializer.Serialize(new[] { "x", "y" }), ["run"] = "{}" };
        var read = ClassifierMetadata.Read(old, "old.scrawl");
        Assert.Equal(["x", "y"], read.Classes);
        Assert.Equal(CropConvention.Scrawl, read.Input);
        Assert.Null(read.Temperature);

        var calibrated = new ClassifierMetadata(["x", "y"], CropConvention.Nist36, 1.5);
        Assert.Equal(calibrated.Temperature, ClassifierMetadata.Read(calibrated.ToMetadata(), "new.scrawl").Temperature);
        Assert.Equal(CropConvention.Nist36, ClassifierMetadata.Read(calibrated.ToMetadata(), "new.scrawl").Input);
    }

    [Fact]
    public void Unnamed_classes_are_numbered_only_when_asked()
    {
        var none = new Dictionary<string, string>();
        Assert.Equal(["0", "1", "2"], ClassifierMetadata.Read(none, "m", unnamedClasses: 3).Classes);
        var e = Assert.Throws<InvalidDataException>(() => ClassifierMetadata.Read(none, "m.scrawl"));
        Assert.StartsWith("m.scrawl: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("classes", "not json")]
    [InlineData("classes", "[]")]
    [InlineData("classes", "null")]
    [InlineData("classes", "[\"a\", null]")]
    [InlineData("classes", "[\"a\", 7]")]
    [InlineData("classes", "{\"a\": \"b\"}")]
    [InlineData("classes", "[\"a\"] trailing")]
    [InlineData("input", "mnist")]
    [InlineData("temperature", "0")]
    public void Malformed_values_are_bad_data_naming_the_model_and_key(string key, string value)
    {
        var metadata = new Dictionary<string, string> { ["classes"] = "[\"a\"]", [key] = value };
        var e = Assert.Throws<InvalidDataException>(() => ClassifierMetadata.Read(metadata, "bad.scrawl"));
        Assert.StartsWith("bad.scrawl: ", e.Message, StringComparison.Ordinal);
    }
}
