using Scrawl.Data.Synthesis;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Ocr.Segmentation;

/// <summary>
/// How wide each class is written relative to its height: the median and the spread of ln(width / height) of the tight ink box of
/// glyphs36 samples (the built-in synthetic handwriting; seeded, so the table is the same on every machine). A writer's own proportions
/// scale it by a factor measured on the page (<see cref="RecognitionSegmenter"/>).
/// </summary>
public sealed class ClassAspects
{
    private static readonly Lazy<ClassAspects> Built = new(() => Measure(GlyphSynthesizer.ClassNames, 64, 20261127));

    private readonly Dictionary<string, (double LogMedian, double Spread)> _byName;

    private ClassAspects(Dictionary<string, (double, double)> byName, double logMedian, double spread)
    {
        _byName = byName;
        Fallback = (logMedian, spread);
    }

    /// <summary>The table for glyphs36's 36 classes (A–Z, 0–9), measured once per process.</summary>
    public static ClassAspects Glyphs36 => Built.Value;

    /// <summary>ln(width / height) median and spread (≥ 0.1) used for class names the table does not know: the medians over all classes.</summary>
    public (double LogMedian, double Spread) Fallback { get; }

    /// <summary>The median ln(width / height) and its spread (standard deviation, ≥ 0.1) of class <paramref name="name"/>; <see cref="Fallback"/> when unknown.</summary>
    public (double LogMedian, double Spread) Of(string name) => _byName.TryGetValue(name, out var v) ? v : Fallback;

    /// <summary>Measures <paramref name="perClass"/> (≥ 5) glyphs36 samples of each of <paramref name="classNames"/> (a subset of A–Z, 0–9) drawn with <paramref name="seed"/>.</summary>
    public static ClassAspects Measure(IReadOnlyList<string> classNames, int perClass, long seed)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 5);
        var synthesizer = new GlyphSynthesizer();
        int side = synthesizer.Options.Side;
        var table = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (string name in classNames)
        {
            int c = GlyphSynthesizer.ClassNames.ToList().IndexOf(name);
            if (c < 0)
            {
                throw new ArgumentException($"glyphs36 draws no class '{name}'.", nameof(classNames));
            }

            var logs = new List<double>(perClass);
            for (int i = 0; i < perClass; i++)
            {
                var image = new FloatImage(synthesizer.RenderOne(c, new SeededRandom(GlyphSynthesizer.SampleSeed(seed, c, i))), side, side);
                if (CharacterNormalizer.InkBox(image, 0.5, 0.05) is { } box)
                {
                    logs.Add(Math.Log((double)box.Width / box.Height));
                }
            }

            table[name] = Summary(logs);
        }

        var medians = table.Values.Select(v => v.Item1).Order().ToArray();
        var spreads = table.Values.Select(v => v.Item2).Order().ToArray();
        return new ClassAspects(table, medians[medians.Length / 2], spreads[spreads.Length / 2]);
    }

    private static (double, double) Summary(List<double> logs)
    {
        logs.Sort();
        double median = logs[logs.Count / 2], mean = logs.Average();
        double sd = Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, logs.Count - 1));
        return (median, Math.Max(0.1, sd));
    }
}
