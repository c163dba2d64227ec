using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Losses;

/// <summary>
/// Connectionist temporal classification (Graves et al. 2006) on per-step logits: L = −ln Σ over the alignments π of the label
/// sequence l (blanks between and around its symbols, repeats collapsed) of Π_t softmax(z_t)[π_t], by the forward–backward recursion in
/// log space; dL/dz_t,k = softmax(z_t)_k − Σ_{s: l'_s = k} α_t(s)β_t(s) / (p(l)·softmax(z_t)_k). An output row holds
/// <see cref="Classes"/> × <see cref="Steps"/> logits class-major (entry k·T + t: a convolution's K channels over a 1×T plane); a target
/// row of the same length holds the label sequence as numbers: its length L first, then L class indices in [1, K), the rest ignored
/// (see <see cref="EncodeTarget"/>). Class 0 is the blank. A label sequence that no alignment of T steps can spell (L plus its
/// repeated neighbours above T) is an error.
/// </summary>
public sealed class CtcLoss : ILoss
{
    /// <summary>Creates the loss for <paramref name="classes"/> (≥ 2, blank included) outputs at each of <paramref name="steps"/> (≥ 1) steps.</summary>
    public CtcLoss(int classes, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Classes = classes;
        Steps = steps;
    }

    /// <summary>Outputs per step, the blank (class 0) included (≥ 2).</summary>
    public int Classes { get; }

    /// <summary>Steps T of the sequence (≥ 1).</summary>
    public int Steps { get; }

    /// <inheritdoc/>
    public string Kind => "ctc";

    /// <summary>Writes <paramref name="labels"/> (each in [1, classes)) into a target row of <paramref name="row"/>.Length ≥ labels + 1 values.</summary>
    public static void EncodeTarget(ReadOnlySpan<int> labels, Span<float> row)
    {
        if (row.Length < labels.Length + 1)
        {
            throw new ArgumentException($"A target row of {row.Length} values cannot hold {labels.Length} labels.", nameof(row));
        }

        row.Clear();
        row[0] = labels.Length;
        for (int i = 0; i < labels.Length; i++)
        {
            row[i + 1] = labels[i];
        }
    }

    /// <inheritdoc/>
    public double Compute(Tensor output, Tensor target, Tensor? gradient, Reduction reduction)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.EnsureSameShape(target, nameof(target));
        CheckRow(output.RowLength);
        int rows = output.Rows;
        gradient?.Resize(rows, output.RowLength);
        double scale = reduction == Reduction.Mean && rows > 0 ? 1.0 / rows : 1.0;
        var losses = new double[rows];
        var labels = new int[rows][];
        for (int r = 0; r < rows; r++)
        {
            labels[r] = Labels(target.Row(r));
        }

