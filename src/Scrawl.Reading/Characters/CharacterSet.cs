namespace Scrawl.Reading.Characters;

/// <summary>Which of a model's classes a character set (<see cref="CharacterOptions.AllowedCharacters"/>) allows.</summary>
public static class CharacterSet
{
    /// <summary>The named sets and their characters.</summary>
    public static IReadOnlyDictionary<string, string> Presets { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["digits"] = "0123456789",
        ["letters"] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        ["alnum"] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    };

    /// <summary>
    /// One flag per class of <paramref name="classNames"/>: true when <paramref name="spec"/> allows it. A preset allows the model's classes among its
    /// characters; a list of characters must name only classes the model has. <see cref="ArgumentException"/> when the set is empty or names a
    /// character the model cannot write.
    /// </summary>
    public static bool[] Allowed(string spec, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(classNames);
        bool preset = Presets.TryGetValue(spec.Trim(), out string? characters);
        var wanted = (characters ?? spec).Where(c => !char.IsWhiteSpace(c)).Select(c => c.ToString()).ToHashSet(StringComparer.Ordinal);
        if (!preset)
        {
            var unknown = wanted.Where(c => !classNames.Contains(c, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"The character set '{spec}' holds {string.Join(", ", unknown.Select(c => $"'{c}'"))}, which the model cannot write "
                    + $"(its classes: {string.Concat(classNames)}).", nameof(spec));
            }
        }

        var allowed = classNames.Select(wanted.Contains).ToArray();
        return allowed.Any(a => a)
            ? allowed
            : throw new ArgumentException($"The character set '{spec}' allows none of the model's classes ({string.Concat(classNames)}).", nameof(spec));
    }
}
