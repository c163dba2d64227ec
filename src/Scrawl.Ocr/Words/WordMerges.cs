using Scrawl.Imaging;
using Scrawl.Ocr.Segmentation;

namespace Scrawl.Ocr.Words;

/// <summary>
/// Broken letters (pen lifts, a faint stroke): the finder reads the pieces of one letter as several characters, while the word reader,
/// which saw broken letters in training, names one character across them. <see cref="Candidates"/> finds the runs of consecutive page
/// characters that lie within one reader character's span (each at least <see cref="MinInside"/> of its width) and were given no other
/// reader character; <see cref="Join"/> makes each run one character, its ink the union of theirs. Whether a run really is one character
/// is the segment check's call (<see cref="WordRecognizer"/>). Pure.
/// </summary>
public static class WordMerges
{
    /// <summary>Least share (in (0, 1]) of a page character's columns inside a reader character's span for it to be a piece of that character.</summary>
    public const double MinInside = 0.5;

    /// <summary>
    /// The runs (first index, count ≥ 2) of <paramref name="word"/>'s characters to join, each with the reader character they lie in:
    /// <paramref name="reading"/> in columns of the word's ink box <paramref name="box"/>, <paramref name="assigned"/> what each character was given.
    /// </summary>
    public static List<(int First, int Count, WordCharacter Reading)> Candidates(OcrWord word, PixelBox box, WordCharacter[] reading, WordCharacter[][] assigned)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(assigned);
        var runs = new List<(int, int, WordCharacter)>();
        int k = 0;
        while (k < word.Characters.Count)
        {
            var r = reading.FirstOrDefault(r => Inside(word.Characters[k].Ink.WorkingBox, box, r) && Only(assigned[k], r));
            int count = 0;
            while (r is not null && k + count < word.Characters.Count && Inside(word.Characters[k + count].Ink.WorkingBox, box, r) && Only(assigned[k + count], r))
            {
                count++;
            }

            if (count >= 2)
            {
                runs.Add((k, count, r!));
                k += count;
            }
            else
            {
                k++;
            }
        }

        return runs;
    }

    /// <summary>One character made of <paramref name="count"/> characters of <paramref name="word"/> from <paramref name="first"/>: the union of their ink, its box scaled by <paramref name="scale"/> into a <paramref name="height"/>×<paramref name="width"/> photo.</summary>
    public static InkCharacter Join(OcrWord word, int first, int count, double scale, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(word);
        var (box, mask) = InkCuts.Union([.. word.Characters.Skip(first).Take(count).Select(c => (c.Ink.WorkingBox, c.Ink.Mask))]);
        return new InkCharacter(box.Scaled(scale, height, width), box, mask);
    }

    /// <summary>True when at least <see cref="MinInside"/> of the columns of <paramref name="ink"/> (working pixels) lie in <paramref name="r"/>'s span (columns from <paramref name="box"/>'s left).</summary>
    private static bool Inside(PixelBox ink, PixelBox box, WordCharacter r)
    {
        int left = ink.Left - box.Left, right = ink.Right - box.Left;
        return Math.Min(right, r.Right) - Math.Max(left, r.Left) >= MinInside * Math.Max(1, right - left);
    }

    /// <summary>True when <paramref name="given"/> is empty or only <paramref name="r"/>.</summary>
    private static bool Only(WordCharacter[] given, WordCharacter r) => given.Length == 0 || (given.Length == 1 && ReferenceEquals(given[0], r));
}