        Parallel.For(0, rows, r =>
        {
            var z = new double[output.RowLength];
            var row = output.Row(r);
            for (int i = 0; i < z.Length; i++)
            {
                z[i] = row[i];
            }

            var g = gradient is null ? null : new double[z.Length];
            losses[r] = Sample(z, labels[r], g);
            if (g is not null)
            {
                var destination = gradient!.Row(r);
                for (int i = 0; i < g.Length; i++)
                {
                    destination[i] = (float)(g[i] * scale);
                }
            }
        });
        return losses.Sum();
    }

    /// <inheritdoc/>
    public double ComputeFloat64(ReadOnlySpan<double> output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        CheckRow(target.RowLength);
        int length = target.RowLength;
        double total = 0;
        for (int r = 0; r < target.Rows; r++)
        {
            total += Sample(output.Slice(r * length, length).ToArray(), Labels(target.Row(r)), null);
        }

        return total;
    }

    /// <summary>−ln p(labels | z) for one row of class-major logits; with <paramref name="gradient"/>, dL/dz written into it.</summary>
    private double Sample(double[] z, int[] labels, double[]? gradient)
    {
        int k = Classes, t = Steps, s = (2 * labels.Length) + 1;
        var logp = LogSoftmax(z);
        var ext = new int[s];
        for (int i = 0; i < labels.Length; i++)
        {
            ext[(2 * i) + 1] = labels[i];
        }

        var alpha = Forward(logp, ext);
        double total = LogAdd(alpha[((t - 1) * s) + s - 1], s > 1 ? alpha[((t - 1) * s) + s - 2] : double.NegativeInfinity);
        if (double.IsNegativeInfinity(total))
        {
            throw new ArgumentException($"The label sequence of length {labels.Length} cannot be spelled in {t} steps.");
        }

        if (gradient is not null)
        {
            var beta = Backward(logp, ext);
            var occupancy = new double[k * t];
            Array.Fill(occupancy, double.NegativeInfinity);
            for (int step = 0; step < t; step++)
            {
                for (int j = 0; j < s; j++)
                {
                    int at = (ext[j] * t) + step;
                    occupancy[at] = LogAdd(occupancy[at], alpha[(step * s) + j] + beta[(step * s) + j] - logp[at]);
                }
            }

            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] = Math.Exp(logp[i]) - Math.Exp(occupancy[i] - total);
            }
        }

        return -total;
    }

    /// <summary>α_t(s): ln of the probability of the alignments of the first t + 1 steps that end in extended label s (row-major [T × S]).</summary>
    private double[] Forward(double[] logp, int[] ext)
    {
        int t = Steps, s = ext.Length;
        var alpha = new double[t * s];
        Array.Fill(alpha, double.NegativeInfinity);
        alpha[0] = logp[ext[0] * t];
        if (s > 1)
        {
            alpha[1] = logp[ext[1] * t];
        }

        for (int step = 1; step < t; step++)
        {
            for (int j = 0; j < s; j++)
            {
                double sum = alpha[((step - 1) * s) + j];
                if (j > 0)
                {
                    sum = LogAdd(sum, alpha[((step - 1) * s) + j - 1]);
                }

                if (j > 1 && ext[j] != 0 && ext[j] != ext[j - 2])
                {
                    sum = LogAdd(sum, alpha[((step - 1) * s) + j - 2]);
                }

                alpha[(step * s) + j] = sum + logp[(ext[j] * t) + step];
            }
        }

        return alpha;
    }

    /// <summary>β_t(s): ln of the probability of the alignments of steps t … T − 1 that start in extended label s and end the sequence (row-major [T × S]).</summary>
    private double[] Backward(double[] logp, int[] ext)
    {
        int t = Steps, s = ext.Length;
        var beta = new double[t * s];
        Array.Fill(beta, double.NegativeInfinity);
        beta[((t - 1) * s) + s - 1] = logp[(ext[s - 1] * t) + t - 1];
        if (s > 1)
        {
            beta[((t - 1) * s) + s - 2] = logp[(ext[s - 2] * t) + t - 1];
        }

        for (int step = t - 2; step >= 0; step--)
        {
            for (int j = 0; j < s; j++)
            {
                double sum = beta[((step + 1) * s) + j];
                if (j < s - 1)
                {
                    sum = LogAdd(sum, beta[((step + 1) * s) + j + 1]);
                }

                if (j < s - 2 && ext[j + 2] != 0 && ext[j + 2] != ext[j])
                {
                    sum = LogAdd(sum, beta[((step + 1) * s) + j + 2]);
                }

                beta[(step * s) + j] = sum + logp[(ext[j] * t) + step];
            }
        }

        return beta;
    }

    /// <summary>ln softmax over the classes at every step of a class-major row.</summary>
    private double[] LogSoftmax(double[] z)
    {
        int k = Classes, t = Steps;
        var result = new double[z.Length];
        for (int step = 0; step < t; step++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                max = Math.Max(max, z[(c * t) + step]);
            }

            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                sum += Math.Exp(z[(c * t) + step] - max);
            }

            double log = max + Math.Log(sum);
            for (int c = 0; c < k; c++)
            {
                result[(c * t) + step] = z[(c * t) + step] - log;
            }
        }

        return result;
    }

    private int[] Labels(ReadOnlySpan<float> row)
    {
        int length = (int)row[0];
        if (length < 1 || length != row[0] || length + 1 > row.Length)
        {
            throw new ArgumentException($"A CTC target row must start with its label count (≥ 1, ≤ {row.Length - 1}), got {row[0]}.");
        }

        var labels = new int[length];
        int needed = length;
        for (int i = 0; i < length; i++)
        {
            float v = row[i + 1];
            labels[i] = (int)v;
            if (labels[i] != v || labels[i] < 1 || labels[i] >= Classes)
            {
                throw new ArgumentException($"CTC label {v} is not a class index in [1, {Classes}).");
            }

            needed += i > 0 && labels[i] == labels[i - 1] ? 1 : 0;
        }

        if (needed > Steps)
        {
            throw new ArgumentException($"The label sequence of length {length} needs {needed} steps; the output has {Steps}.");
        }

        return labels;
    }

    private void CheckRow(int length)
    {
        if (length != Classes * Steps)
        {
            throw new ArgumentException($"CTC rows must hold {Classes} classes × {Steps} steps = {Classes * Steps} values, got {length}.");
        }
    }

    private static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        return Math.Max(a, b) + Math.Log(1 + Math.Exp(-Math.Abs(a - b)));
    }
}
