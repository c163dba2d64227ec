using Scrawl.Data;
using Scrawl.Imaging;
using Scrawl.Ocr;

namespace Scrawl.Experiments.CharModel;

/// <summary>Calibration of one set of crops: how many, the top-1 accuracy, the expected calibration error and the mean negative log-likelihood, before and after the temperature.</summary>
/// <param name="Source">The set's name.</param>
/// <param name="Count">Crops scored (≥ 0).</param>
/// <param name="Accuracy">Top-1 accuracy, in [0, 1] (the temperature does not change it).</param>
/// <param name="EceBefore">Expected calibration error (10 equal bins) of the classifier's own probabilities, in [0, 1].</param>
/// <param name="EceAfter">The same at the fitted temperature.</param>
/// <param name="NllBefore">Mean negative log-likelihood of the true class, ≥ 0.</param>
/// <param name="NllAfter">The same at the fitted temperature.</param>
public sealed record CalibrationScore(string Source, int Count, double Accuracy, double EceBefore, double EceAfter, double NllBefore, double NllAfter);

/// <summary>A temperature fitted on the validation crops and its effect on each held-out set.</summary>
/// <param name="Temperature">The fitted temperature (&gt; 1: the classifier was over-confident).</param>
/// <param name="FitCount">Validation crops it was fitted on.</param>
/// <param name="HeldOut">Per held-out set, then all of them together (named "overall").</param>
public sealed record CalibrationReport(double Temperature, int FitCount, IReadOnlyList<CalibrationScore> HeldOut);

/// <summary>
/// Measures how far a character classifier's probabilities can be trusted on real handwriting it never saw: a temperature is fitted (minimum
/// negative log-likelihood) on the validation splits of the real sets, then the expected calibration error is measured on their held-out test
/// splits with the classifier's own probabilities and at that temperature (<see cref="ConfidenceCalibration"/>).
/// </summary>
public static class CalibrationStudy
{
    /// <summary>Fits on <paramref name="fit"/> and scores <paramref name="heldOut"/> (32×32 grey sets in Scrawl's crop convention, labels by class name).</summary>
    public static CalibrationReport Measure(ICharacterClassifier classifier, IReadOnlyList<ImageSet> fit, IReadOnlyList<ImageSet> heldOut)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(heldOut);
        var (temperature, fitted) = Fit(classifier, fit);
        var scores = heldOut.Select(set => Score(set.Name, Classify(classifier, [set]), temperature)).ToList();
        scores.Add(Score("overall", Classify(classifier, heldOut), temperature));
        return new CalibrationReport(temperature, fitted.Count, scores);
    }

    /// <summary>The temperature fitted on <paramref name="fit"/> (minimum negative log-likelihood) and those crops' own calibration before and after it (named "fit").</summary>
    public static (double Temperature, CalibrationScore Fit) Fit(ICharacterClassifier classifier, IReadOnlyList<ImageSet> fit)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(fit);
        var data = Classify(classifier, fit);
        double temperature = ConfidenceCalibration.FitTemperature(data.P, data.Labels);
        return (temperature, Score("fit", data, temperature));
    }

    private static CalibrationScore Score(string name, (List<float[]> P, List<int> Labels) data, double temperature)
    {
        var before = ConfidenceCalibration.TopOne(data.P, data.Labels);
        var after = ConfidenceCalibration.TopOne([.. data.P.Select(p => ConfidenceCalibration.WithTemperature(p, temperature))], data.Labels);
        return new CalibrationScore(name, before.Count, before.Count(b => b.Correct) / (double)Math.Max(1, before.Count),
            ConfidenceCalibration.ExpectedCalibrationError(before), ConfidenceCalibration.ExpectedCalibrationError(after),
            ConfidenceCalibration.NegativeLogLikelihood(data.P, data.Labels, 1), ConfidenceCalibration.NegativeLogLikelihood(data.P, data.Labels, temperature));
    }

    /// <summary>Every crop of the sets classified, with its label as an index into the classifier's classes (−1 when it has no such class).</summary>
    private static (List<float[]> P, List<int> Labels) Classify(ICharacterClassifier classifier, IReadOnlyList<ImageSet> sets)
    {
        var probabilities = new List<float[]>();
        var labels = new List<int>();
        var position = classifier.ClassNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        foreach (var set in sets)
        {
            if (set.FeatureCount != NetworkClassifier.Side * NetworkClassifier.Side)
            {
                throw new InvalidDataException($"{set.Name}: {set.FeatureCount} features per image; calibration needs 32×32 crops.");
            }

            var features = set.Features();
            var crops = Enumerable.Range(0, set.Count)
                .Select(i => new FloatImage(features.Row(i).ToArray(), NetworkClassifier.Side, NetworkClassifier.Side)).ToList();
            probabilities.AddRange(classifier.Classify(crops));
            labels.AddRange(set.Labels.Select(l => position.GetValueOrDefault(set.ClassNames[l], -1)));
        }

        return (probabilities, labels);
    }
}
