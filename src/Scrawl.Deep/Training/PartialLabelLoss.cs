using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Training;

/// <summary>
/// Softmax cross-entropy with partial labels (Jin &amp; Ghahramani 2002; Cour et al. 2011): a sample's label names a set S of
/// classes it may belong to (a row of a group mask), and its loss is −log Σ_{c∈S} p_c, p = softmax(logits). A one-class set is
/// ordinary cross-entropy. With label smoothing ε the loss is (1 − ε)·(−log Σ_S p) + ε·mean_c(−log p_c), which for one-class sets
/// equals libtorch's <c>cross_entropy(…, label_smoothing: ε)</c>. Gradient with respect to the logits (ε = 0): p − q, where q is p
/// restricted to S and renormalised.
/// </summary>
public static class PartialLabelLoss
{
    /// <summary>
    /// Mean loss over the batch of <paramref name="logits"/> [N × C]; <paramref name="groups"/> [N] (int64) indexes the rows of
    /// <paramref name="masks"/> [G × C] (bool: the classes each group allows; every row needs one); <paramref name="smoothing"/> in [0, 1).
    /// </summary>
    public static Tensor Compute(Tensor logits, Tensor groups, Tensor masks, double smoothing = 0)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(masks);
        if (!(smoothing >= 0 && smoothing < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "Label smoothing must lie in [0, 1).");
        }

        using var scope = NewDisposeScope();
        var logProbabilities = functional.log_softmax(logits, 1);
        var allowed = masks.index_select(0, groups);
        // log Σ_S p = logsumexp over the allowed log-probabilities (the others set to −∞).
        var partial = logProbabilities.masked_fill(allowed.logical_not(), float.NegativeInfinity).logsumexp(1).neg();
        var perSample = smoothing > 0 ? partial.mul(1 - smoothing).add(logProbabilities.mean([1]).neg().mul(smoothing)) : partial;
        return perSample.mean().MoveToOuterDisposeScope();
    }

    /// <summary>How many samples' top class lies in their allowed set: <paramref name="logits"/> [N × C], <paramref name="groups"/> [N], <paramref name="masks"/> [G × C].</summary>
    public static long Hits(Tensor logits, Tensor groups, Tensor masks)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(masks);
        using var scope = NewDisposeScope();
        var top = logits.argmax(1);
        return masks.index_select(0, groups).gather(1, top.unsqueeze(1)).sum().item<long>();
    }
}
