using System.Globalization;

namespace Scrawl.Data.Catalog;

/// <summary>
/// Modifiers at the end of a data name or path, each after an <c>@</c>: <c>@36</c>, <c>@47</c> or <c>@62</c> merge letter
/// case to that many classes (<see cref="CaseMerge"/>; e.g. <c>emnist-byclass-test@47</c>), <c>@transposed</c> or
/// <c>@upright</c> say how IDX files given by path store their images (default: detected from the file names, see
/// <see cref="IdxFolder"/>). Several may follow each other (<c>DIR@upright@36</c>). A name that exists as a file or
/// folder is never split.
/// </summary>
/// <param name="Classes">The case-merge target (36, 47 or 62), or null to keep the classes.</param>
/// <param name="Transposed">True/false to override how IDX files are stored, or null to detect it.</param>
public sealed record DataModifiers(int? Classes, bool? Transposed)
{
    /// <summary>The modifier words besides the class counts.</summary>
    public static IReadOnlyList<string> Words { get; } = ["transposed", "upright"];

    /// <summary>
    /// The data name and its modifiers, or null when <paramref name="nameOrPath"/> does not end in one (read from the right,
    /// so a path may hold other '@'s); an <see cref="InvalidDataException"/> names a repeated modifier.
    /// </summary>
    public static (string Data, DataModifiers Modifiers)? Split(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        int? classes = null;
        bool? transposed = null;
        string data = nameOrPath;
        for (int at = data.LastIndexOf('@'); at > 0; at = data.LastIndexOf('@'))
        {
            string word = data[(at + 1)..];
            bool isCount = int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && CaseMerge.Targets.Contains(n);
            if (!isCount && !Words.Contains(word))
            {
                break;
            }

            if ((isCount && classes is not null) || (!isCount && transposed is not null))
            {
                throw new InvalidDataException($"{nameOrPath}: '@{word}' contradicts or repeats another modifier (use at most one of @36, @47, @62 and one of @transposed, @upright).");
            }

            classes = isCount ? n : classes;
            transposed = isCount ? transposed : word == "transposed";
            data = data[..at];
        }

        return data.Length == nameOrPath.Length ? null : (data, new DataModifiers(classes, transposed));
    }

    /// <summary>Resolves <paramref name="data"/> with <paramref name="resolve"/> under these modifiers and names the result "DATA@…".</summary>
    public DatasetSplits Apply(string data, Func<string, DataContext, DatasetSplits> resolve, DataContext context)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(context);
        if (Transposed is not null && !(Directory.Exists(data) && IdxFolder.IsIdxFolder(data)))
        {
            throw new InvalidDataException($"{data}: @transposed and @upright apply to a folder of IDX files only.");
        }

        var loaded = resolve(data, context with { Transposed = Transposed ?? context.Transposed });
        string suffix = (Transposed is { } t ? (t ? "@transposed" : "@upright") : "") + (Classes is { } c ? $"@{c}" : "");
        if (Classes is { } target)
        {
            loaded = CaseMerge.Apply(loaded, target);
        }

        return loaded with { Name = loaded.Name + suffix };
    }
}
