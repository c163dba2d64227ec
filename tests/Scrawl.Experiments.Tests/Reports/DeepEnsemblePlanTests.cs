using Scrawl.Data;
using Scrawl.Experiments.Reports;

namespace Scrawl.Experiments.Tests.Reports;

/// <summary>
/// The stages of <c>report --deep</c> for the flowers-17 recipe of issue #20: two train+val runs sharing one feature cache
/// and <c>deep ensemble</c> on them (planned only: no libtorch here; the end-to-end run is in Scrawl.Deep.Tests).
/// </summary>
public class DeepEnsemblePlanTests
{
    private static IReadOnlyList<ReportStagePlan> Plans(bool quick)
    {
        var set = new ImageSet(new Numerics.Tensor(2, 4, 4), [0, 1], ["a", "b"], "tiny");
        var settings = new ReportSettings("tiny", 0, 1, 1, 1, "tuned", "/runs", Fresh: false, Quick: quick, Deep: true);
        return new StudyReport(settings, new DatasetSplits("tiny", set, set, set)).Plans;
    }

    [Theory]
    [InlineData(true, "--size 32 --head-epochs 2 --epochs 1")]
    [InlineData(false, "--size 224 --head-epochs 30 --epochs 5")]
    public void Two_train_val_members_share_a_feature_cache_and_are_ensembled(bool quick, string recipe)
    {
        var plans = Plans(quick).ToDictionary(p => p.Name);
        for (int seed = 0; seed < 2; seed++)
        {
            var member = plans[$"deep finetune train-val s{seed}"];
            Assert.Equal(
                $"./scrawl deep finetune --data flowers17 {recipe} --tta flip --train-on train+val --seed {seed} --threads 1 --feature-cache /runs/deep/feature-cache --out /runs/deep/flowers17-train-val-s{seed}",
                ReportFiles.ShellCommand(member.Args));
            Assert.False(member.AlreadyDone(), "an empty runs folder holds no run to collect");
        }

        var ensemble = plans["deep ensemble train-val"];
        Assert.Equal("./scrawl deep ensemble --runs /runs/deep/flowers17-train-val-s0,/runs/deep/flowers17-train-val-s1 --out /runs/deep/ensemble-train-val.json", ReportFiles.ShellCommand(ensemble.Args));
        var names = Plans(quick).Select(p => p.Name).ToList();
        Assert.True(names.IndexOf("deep ensemble train-val") > names.IndexOf("deep finetune train-val s1"), "the ensemble runs after its members");
        Assert.Contains("deep finetune recipe", names); // the earlier recipe stays, as history
    }

    [Fact]
    public void The_ensemble_table_reads_deep_ensembles_errors_file_and_refuses_one_without_them()
    {
        // The shape Scrawl.Deep's EnsembleErrors.Save writes (checked against the real writer in Scrawl.Deep.Tests' EnsembleTests).
        const string File = """
            {
              "Runs": [
                { "Source": "/r/s0/pretrained-probabilities.csv", "Splits": [ { "Name": "test", "Count": 340, "Views": 2, "Errors": 12, "FirstViewErrors": 13 } ] },
                { "Source": "/r/s1/pretrained-probabilities.csv", "Splits": [ { "Name": "test", "Count": 340, "Views": 2, "Errors": 13, "FirstViewErrors": 13 } ] }
              ],
              "Ensemble": { "Source": "ensemble", "Splits": [ { "Name": "test", "Count": 340, "Views": 1, "Errors": 9, "FirstViewErrors": 10 } ] }
            }
            """;
        string dir = Directory.CreateTempSubdirectory("scrawl-ensemble-report-").FullName;
        try
        {
            string path = Path.Combine(dir, DeepStudiesReport.EnsembleErrorsFileName);
            System.IO.File.WriteAllText(path, File);
            var (members, all) = DeepStudiesReport.ReadEnsemble(path, 2);
            Assert.Equal([12, 13], members.Select(m => m.Errors));
            Assert.Equal((9, 10, 340), (all.Errors, all.FirstViewErrors, all.Count));
            Assert.Equal(1 - (9 / 340.0), all.Accuracy, 12);
            Assert.StartsWith(path + ":", Assert.Throws<InvalidDataException>(() => DeepStudiesReport.ReadEnsemble(path, 3)).Message);
            System.IO.File.WriteAllText(path, File.Replace("\"Name\": \"test\", \"Count\": 340, \"Views\": 1", "\"Name\": \"valid\", \"Count\": 340, \"Views\": 1", StringComparison.Ordinal));
            Assert.Contains("lacks the test errors", Assert.Throws<InvalidDataException>(() => DeepStudiesReport.ReadEnsemble(path, 2)).Message);
            System.IO.File.WriteAllText(path, "ensemble of 2: test 9 errors of 340");
            Assert.StartsWith(path + ":", Assert.Throws<InvalidDataException>(() => DeepStudiesReport.ReadEnsemble(path, 2)).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
