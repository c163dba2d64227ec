using Scrawl.Numerics;

namespace Scrawl.Stress.MixedCase;

/// <summary>
/// Seeded text for the mixed-case page benchmark: lines of common English words as notes are written — most words in lower
/// case, some Capitalised (always the first word of a line), a few in CAPITALS, and a few numbers. Every letter a–z and A–Z
/// and every digit occurs in the vocabulary.
/// </summary>
public static class MixedCaseText
{
    /// <summary>The share of words (in [0, 1]) written Capitalised besides each line's first word.</summary>
    public const double CapitalisedShare = 0.12;

    /// <summary>The share of words (in [0, 1]) written in CAPITALS.</summary>
    public const double CapitalsShare = 0.07;

    /// <summary>The share of words (in [0, 1]) that are numbers (1–4 digits).</summary>
    public const double NumberShare = 0.06;

    /// <summary>The vocabulary: common English words, lower case, 1–10 letters.</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        "the", "of", "and", "to", "in", "is", "you", "that", "it", "he", "was", "for", "on", "are", "as", "with", "his", "they", "at", "be",
        "this", "have", "from", "or", "one", "had", "by", "word", "but", "not", "what", "all", "were", "we", "when", "your", "can", "said",
        "there", "use", "each", "which", "she", "do", "how", "their", "if", "will", "up", "other", "about", "out", "many", "then", "them",
        "these", "so", "some", "her", "would", "make", "like", "him", "into", "time", "has", "look", "two", "more", "write", "go", "see",
        "number", "no", "way", "could", "people", "my", "than", "first", "water", "been", "call", "who", "oil", "its", "now", "find",
        "long", "down", "day", "did", "get", "come", "made", "may", "part", "over", "new", "sound", "take", "only", "little", "work",
        "know", "place", "year", "live", "me", "back", "give", "most", "very", "after", "thing", "our", "just", "name", "good", "sentence",
        "man", "think", "say", "great", "where", "help", "through", "much", "before", "line", "right", "too", "mean", "old", "any", "same",
        "tell", "boy", "follow", "came", "want", "show", "also", "around", "form", "three", "small", "set", "put", "end", "does", "another",
        "well", "large", "must", "big", "even", "such", "because", "turn", "here", "why", "ask", "went", "men", "read", "need", "land",
        "different", "home", "us", "move", "try", "kind", "hand", "picture", "again", "change", "off", "play", "spell", "air", "away",
        "animal", "house", "point", "page", "letter", "mother", "answer", "found", "study", "still", "learn", "should", "world", "high",
        "every", "near", "add", "food", "between", "own", "below", "country", "plant", "last", "school", "father", "keep", "tree", "never",
        "start", "city", "earth", "eye", "light", "thought", "head", "under", "story", "saw", "left", "few", "while", "along", "might",
        "close", "something", "seem", "next", "hard", "open", "example", "begin", "life", "always", "those", "both", "paper", "together",
        "got", "group", "often", "run", "important", "until", "children", "side", "feet", "car", "mile", "night", "walk", "white", "sea",
        "began", "grow", "took", "river", "four", "carry", "state", "once", "book", "hear", "stop", "without", "second", "later", "miss",
        "idea", "enough", "eat", "face", "watch", "far", "really", "almost", "let", "above", "girl", "sometimes", "mountain", "cut",
        "young", "talk", "soon", "list", "song", "being", "leave", "family", "quick", "jump", "lazy", "fox", "quiz", "jazz", "box",
        "zoo", "yes", "sky", "key", "join", "quite", "queen", "judge", "major", "object", "equal", "size", "zero", "extra",
        "exact", "vision", "valve", "wave", "view", "voice", "lizard", "puzzle", "oxygen", "pyjamas", "kayak", "jury", "gym", "quiet",
    ];

    /// <summary>
    /// <paramref name="lines"/> (≥ 1) lines of <paramref name="minWords"/>–<paramref name="maxWords"/> words (1 ≤ min ≤ max) drawn with
    /// <paramref name="random"/>: each line's first word Capitalised, then each word Capitalised, in CAPITALS or a number with the shares above.
    /// </summary>
    public static IReadOnlyList<string> Lines(SeededRandom random, int lines, int minWords, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(lines, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minWords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, minWords);
        var result = new List<string>(lines);
        for (int l = 0; l < lines; l++)
        {
            int count = minWords + random.NextInt(maxWords - minWords + 1);
            var words = new List<string>(count);
            for (int w = 0; w < count; w++)
            {
                words.Add(Word(random, first: w == 0));
            }

            result.Add(string.Join(' ', words));
        }

        return result;
    }

    private static string Word(SeededRandom random, bool first)
    {
        double u = random.NextDouble();
        if (!first && u < NumberShare)
        {
            int digits = 1 + random.NextInt(4);
            return new string([.. Enumerable.Range(0, digits).Select(_ => (char)('0' + random.NextInt(10)))]);
        }

        string word = Words[random.NextInt(Words.Count)];
        if (u < NumberShare + CapitalsShare)
        {
            return word.ToUpperInvariant();
        }

        return first || u < NumberShare + CapitalsShare + CapitalisedShare ? char.ToUpperInvariant(word[0]) + word[1..] : word;
    }
}
