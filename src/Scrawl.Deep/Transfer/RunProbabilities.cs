using System.Globalization;
using System.Text;
using Scrawl.Numerics;

namespace Scrawl.Deep.Transfer;

/// <summary>A model's softmax on one split: <paramref name="Views"/> views of each image, stored view-major in <paramref name="Values"/>.</summary>
/// <param name="Name">The split's name (e.g. valid, test).</param>
/// <param name="Labels">The true class of each image.</param>
/// <param name="Views">Views per image (1, or 2 with the mirror), ≥ 1.</param>
/// <param name="Classes">Classes, ≥ 1.</param>
/// <param name="Values">Probabilities [view × image × class], flattened.</param>
public sealed record SplitProbabilities(string Name, int[] Labels, int Views, int Classes, float[] Values)
{
    /// <summary>Images in the split.</summary>
    public int Count => Labels.Length;

    /// <summary>Each image's probabilities [image × class]: the mean over its views, or its first view alone.</summary>
    public float[] Mean(bool firstViewOnly = false)
    {
        int perView = Count * Classes, views = firstViewOnly ? 1 : Views;
        var mean = new float[perView];
        for (int v = 0; v < views; v++)
        {
            for (int i = 0; i < perView; i++)
            {
                mean[i] += Values[(v * perView) + i] / views;
            }
        }

        return mean;
    }

    /// <summary>Images whose most probable class (of <see cref="Mean"/>) is not their label.</summary>
    public int Errors(bool firstViewOnly = false) => ErrorsOf(Mean(firstViewOnly), Labels, Classes);

    /// <summary>Images of [image × class] <paramref name="probabilities"/> whose arg-max (first on ties) is not their label.</summary>
    public static int ErrorsOf(float[] probabilities, int[] labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        int errors = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                best = row[c] > row[best] ? c : best;
            }

            errors += best == labels[i] ? 0 : 1;
        }

        return errors;
    }
}

/// <summary>
/// The valid/test probabilities a fine-tuning run leaves in its folder (<c>pretrained-probabilities.csv</c>), so runs that
/// differ by seed or settings can be averaged afterwards (<see cref="ProbabilityEnsemble"/>). Text: a version line, a header
/// <c>split,view,image,label,p0,…</c>, then one row per view and image, view-major within each split.
/// </summary>
/// <param name="Splits">The splits, in file order.</param>
/// <param name="Source">Where the probabilities came from (a path), for messages.</param>
public sealed record RunProbabilities(IReadOnlyList<SplitProbabilities> Splits, string Source = "")
{
    /// <summary>The file's first line.</summary>
    public const string VersionLine = "# scrawl-probabilities v1";

    /// <summary>The split named <paramref name="name"/>, or null.</summary>
    public SplitProbabilities? Split(string name) => Splits.FirstOrDefault(s => s.Name == name);

    /// <summary>Writes the file atomically (values in round-trip format).</summary>
    public void Write(string path)
    {
        var text = new StringBuilder(VersionLine + "\n");
        int classes = Splits.Count == 0 ? 0 : Splits[0].Classes;
        text.Append("split,view,image,label").Append(string.Concat(Enumerable.Range(0, classes).Select(c => $",p{c}"))).Append('\n');
        foreach (var s in Splits)
        {
            if (s.Classes != classes || s.Values.Length != s.Views * s.Count * classes)
            {
                throw new ArgumentException($"split {s.Name}: {s.Values.Length} values are not {s.Views} views x {s.Count} images x {classes} classes.");
            }

            for (int v = 0; v < s.Views; v++)
            {
                for (int i = 0; i < s.Count; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{s.Name},{v},{i},{s.Labels[i]}");
                    foreach (float p in s.Values.AsSpan(((v * s.Count) + i) * classes, classes))
                    {
                        text.Append(',').Append(p.ToString("R", CultureInfo.InvariantCulture));
                    }

                    text.Append('\n');
                }
            }
        }

        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Reads a file of <see cref="Write"/>; throws <see cref="InvalidDataException"/> naming the file and line when it is malformed.</summary>
    public static RunProbabilities Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        InvalidDataException Bad(int line, string why) => new($"{path}:{line}: {why}");
        if (lines.Length < 2 || lines[0] != VersionLine)
        {
            throw Bad(1, $"not a probabilities file (expected '{VersionLine}')");
        }

        string[] header = lines[1].Split(',');
        int classes = header.Length - 4;
        if (classes < 1 || !header.AsSpan(0, 4).SequenceEqual(["split", "view", "image", "label"])
            || header.Skip(4).Where((h, c) => h != $"p{c}").Any())
        {
            throw Bad(2, "header must be split,view,image,label,p0,p1,…");
        }

        var splits = new List<SplitProbabilities>();
        var rows = new List<(string Split, int View, int Image, int Label, float[] P, int Line)>();
        for (int l = 2; l < lines.Length; l++)
        {
            if (lines[l].Length == 0)
            {
                continue;
            }

            string[] f = lines[l].Split(',');
            if (f.Length != classes + 4 || f[0].Length == 0
                || !int.TryParse(f[1], CultureInfo.InvariantCulture, out int view) || !int.TryParse(f[2], CultureInfo.InvariantCulture, out int image)
                || !int.TryParse(f[3], CultureInfo.InvariantCulture, out int label) || label < 0 || label >= classes)
            {
                throw Bad(l + 1, $"expected a split name, view, image, a label in 0..{classes - 1} and {classes} probabilities");
            }

            var p = new float[classes];
            for (int c = 0; c < classes; c++)
            {
                if (!float.TryParse(f[c + 4], NumberStyles.Float, CultureInfo.InvariantCulture, out p[c]) || !float.IsFinite(p[c]) || p[c] < 0 || p[c] > 1)
                {
                    throw Bad(l + 1, $"p{c} '{f[c + 4]}' is not a probability");
                }
            }

            rows.Add((f[0], view, image, label, p, l + 1));
        }

        foreach (var group in rows.GroupBy(r => r.Split))
        {
            var g = group.ToList();
            int n = g.Count(r => r.View == 0), views = n == 0 ? 0 : g.Count / n;
            for (int k = 0; k < g.Count; k++)
            {
                if (n == 0 || views * n != g.Count || g[k].View != k / n || g[k].Image != k % n || g[k].Label != g[k % n].Label)
                {
                    throw Bad(g[k].Line, $"split {group.Key}: rows must run view-major over views 0..{Math.Max(0, views - 1)} and images 0..{Math.Max(0, n - 1)}, each view with the same labels");
                }
            }

            splits.Add(new SplitProbabilities(group.Key, [.. g.Take(n).Select(r => r.Label)], views, classes, [.. g.SelectMany(r => r.P)]));
        }

        return new RunProbabilities(splits, path);
    }
}
