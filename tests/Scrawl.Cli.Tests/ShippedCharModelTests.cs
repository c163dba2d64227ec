using System.Text.Json;
using Scrawl.Experiments.CharModel;
using Scrawl.Ocr.Training;
using Scrawl.NeuralNet.Serialization;

namespace Scrawl.Cli.Tests;

/// <summary>The character model that ships in models/ (the default of <c>scrawl ocr</c>) against its manifest.</summary>
public class ShippedCharModelTests
{
    /// <summary>The lowest held-out accuracy this test accepts for the shipped model (see README, "Character model").</summary>
    private const double MinimumHeldOutAccuracy = 0.90;

    internal static string ModelsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models");
            if (File.Exists(Path.Combine(candidate, "charmodel.scrawl")) && File.Exists(Path.Combine(dir.FullName, "Scrawl.slnx")))
            {
                return candidate;
            }
        }

        Assert.Fail("models/charmodel.scrawl not found above the test binaries");
        return string.Empty;
    }

    [Fact]
    public void ShippedModelScoresWhatItsManifestStatesOnTheHeldOutRealData()
    {
        string folder = ModelsFolder();
        var model = ModelFile.Load(Path.Combine(folder, "charmodel.scrawl"));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "charmodel.json")));
        var stated = manifest.RootElement.GetProperty("HeldOutAccuracy");

        var sources = CharModelData.Load(synthPerClass: 1, seed: 1, syntheticOnly: true, CliData.Load, _ => { });
        var score = CharModelScore.Evaluate(model.Network, sources.HeldOut);

        Assert.Equal(stated.GetProperty("overall").GetDouble(), score.Overall, 3);
        foreach (var source in score.Sources)
        {
            Assert.Equal(stated.GetProperty(source.Source).GetDouble(), source.Accuracy, 3);
        }

        Assert.True(score.Overall >= MinimumHeldOutAccuracy, $"held-out accuracy {score.Overall:F4} < {MinimumHeldOutAccuracy}");
        Assert.Equal("scrawl", model.Metadata["input"]);
        Assert.Equal(Data.Nist36Layout.ClassNames, JsonSerializer.Deserialize<string[]>(model.Metadata["classes"]));
    }
}
