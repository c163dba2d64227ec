using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Training;

/// <summary>Conversions between integer class labels and one-hot target rows.</summary>
public static class Labels
{
    /// <summary>One-hot matrix [labels.Length × classes]; every label must be in [0, classes).</summary>
    public static Tensor OneHot(ReadOnlySpan<int> labels, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var t = new Tensor(labels.Length, classes);
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"Label {labels[i]} at index {i} is outside 0..{classes - 1}.", nameof(labels));
            }

            t[i, labels[i]] = 1f;
        }

        return t;
    }
}
