using Scrawl.NeuralNet.Checking;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests;

/// <summary>CTC against PyTorch's <c>ctc_loss</c>, against a brute-force sum over every alignment, and against central differences.</summary>
public class CtcLossTests
{
    // Two samples, 5 classes × 6 steps, class-major; PyTorch 1.13 (Debian python3-torch), float64:
    // F.ctc_loss(log_softmax(z, dim=1).permute(2, 0, 1), [1,2,2, 3,4], [6,6], [3,2], blank=0, reduction='none').
    private static readonly float[] Logits =
    [
        -1.657403f, -1.052758f, 1.205098f, 0.328648f, -1.623485f, -0.267492f, -0.083795f, -1.361044f, 0.938309f, -1.545312f,
        -0.435087f, 0.066961f, -0.277488f, 0.347194f, 0.951351f, 1.825069f, -0.863195f, 0.594189f, 0.784864f, -0.829117f,
        -1.994040f, 1.893841f, -0.806395f, -0.744056f, 1.566844f, 0.340652f, -0.114761f, 1.093108f, -1.878616f, 0.827860f,
        -0.503025f, -1.636589f, 0.642000f, 1.725855f, -1.171235f, 0.520361f, -0.807348f, 0.967027f, 0.888659f, -1.125138f,
        1.319548f, 0.630609f, 0.731196f, 1.280303f, -0.285708f, 1.034822f, 1.513921f, -1.590720f, 1.399073f, -0.424291f,
        -0.081264f, -1.414662f, 0.793705f, -0.832086f, 1.484557f, -0.898502f, 0.247239f, -0.401375f, 0.451638f, -1.213443f,
    ];

    private static Tensor Targets(int length, params int[][] labels)
    {
        var t = new Tensor(labels.Length, length);
        for (int r = 0; r < labels.Length; r++)
        {
            CtcLoss.EncodeTarget(labels[r], t.Row(r));
        }

        return t;
    }

    [Fact]
    public void Loss_and_gradient_match_pytorch()
    {
        var loss = new CtcLoss(5, 6);
        var z = Tensor.FromArray((float[])Logits.Clone(), 2, 30);
        var gradient = new Tensor(1, 1);
        double total = loss.Compute(z, Targets(30, [1, 2, 2], [3, 4]), gradient, Reduction.Sum);
        Assert.Equal(6.884534578567888 + 7.18084067192466, total, 1e-5);
        // dL/dz for sample 0, step 0, classes 0–4, and sample 1, step 5 (PyTorch's autograd).
        double[] first = [-0.0007977068008571595, -0.8737719164138225, 0.085599099643198, 0.2476525305331326, 0.5413179930383489];
        double[] last = [-0.4745904391531422, 0.41773477783508456, 0.045309538614818096, 0.09675212754974905, -0.08520600484650952];
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(first[k], gradient[0, k * 6], 1e-5);
            Assert.Equal(last[k], gradient[1, (k * 6) + 5], 1e-5);
        }
    }

    [Fact]
    public void Loss_is_the_negative_log_of_the_summed_alignments()
    {
        // 3 classes × 4 steps: all 81 paths, collapsed (merge repeats, drop blanks), summed where they spell "1 2".
        var z = TestData.Uniform(7, -2f, 2f, 1, 12);
        double sum = 0;
        for (int path = 0; path < 81; path++)
        {
            var symbols = new int[4];
            double p = 1;
            for (int t = 0, code = path; t < 4; t++, code /= 3)
            {
                symbols[t] = code % 3;
                double denominator = 0;
                for (int k = 0; k < 3; k++)
                {
                    denominator += Math.Exp(z[0, (k * 4) + t]);
                }

                p *= Math.Exp(z[0, (symbols[t] * 4) + t]) / denominator;
            }

            var spelled = symbols.Where((s, t) => s != 0 && (t == 0 || symbols[t - 1] != s)).ToArray();
            if (spelled.SequenceEqual([1, 2]))
            {
                sum += p;
            }
        }

        Assert.Equal(-Math.Log(sum), new CtcLoss(3, 4).Compute(z, Targets(12, [1, 2]), null, Reduction.Sum), 1e-9);
    }

    [Fact]
    public void Gradients_pass_the_check_through_a_network()
    {
        var random = new SeededRandom(11);
        var net = new Sequential(6, new Dense(6, 8, random), new Tanh(), new Dense(8, 4 * 5, random));
        var x = TestData.Uniform(12, -1f, 1f, 3, 6);
        var result = GradientChecker.Check(net, new CtcLoss(4, 5), x, Targets(20, [1, 1], [3], [2, 3, 1]), new GradientCheckOptions());
        Assert.True(result.Passed, string.Join("; ", result.Entries.Select(e => $"{e.Name} {e.RelativeError:E2}")));
    }

    [Fact]
    public void Mean_reduction_divides_the_gradient_by_the_batch()
    {
        var loss = new CtcLoss(5, 6);
        var z = Tensor.FromArray((float[])Logits.Clone(), 2, 30);
        var sum = new Tensor(1, 1);
        var mean = new Tensor(1, 1);
        var targets = Targets(30, [1, 2, 2], [3, 4]);
        Assert.Equal(loss.Compute(z, targets, sum, Reduction.Sum), loss.Compute(z, targets, mean, Reduction.Mean), 1e-12);
        for (int i = 0; i < 60; i++)
        {
            Assert.Equal(sum.Span[i] / 2, mean.Span[i], 1e-7);
        }
    }

    [Fact]
    public void A_sequence_too_long_for_the_steps_is_refused_with_the_counts()
    {
        // "1 1 2" needs a blank between the repeated 1s: 4 steps, with 3 available.
        var e = Assert.Throws<ArgumentException>(() => new CtcLoss(3, 3).Compute(new Tensor(1, 9), Targets(9, [1, 1, 2]), null, Reduction.Sum));
        Assert.Contains("needs 4 steps", e.Message);
        Assert.Throws<ArgumentException>(() => new CtcLoss(3, 3).Compute(new Tensor(1, 9), Targets(9, [1, 3]), null, Reduction.Sum));
        Assert.Throws<ArgumentException>(() => new CtcLoss(3, 3).Compute(new Tensor(1, 8), new Tensor(1, 8), null, Reduction.Sum));
    }
}
