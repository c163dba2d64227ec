namespace Scrawl.Ocr;

/// <summary>
/// How well a classifier's top-1 probabilities match how often it is right, and temperature scaling (Guo et al. 2017, "On Calibration of Modern
/// Neural Networks"): every probability vector p becomes p^(1/T) / Σ p^(1/T), which is softmax(z / T) for the logits z — the argmax never changes.
/// </summary>
public static class ConfidenceCalibration
{
    /// <summary>
    /// Expected calibration error in [0, 1] of top-1 confidences: Σ over <paramref name="bins"/> (≥ 1) equal-width bins of (bin count / total) ×
    /// |accuracy − mean confidence| (the last bin includes 1); 0 for no predictions.
    /// </summary>
    public static double ExpectedCalibrationError(IReadOnlyList<(double Confidence, bool Correct)> predictions, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new int[bins];
        var right = new int[bins];
        var confidence = new double[bins];
        foreach (var (c, correct) in predictions)
        {
            int b = Math.Clamp((int)(c * bins), 0, bins - 1);
            count[b]++;
            right[b] += correct ? 1 : 0;
            confidence[b] += c;
        }

        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            ece += count[b] == 0 ? 0 : (double)count[b] / predictions.Count * Math.Abs(((double)right[b] / count[b]) - (confidence[b] / count[b]));
        }

        return ece;
    }

    /// <summary>The top-1 confidence of each vector and whether its argmax is the label (labels: class indices, or −1 for none of the classes).</summary>
    public static List<(double Confidence, bool Correct)> TopOne(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities.Count != labels.Count)
        {
            throw new ArgumentException($"{probabilities.Count} probability vectors for {labels.Count} labels.", nameof(labels));
        }

        return [.. probabilities.Select((p, i) =>
        {
            int top = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p);
            return ((double)p[top], top == labels[i]);
        })];
    }

    /// <summary>The vector <paramref name="p"/> (probabilities ≥ 0) at temperature <paramref name="temperature"/> (&gt; 0): p^(1/T), renormalised.</summary>
    public static float[] WithTemperature(ReadOnlySpan<float> p, double temperature)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(temperature, 0);
        var result = new float[p.Length];
        double max = 0, sum = 0;
        foreach (float v in p)
        {
            max = Math.Max(max, v);
        }

        if (max <= 0)
        {
            return result;
        }

        for (int c = 0; c < p.Length; c++)
        {
            // (p / max)^(1/T) keeps the largest term at 1: no overflow for small T.
            double scaled = p[c] > 0 ? Math.Pow(p[c] / max, 1 / temperature) : 0;
            result[c] = (float)scaled;
            sum += scaled;
        }

        for (int c = 0; c < p.Length; c++)
        {
            result[c] = (float)(result[c] / sum);
        }

        return result;
    }

    /// <summary>Mean negative log-likelihood of the labels (class indices; −1 entries skipped) at <paramref name="temperature"/>; probabilities floored at 1e-12.</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels, double temperature)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < probabilities.Count; i++)
        {
            if (labels[i] >= 0)
            {
                sum -= Math.Log(Math.Max(WithTemperature(probabilities[i], temperature)[labels[i]], 1e-12));
                n++;
            }
        }

        return n > 0 ? sum / n : 0;
    }

    /// <summary>The temperature in [1/16, 16] that minimises <see cref="NegativeLogLikelihood"/> on the given vectors: golden-section search over log T (the NLL is unimodal in it).</summary>
    public static double FitTemperature(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels)
    {
        double low = Math.Log(1.0 / 16), high = Math.Log(16);
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double a = high - (ratio * (high - low)), b = low + (ratio * (high - low));
        double fa = NegativeLogLikelihood(probabilities, labels, Math.Exp(a)), fb = NegativeLogLikelihood(probabilities, labels, Math.Exp(b));
        for (int step = 0; step < 40; step++)
        {
            if (fa <= fb)
            {
                (high, b, fb) = (b, a, fa);
                a = high - (ratio * (high - low));
                fa = NegativeLogLikelihood(probabilities, labels, Math.Exp(a));
            }
            else
            {
                (low, a, fa) = (a, b, fb);
                b = low + (ratio * (high - low));
                fb = NegativeLogLikelihood(probabilities, labels, Math.Exp(b));
            }
        }

        return Math.Exp((low + high) / 2);
    }
}
