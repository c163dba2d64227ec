using Scrawl.Numerics;

namespace Scrawl.Data.Formats;

/// <summary>
/// Loads CMU's NIST36 .mat files (nist36_train.mat, nist36_valid.mat, nist36_test.mat): a
/// <c>PREFIX_data</c> variable of N×1024 rows in the <see cref="Nist36Layout"/> (ink 0, transposed) and a
/// <c>PREFIX_labels</c> variable of one-hot rows whose width names the classes (<see cref="ClassNamesForWidth"/>: 36 → A–Z
/// then 0–9, the NIST36 order; 26 → A–Z, as the course's nist26 files; 10 → 0–9), converted to a Scrawl-convention
/// <see cref="ImageSet"/> whose class names let it be scored against any model by name.
/// Bad contents (wrong shapes, a label row that is not one-hot, pixels outside [0, 1]) give an
/// <see cref="InvalidDataException"/> naming the file, the variable's offset and the sample.
/// </summary>
public static class Nist36Mat
{
    /// <summary>The file names of the three parts, in train / valid / test order.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["nist36_train.mat", "nist36_valid.mat", "nist36_test.mat"];

    /// <summary>The one-hot label widths whose classes are known by name.</summary>
    public static IReadOnlyList<int> KnownLabelWidths { get; } = [36, 26, 10];

    /// <summary>The class names of a one-hot label width: 36 → A–Z then 0–9, 26 → A–Z, 10 → 0–9; null for any other width.</summary>
    public static IReadOnlyList<string>? ClassNamesForWidth(int width) => width switch
    {
        36 => Nist36Layout.ClassNames,
        26 => [.. Nist36Layout.ClassNames.Take(26)],
        10 => [.. Nist36Layout.ClassNames.Skip(26)],
        _ => null,
    };

    /// <summary>How far outside [0, 1] a pixel may lie (rounding) before the file is rejected; such values are clamped.</summary>
    public const double PixelTolerance = 1e-3;

    /// <summary>
    /// Loads one NIST36 file. <paramref name="prefix"/> picks the variables (e.g. "train" → train_data,
    /// train_labels); null finds the one *_data / *_labels pair the file holds. The set is named <paramref name="name"/> or the path.
    /// </summary>
    public static ImageSet Load(string path, string? prefix = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromMat(MatFile.Read(path), prefix, name);
    }

    /// <summary>Loads the NIST36 set held by an already-read MAT file (see <see cref="Load"/> for the arguments).</summary>
    public static ImageSet FromMat(MatFile file, string? prefix = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        prefix ??= FindPrefix(file);
        var data = file.Get(prefix + "_data");
        var labels = file.Get(prefix + "_labels");
        string source = file.SourceName;
        if (data.Dimensions.Length != 2 || data.Columns != Nist36Layout.Side * Nist36Layout.Side)
        {
            throw new InvalidDataException($"{source}: {data.Location}: '{data.Name}' must be N×1024 (32×32 images), got {data.ShapeText}.");
        }

        var names = labels.Dimensions.Length == 2 ? ClassNamesForWidth(labels.Columns) : null;
        if (names is null || labels.Rows != data.Rows)
        {
            throw new InvalidDataException($"{source}: {labels.Location}: '{labels.Name}' must be {data.Rows} one-hot rows (one per sample of '{data.Name}') "
                + $"of width {string.Join(", ", KnownLabelWidths)} (36: A–Z then 0–9; 26: A–Z; 10: 0–9), got {labels.ShapeText}.");
        }

        int classes = names.Count;

        var classOf = new int[labels.Rows];
        for (int n = 0; n < labels.Rows; n++)
        {
            classOf[n] = OneHot(labels.Data.AsSpan(n * classes, classes), () => $"{source}: {labels.Location}: row {n} of '{labels.Name}' is not one-hot");
        }

        var rows = new Tensor(data.Rows, data.Columns);
        var pixels = rows.Span;
        for (int i = 0; i < data.Data.Length; i++)
        {
            double v = data.Data[i];
            if (!(v >= -PixelTolerance && v <= 1 + PixelTolerance))
            {
                throw new InvalidDataException($"{source}: {data.Location}: '{data.Name}' sample {i / data.Columns} has pixel value {v} outside [0, 1].");
            }

            pixels[i] = (float)Math.Clamp(v, 0, 1);
        }

        return Nist36Layout.FromNist36(rows, classOf, name ?? source, names);
    }

    /// <summary>
    /// Loads the parts found in <paramref name="folder"/>: nist36_train.mat (required), nist36_valid.mat and
    /// nist36_test.mat (each optional). Parts are named "NAME/train" etc., NAME defaulting to "nist36".
    /// </summary>
    public static DatasetSplits LoadFolder(string folder, string name = "nist36")
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(name);
        string trainPath = Path.Combine(folder, FileNames[0]);
        if (!File.Exists(trainPath))
        {
            throw new FileNotFoundException($"{folder}: no NIST36 training file: expected {string.Join(", ", FileNames)} (train required).", trainPath);
        }

        ImageSet? Part(int index, string split)
        {
            string path = Path.Combine(folder, FileNames[index]);
            return File.Exists(path) ? Load(path, null, $"{name}/{split}") : null;
        }

        return new DatasetSplits(name, Part(0, "train")!, Part(1, "valid"), Part(2, "test"));
    }

    private static string FindPrefix(MatFile file)
    {
        var prefixes = file.Keys
            .Where(k => k.EndsWith("_data", StringComparison.Ordinal) && file.ContainsKey(k[..^5] + "_labels"))
            .Select(k => k[..^5])
            .Order(StringComparer.Ordinal)
            .ToList();
        if (prefixes.Count == 1)
        {
            return prefixes[0];
        }

        string have = file.Count == 0 ? "none" : string.Join(", ", file.Keys.Order(StringComparer.Ordinal));
        string found = prefixes.Count == 0 ? "none" : $"{prefixes.Count} (name one as the prefix: {string.Join(", ", prefixes)})";
        throw new InvalidDataException($"{file.SourceName}: expected one PREFIX_data / PREFIX_labels pair of variables, found {found}; numeric variables: {have}.");
    }

    private static int OneHot(ReadOnlySpan<double> row, Func<string> where)
    {
        int hot = -1;
        for (int c = 0; c < row.Length; c++)
        {
            if (row[c] == 1 && hot < 0)
            {
                hot = c;
            }
            else if (row[c] != 0)
            {
                throw new InvalidDataException($"{where()} (column {c} holds {row[c]}).");
            }
        }

        return hot >= 0 ? hot : throw new InvalidDataException($"{where()} (it has no 1).");
    }
}
