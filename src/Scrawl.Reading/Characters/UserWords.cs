using System.Text;
using Scrawl.Ocr;

namespace Scrawl.Reading.Characters;

/// <summary>
/// A lexicon of the user's words, matched to a model's classes, and the rule that snaps a read word to one of them
/// (<see cref="CharacterOptions.UserWordMinRatio"/>): among the entries as long as the word, the one with the highest product of the
/// characters' probabilities is taken when it is within the ratio of the most probable reading of those characters.
/// </summary>
public sealed class UserWords
{
    /// <summary>The largest word list file <see cref="Load"/> reads (16 MiB).</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    private readonly Dictionary<int, List<string[]>> byLength = [];
    private readonly double minLogRatio;

    /// <summary>The entries of <paramref name="words"/> the model can write (each letter a class, or its other case when the model lacks that case), kept in order; <paramref name="minRatio"/> in (0, 1].</summary>
    public UserWords(IEnumerable<string> words, IReadOnlyList<string> classNames, double minRatio)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minRatio, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minRatio, 1);
        minLogRatio = Math.Log(minRatio);
        var names = classNames.ToHashSet(StringComparer.Ordinal);
        foreach (string word in words)
        {
            var labels = word.Select(c => Label(c, names)).ToArray();
            if (labels.All(l => l is not null))
            {
                if (!byLength.TryGetValue(labels.Length, out var list))
                {
                    byLength[labels.Length] = list = [];
                }

                list.Add(labels!);
                Count++;
            }
        }
    }

    /// <summary>How many entries the model can write (the others are never chosen).</summary>
    public int Count { get; }

    /// <summary>
    /// The words of the file at <paramref name="path"/>: one a line, surrounding whitespace trimmed, blank lines skipped (UTF-8). Raises
    /// <see cref="InvalidDataException"/> naming the file and line for a word holding whitespace or a file that is too large or not a regular file.
    /// </summary>
    public static List<string> Load(string path)
    {
        InputFiles.CheckRegularFile(path, MaxFileBytes);
        var words = new List<string>();
        int number = 0;
        foreach (string raw in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            string word = raw.Trim();
            if (word.Length == 0)
            {
                continue;
            }

            if (word.Any(char.IsWhiteSpace))
            {
                throw new InvalidDataException($"{path}: line {number}: '{word}' holds whitespace; give one word a line.");
            }

            words.Add(word);
        }

        return words;
    }

    /// <summary>The word snapped to its best close entry (each changed character taking the entry's label and its probability), or <paramref name="word"/> itself when none is close.</summary>
    public ReadWord Snap(ReadWord word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (!byLength.TryGetValue(word.Characters.Count, out var entries) || word.Characters.Any(c => c.Probabilities.Count == 0))
        {
            return word;
        }

        double bestReading = word.Characters.Sum(c => Math.Log(c.Probabilities[0].Probability));
        string[]? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var entry in entries)
        {
            double score = 0;
            for (int i = 0; i < entry.Length && score > double.NegativeInfinity; i++)
            {
                score += Math.Log(Probability(word.Characters[i], entry[i]));
            }

            if (score > bestScore)
            {
                (best, bestScore) = (entry, score);
            }
        }

        if (best is null || bestScore < bestReading + minLogRatio)
        {
            return word;
        }

        return word with
        {
            Characters = [.. word.Characters.Select((c, i) => c.Label == best[i] ? c : c with { Label = best[i], Confidence = Probability(c, best[i]) })],
        };
    }

    /// <summary>The probability the classifier gave <paramref name="label"/> for <paramref name="character"/> (0 when not among its recorded classes).</summary>
    private static double Probability(ReadCharacter character, string label)
    {
        foreach (var guess in character.Probabilities)
        {
            if (guess.Label == label)
            {
                return guess.Probability;
            }
        }

        return 0;
    }

    private static string? Label(char c, HashSet<string> names)
    {
        string exact = c.ToString();
        string upper = char.ToUpperInvariant(c).ToString(), lower = char.ToLowerInvariant(c).ToString();
        return names.Contains(exact) ? exact : names.Contains(upper) ? upper : names.Contains(lower) ? lower : null;
    }
}
