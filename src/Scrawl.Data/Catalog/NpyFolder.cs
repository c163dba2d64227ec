
using Scrawl.Numerics.Formats;

namespace Scrawl.Data.Catalog;

/// <summary>
/// A folder of exported arrays: train_x.npy (N×F float), train_y.npy (N integer labels) and optionally
/// valid_x/valid_y and test_x/test_y, as <c>shared/bench/common.py --export</c> writes. Rows become
/// 1×F images (the features are not necessarily pixels); classes are "0"…"max label".
/// </summary>
internal static class NpyFolder
{
    public static DatasetSplits Load(string folder, string name)
    {
        var parts = new Dictionary<string, (Scrawl.Numerics.Tensor X, int[] Y)>();
        foreach (string split in new[] { "train", "valid", "test" })
        {
            string x = Path.Combine(folder, $"{split}_x.npy");
            string y = Path.Combine(folder, $"{split}_y.npy");
            if (!File.Exists(x) || !File.Exists(y))
            {
                continue;
            }

            var array = NpyReader.Read(x);
            if (array.Shape.Count != 2)
            {
                // Checked before ToTensor, which refuses rank 0 with InvalidOperationException (found by fuzzing).
                throw new InvalidDataException($"{x}: expected N×F features, got shape ({string.Join(", ", array.Shape)}).");
            }

            var features = array.ToTensor();
            var labels = Labels(NpyReader.Read(y), y);
            if (features.Rank != 2 || features.Rows != labels.Length)
            {
                throw new InvalidDataException($"{x}: expected N×F features for the {labels.Length} labels in {y}, got [{features.ShapeText}].");
            }

            int bad = ImageSet.FirstNonFinite(features.Span);
            if (bad >= 0)
            {
                throw new InvalidDataException($"{x}: value {features.Span[bad]} at row {bad / features.Dim(1)}, column {bad % features.Dim(1)}; features must be finite numbers.");
            }

            parts[split] = (features.Reshape(features.Rows, 1, features.Dim(1)), labels);
        }

        if (!parts.ContainsKey("train"))
        {
            throw new InvalidDataException($"{folder}: train_x.npy needs train_y.npy beside it.");
        }

        int classes = parts.Values.Max(p => p.Y.Length == 0 ? 0 : p.Y.Max()) + 1;
        if (parts.Values.Any(p => p.Y.Any(l => l < 0)))
        {
            throw new InvalidDataException($"{folder}: labels must be ≥ 0.");
        }

        string[] names = [.. Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        ImageSet? Set(string split) => parts.TryGetValue(split, out var p) ? new ImageSet(p.X, p.Y, names, $"{name}/{split}") : null;
        return new DatasetSplits(name, Set("train")!, Set("valid"), Set("test"));
    }

    /// <summary>The class labels of <paramref name="array"/>; <see cref="InvalidDataException"/> naming <paramref name="path"/> unless it holds integers that fit an int.</summary>
    private static int[] Labels(NpyArray array, string path)
    {
        if (!array.IsInteger)
        {
            throw new InvalidDataException($"{path}: labels must be integers, got dtype '{array.DType}'.");
        }

        try
        {
            return array.ToLabels();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
