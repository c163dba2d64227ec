using Scrawl.Data;
using Scrawl.Deep.Training;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>The partial-label loss (value and gradient against a reference in doubles), its group masks and the combined training set.</summary>
public sealed class PartialLabelTests
{
    private static readonly float[,] LogitValues = { { 1.0f, -0.5f, 2.0f, 0.3f }, { -1.2f, 0.7f, 0.1f, 1.5f }, { 0.0f, 0.0f, -2.0f, 3.0f } };

    // Groups: 0–3 one class each, 4 = {0, 1}, 5 = {1, 2, 3}.
    private static readonly bool[][] GroupRows =
        [[true, false, false, false], [false, true, false, false], [false, false, true, false], [false, false, false, true], [true, true, false, false], [false, true, true, true]];

    private static Tensor Masks() => tensor(GroupRows.SelectMany(r => r).ToArray(), [GroupRows.Length, 4]);

    /// <summary>Reference loss and gradient in doubles: mean over samples of (1 − ε)(−log Σ_S p) + ε·mean_c(−log p_c).</summary>
    private static (double Loss, double[,] Gradient) Reference(long[] groups, double smoothing)
    {
        int n = groups.Length, c = 4;
        double loss = 0;
        var gradient = new double[n, c];
        for (int i = 0; i < n; i++)
        {
            double max = Enumerable.Range(0, c).Max(k => (double)LogitValues[i, k]);
            double[] e = [.. Enumerable.Range(0, c).Select(k => Math.Exp(LogitValues[i, k] - max))];
            double z = e.Sum();
            double[] p = [.. e.Select(v => v / z)];
            bool[] s = GroupRows[groups[i]];
            double inSet = Enumerable.Range(0, c).Where(k => s[k]).Sum(k => p[k]);
            loss += ((1 - smoothing) * -Math.Log(inSet)) + (smoothing * Enumerable.Range(0, c).Average(k => -Math.Log(p[k])));
            for (int k = 0; k < c; k++)
            {
                // d/dz_k: (1 − ε)(p_k − q_k) + ε(p_k − 1/C), q = p restricted to S and renormalised.
                double q = s[k] ? p[k] / inSet : 0;
                gradient[i, k] = (((1 - smoothing) * (p[k] - q)) + (smoothing * (p[k] - (1.0 / c)))) / n;
            }
        }

        return (loss / n, gradient);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Loss_and_gradient_match_the_reference(double smoothing)
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        long[] groupIds = [4, 5, 2];
        using var logits = tensor(LogitValues).requires_grad_();
        using var groups = tensor(groupIds);
        using var masks = Masks();
        using var loss = PartialLabelLoss.Compute(logits, groups, masks, smoothing);
        loss.backward();
        var (expected, gradient) = Reference(groupIds, smoothing);
        Assert.Equal(expected, loss.item<float>(), 1e-6);
        float[] actual = logits.grad!.data<float>().ToArray();
        for (int i = 0; i < 3; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(gradient[i, k], actual[(i * 4) + k], 1e-6);
            }
        }
    }

    [Fact]
    public void One_class_groups_are_libtorchs_cross_entropy_with_label_smoothing()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        using var logits = tensor(LogitValues);
        using var labels = tensor(new long[] { 2, 0, 3 });
        using var masks = Masks();
        using var partial = PartialLabelLoss.Compute(logits, labels, masks, 0.2);
        using var reference = nn.functional.cross_entropy(logits, labels, label_smoothing: 0.2);
        Assert.Equal(reference.item<float>(), partial.item<float>(), 1e-6);
    }

    [Fact]
    public void Hits_count_a_top_class_inside_the_allowed_group()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        // Top classes: 2, 3, 3. Group 4 = {0, 1} misses 2; group 5 = {1, 2, 3} holds 3; group 3 holds 3.
        using var logits = tensor(LogitValues);
        using var groups = tensor(new long[] { 4, 5, 3 });
        using var masks = Masks();
        Assert.Equal(2, PartialLabelLoss.Hits(logits, groups, masks));
    }

    private static readonly string[] Classes62 = [.. "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".Select(ch => ch.ToString())];

    [Fact]
    public void A_36_class_label_covers_the_letter_in_both_cases_and_a_digit_only_itself()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        string[] coarse = [.. Classes62.Take(36)];
        var masks = PartialLabelData.Masks(Classes62, coarse, "more36");
        Assert.Equal(62 + 36, masks.GetLength(0));
        bool[] Row(int g) => [.. Enumerable.Range(0, 62).Select(c => masks[g, c])];
        string[] Covered(int g) => [.. Enumerable.Range(0, 62).Where(c => masks[g, c]).Select(c => Classes62[c])];
        Assert.Equal(["a"], Covered(36)); // the first 62 groups are the exact classes
        Assert.Equal(["O", "o"], Covered(62 + 24)); // coarse "O"
        Assert.Equal(["0"], Covered(62 + 0)); // coarse "0": digits map to themselves
        Assert.Equal(["Z", "z"], Covered(62 + 35));
        Assert.All(Enumerable.Range(62, 36), g => Assert.Contains(true, Row(g)));
    }

    [Fact]
    public void A_47_class_label_covers_both_cases_only_of_the_merged_letters()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        var merged = new ImageSet(new Numerics.Tensor(62, 1, 1), [.. Enumerable.Range(0, 62)], Classes62, "x");
        var coarse = CaseMerge.Apply(merged, 47).ClassNames;
        var masks = PartialLabelData.Masks(Classes62, coarse, "balanced");
        int C = coarse.ToList().IndexOf("C"), a = coarse.ToList().IndexOf("a");
        Assert.True(masks[62 + C, Array.IndexOf(Classes62, "C")] && masks[62 + C, Array.IndexOf(Classes62, "c")]);
        Assert.Equal(1, Enumerable.Range(0, 62).Count(c => masks[62 + a, c])); // a stays its own class in the 47-class merge
    }

    [Fact]
    public void Coarse_classes_that_fit_no_merge_are_rejected_with_the_set_name()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        var e = Assert.Throws<InvalidDataException>(() => PartialLabelData.Masks(Classes62, ["A", "B", "C"], "odd-set"));
        Assert.Contains("odd-set", e.Message, StringComparison.Ordinal);
        string[] unknown = [.. Classes62.Take(35), "#"];
        Assert.Contains("'#'", Assert.Throws<InvalidDataException>(() => PartialLabelData.Masks(Classes62, unknown, "odd-set")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_appends_the_coarse_images_as_groups_and_leaves_out_held_out_duplicates()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        // 1×2-pixel images whose pixels name them; the coarse set's second image equals the held-out one.
        static ImageSet Set(float[] pixels, int[] labels, IReadOnlyList<string> classes, string name) =>
            new(Numerics.Tensor.FromArray(pixels, [labels.Length, 1, 2]), labels, classes, name);
        var main = Set([1, 1, 2, 2], [0, 37], Classes62, "main");
        var coarse = Set([3, 3, 4, 4, 5, 5], [24, 1, 10], [.. Classes62.Take(36)], "coarse");
        var heldOut = Set([4, 4], [1], Classes62, "test");
        var (train, excluded) = PartialLabelData.Combine(main, coarse, [heldOut]);
        using (train)
        {
            Assert.Equal(1, excluded);
            Assert.Equal([0L, 37L, 62 + 24, 62 + 10], train.Labels.data<long>().ToArray());
            Assert.Equal([1f, 1f, 2f, 2f, 3f, 3f, 5f, 5f], train.Images.data<float>().ToArray());
            Assert.Equal([4L, 1L, 1L, 2L], train.Images.shape);
            Assert.Equal([98L, 62L], train.GroupMasks!.shape);
        }
    }
}
