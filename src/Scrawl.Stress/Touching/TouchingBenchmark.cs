using System.Globalization;
using Scrawl.Data.Images;
using Scrawl.Imaging;
using Scrawl.Numerics;
using Scrawl.Ocr;

namespace Scrawl.Stress.Touching;

/// <summary>The score of one spacing bucket: words read exactly (spaces ignored), character errors (edit distance) and words right per glyph source.</summary>
/// <param name="Bucket">The bucket's name.</param>
/// <param name="Words">Words read (≥ 0).</param>
/// <param name="WordsRight">Words whose reading, spaces removed, equals the truth.</param>
/// <param name="CharacterErrors">Summed edit distance between truth and reading (spaces removed).</param>
/// <param name="Characters">Summed truth length.</param>
/// <param name="PerSource">Per glyph source: (words right, words).</param>
public sealed record TouchingScore(string Bucket, int Words, int WordsRight, int CharacterErrors, int Characters, IReadOnlyDictionary<string, (int Right, int Total)> PerSource)
{
    /// <summary>Fraction of words right, in [0, 1] (0 when no words).</summary>
    public double WordAccuracy => Words == 0 ? 0 : (double)WordsRight / Words;

    /// <summary>Character error rate, ≥ 0 (0 when no characters).</summary>
    public double CharacterErrorRate => Characters == 0 ? 0 : (double)CharacterErrors / Characters;
}

/// <summary>A benchmark run: the score per bucket in report order, and every word read wrong with its reading.</summary>
/// <param name="Buckets">Scores in <see cref="TouchingWords.Buckets"/> order.</param>
/// <param name="Misses">The words read wrong and what was read.</param>
public sealed record TouchingReport(IReadOnlyList<TouchingScore> Buckets, IReadOnlyList<(TouchingWord Word, string Read)> Misses);

/// <summary>
/// The touching-letters benchmark (issue #16): seeded words of 2–6 glyphs from synthetic and real sources, in spacing buckets from well
/// apart to 30 % overlap and with broken letters (<see cref="TouchingWords"/>), read by the caller's OCR and scored per bucket.
/// </summary>
public static class TouchingBenchmark
{
    /// <summary>Words per bucket in a full run.</summary>
    public const int FullWordsPerBucket = 150;

    /// <summary>Words per bucket with <c>--quick</c>.</summary>
    public const int QuickWordsPerBucket = 15;

    /// <summary>
    /// The glyph sources: synthetic glyphs36 always; with <paramref name="datasets"/> (the shared datasets folder, or null) also the
    /// photo-chars held-out split (<c>handwritten36/photo-chars</c>) and EMNIST byclass-test capitals and digits (<c>emnist/byclass-test</c>).
    /// A given folder that lacks them raises <see cref="DirectoryNotFoundException"/> or <see cref="FileNotFoundException"/> naming the path.
    /// </summary>
    public static IReadOnlyList<IGlyphSource> Sources(string? datasets, IImageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        var sources = new List<IGlyphSource> { GlyphSources.Synthetic() };
        if (datasets is null)
        {
            return sources;
        }

        if (!Directory.Exists(datasets))
        {
            throw new DirectoryNotFoundException($"{Path.GetFullPath(datasets)}: no such folder (expected the shared datasets folder).");
        }

        sources.Add(GlyphSources.PhotoCharsHeldOut(Path.Combine(datasets, "handwritten36", Handwritten36.PhotoCharsFolder), decoder));
        sources.Add(GlyphSources.Emnist(Path.Combine(datasets, "emnist", "byclass-test")));
        return sources;
    }

    /// <summary>
    /// <paramref name="perBucket"/> (≥ 1) words for each bucket: word j of bucket b takes its glyphs from source j mod (number of sources) and
    /// everything else from a generator seeded by (<paramref name="seed"/>, bucket name, j) alone, so any word can be remade on its own.
    /// </summary>
    public static IEnumerable<TouchingWord> Words(IReadOnlyList<IGlyphSource> sources, long seed, int perBucket, IReadOnlyList<TouchingBucket>? buckets = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfZero(sources.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(perBucket, 1);
        foreach (var bucket in buckets ?? TouchingWords.Buckets)
        {
            for (int j = 0; j < perBucket; j++)
            {
                var random = new SeededRandom(StressSet.Mix(seed, "touching/" + bucket.Name, j));
                yield return TouchingWords.Compose(TouchingWords.RandomText(random), sources[j % sources.Count], bucket, random);
            }
        }
    }

    /// <summary>Passes <paramref name="words"/> through, writing each (atomically) as <c>DIR/BUCKET/NNN-TEXT.png</c> (NNN counts per bucket from 0).</summary>
    public static IEnumerable<TouchingWord> SavedTo(IEnumerable<TouchingWord> words, string dir)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentException.ThrowIfNullOrEmpty(dir);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            int n = counts.GetValueOrDefault(word.Bucket);
            counts[word.Bucket] = n + 1;
            Media.PngImage.Save(word.Image, Path.Combine(dir, word.Bucket, string.Create(CultureInfo.InvariantCulture, $"{n:D3}-{word.Text}.png")));
            yield return word;
        }
    }

    /// <summary>Reads every word with <paramref name="read"/> (a grey photo → its text) one at a time and scores it per bucket; progress: one line per bucket.</summary>
    public static TouchingReport Run(IEnumerable<TouchingWord> words, Func<FloatImage, string> read, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(read);
        var scores = new List<TouchingScore>();
        var misses = new List<(TouchingWord, string)>();
        foreach (var group in words.GroupBy(w => w.Bucket))
        {
            int right = 0, errors = 0, characters = 0, count = 0;
            var perSource = new SortedDictionary<string, (int Right, int Total)>(StringComparer.Ordinal);
            foreach (var word in group)
            {
                string text = string.Concat(read(word.Image).Where(c => !char.IsWhiteSpace(c)));
                bool ok = text == word.Text;
                count++;
                right += ok ? 1 : 0;
                errors += TextScore.EditDistance<char>(word.Text, text);
                characters += word.Text.Length;
                var (r, t) = perSource.GetValueOrDefault(word.Source);
                perSource[word.Source] = (r + (ok ? 1 : 0), t + 1);
                if (!ok)
                {
                    misses.Add((word, text));
                }
            }

            scores.Add(new TouchingScore(group.Key, count, right, errors, characters, perSource));
            progress?.Report($"{group.Key}: read {count} words");
        }

        return new TouchingReport(scores, misses);
    }

    /// <summary>The report as text lines: one per bucket (words right, accuracy, CER, per source), then <c>touching-0-20: …</c> over the 0–20 % buckets.</summary>
    public static IReadOnlyList<string> Format(TouchingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string>();
        foreach (var s in report.Buckets)
        {
            string sources = string.Join("  ", s.PerSource.Select(p => $"{p.Key} {p.Value.Right}/{p.Value.Total}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{s.Bucket,-11} words {s.WordsRight}/{s.Words} ({100 * s.WordAccuracy:F1} %)  CER {100 * s.CharacterErrorRate:F2} %  [{sources}]"));
        }

        var touching = report.Buckets.Where(b => b.Bucket is "overlap-0" or "overlap-10" or "overlap-20").ToList();
        if (touching.Count > 0)
        {
            int right = touching.Sum(b => b.WordsRight), total = touching.Sum(b => b.Words);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"touching-0-20: words {right}/{total} ({100.0 * right / Math.Max(1, total):F1} %)"));
        }

        return lines;
    }
}
