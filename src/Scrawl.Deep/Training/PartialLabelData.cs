using System.Security.Cryptography;
using Scrawl.Data;
using static TorchSharp.torch;

namespace Scrawl.Deep.Training;

/// <summary>
/// Training data whose labels are class groups: the main set's images keep their exact class (group c = class c), and a
/// second set labelled with letter case merged (e.g. EMNIST's 36-class <c>more36</c>, where "O" means O or o) adds one group
/// per merged class, covering every main class that <see cref="CaseMerge"/> folds into it. Trained with <see cref="PartialLabelLoss"/>.
/// </summary>
public static class PartialLabelData
{
    /// <summary>
    /// The group masks [G × C] (bool) for <paramref name="classes"/> (the model's C classes) followed by one group per class of
    /// <paramref name="coarseClasses"/>, a case merge to 36, 47 or 62 classes of them; a coarse class that covers no class of the
    /// model, or a coarse class count that is no merge target, is an <see cref="InvalidDataException"/> naming <paramref name="setName"/>.
    /// </summary>
    public static bool[,] Masks(IReadOnlyList<string> classes, IReadOnlyList<string> coarseClasses, string setName)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(coarseClasses);
        if (!CaseMerge.Targets.Contains(coarseClasses.Count))
        {
            throw new InvalidDataException($"{setName}: has {coarseClasses.Count} classes; case-merged labels need 36, 47 or 62.");
        }

        int c = classes.Count, g = c + coarseClasses.Count;
        var masks = new bool[g, c];
        for (int i = 0; i < c; i++)
        {
            masks[i, i] = true;
        }

        for (int k = 0; k < coarseClasses.Count; k++)
        {
            bool any = false;
            for (int i = 0; i < c; i++)
            {
                bool covered = CaseMerge.Target(classes[i], coarseClasses.Count) == coarseClasses[k];
                masks[c + k, i] = covered;
                any |= covered;
            }

            if (!any)
            {
                throw new InvalidDataException($"{setName}: class '{coarseClasses[k]}' covers none of the model's classes ({string.Join(" ", classes.Take(12))} …).");
            }
        }

        return masks;
    }

    /// <summary>
    /// The images of <paramref name="main"/> and of <paramref name="coarse"/> (same size and channels) as one training set whose labels
    /// are groups (main: its labels; coarse: C + its labels) with <see cref="Masks"/>; a coarse image pixel-identical to one of
    /// <paramref name="exclude"/> (the held-out data) is left out. Returns the set and how many were left out.
    /// </summary>
    public static (LabelledTensors Train, int Excluded) Combine(ImageSet main, ImageSet coarse, IEnumerable<ImageSet> exclude)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(coarse);
        ArgumentNullException.ThrowIfNull(exclude);
        if (coarse.Height != main.Height || coarse.Width != main.Width || coarse.Channels != main.Channels)
        {
            throw new InvalidDataException($"{coarse.Name}: images are {coarse.Height}×{coarse.Width}×{coarse.Channels}, {main.Name}'s {main.Height}×{main.Width}×{main.Channels}.");
        }

        var masks = Masks(main.ClassNames, coarse.ClassNames, coarse.Name);
        var heldOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in exclude)
        {
            for (int i = 0; i < set.Count; i++)
            {
                heldOut.Add(Key(set, i));
            }
        }

        var keep = Enumerable.Range(0, coarse.Count).Where(i => !heldOut.Contains(Key(coarse, i))).ToArray();
        int pixels = main.Height * main.Width * main.Channels;
        var images = new float[(long)(main.Count + keep.Length) * pixels];
        main.Images.Span.CopyTo(images);
        var source = coarse.Images.Span;
        for (int j = 0; j < keep.Length; j++)
        {
            source.Slice(keep[j] * pixels, pixels).CopyTo(images.AsSpan((main.Count + j) * pixels, pixels));
        }

        long[] labels = [.. main.Labels.Select(l => (long)l), .. keep.Select(i => (long)(main.ClassNames.Count + coarse.Labels[i]))];
        var t = tensor(images, [main.Count + keep.Length, main.Height, main.Width, main.Channels]);
        using (t)
        {
            var train = new LabelledTensors(t.permute(0, 3, 1, 2).contiguous(), tensor(labels), Flatten(masks));
            return (train, coarse.Count - keep.Length);
        }
    }

    private static Tensor Flatten(bool[,] masks)
    {
        int rows = masks.GetLength(0), columns = masks.GetLength(1);
        var flat = new bool[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                flat[(r * columns) + c] = masks[r, c];
            }
        }

        return tensor(flat, [rows, columns]);
    }

    private static string Key(ImageSet set, int index)
    {
        int pixels = set.Height * set.Width * set.Channels;
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(set.Images.Span.Slice(index * pixels, pixels));
        return $"{set.Height}x{set.Width}x{set.Channels}:" + Convert.ToHexString(SHA256.HashData(bytes));
    }
}
