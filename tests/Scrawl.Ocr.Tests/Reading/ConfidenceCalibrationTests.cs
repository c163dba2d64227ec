using Scrawl.Numerics;

namespace Scrawl.Ocr.Tests.Reading;

public class ConfidenceCalibrationTests
{
    [Fact]
    public void The_calibration_error_of_hand_counted_bins()
    {
        // Bin 0.9–1.0: confidences 0.95 and 0.95, one right (accuracy 0.5, mean 0.95); bin 0.6–0.7: 0.65, right (1 vs 0.65).
        (double, bool)[] predictions = [(0.95, true), (0.95, false), (0.65, true)];
        Assert.Equal((2.0 / 3 * 0.45) + (1.0 / 3 * 0.35), ConfidenceCalibration.ExpectedCalibrationError(predictions), 12);
        Assert.Equal(0, ConfidenceCalibration.ExpectedCalibrationError([(1.0, true), (0.5, true), (0.5, false)]), 12);
        Assert.Equal(0, ConfidenceCalibration.ExpectedCalibrationError([]));
    }

    [Fact]
    public void A_temperature_is_a_softmax_of_scaled_logits_and_keeps_the_argmax()
    {
        float[] logits = [2f, 0.5f, -1f, 0f];
        var p = new float[4];
        var expected = new float[4];
        System.Numerics.Tensors.TensorPrimitives.SoftMax(logits, p);
        System.Numerics.Tensors.TensorPrimitives.SoftMax(logits.Select(z => z / 2.5f).ToArray(), expected);
        var scaled = ConfidenceCalibration.WithTemperature(p, 2.5);
        for (int c = 0; c < 4; c++)
        {
            Assert.Equal(expected[c], scaled[c], 1e-6);
        }

        Assert.Equal(p, ConfidenceCalibration.WithTemperature(p, 1), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Fitting_recovers_the_temperature_that_made_over_confident_probabilities()
    {
        // Labels drawn from softmax(z); the classifier reports softmax(3z): the fitted temperature must undo the factor 3.
        var random = new SeededRandom(11);
        var reported = new List<float[]>();
        var labels = new List<int>();
        for (int n = 0; n < 4000; n++)
        {
            var z = Enumerable.Range(0, 5).Select(_ => (float)random.Uniform(-1.5, 1.5)).ToArray();
            var truth = new float[5];
            var over = new float[5];
            System.Numerics.Tensors.TensorPrimitives.SoftMax(z, truth);
            System.Numerics.Tensors.TensorPrimitives.SoftMax(z.Select(v => 3 * v).ToArray(), over);
            double u = random.NextDouble(), sum = 0;
            int label = 4;
            for (int c = 0; c < 5; c++)
            {
                sum += truth[c];
                if (u < sum)
                {
                    label = c;
                    break;
                }
            }

            reported.Add(over);
            labels.Add(label);
        }

        double t = ConfidenceCalibration.FitTemperature(reported, labels);
        Assert.InRange(t, 2.7, 3.3);
        var before = ConfidenceCalibration.TopOne(reported, labels);
        var after = ConfidenceCalibration.TopOne([.. reported.Select(p => ConfidenceCalibration.WithTemperature(p, t))], labels);
        Assert.True(ConfidenceCalibration.ExpectedCalibrationError(after) < ConfidenceCalibration.ExpectedCalibrationError(before) / 3);
        Assert.Equal(before.Select(b => b.Correct), after.Select(a => a.Correct));
    }
}
