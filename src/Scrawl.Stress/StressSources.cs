using System.Text;
using Scrawl.Data.Images;
using Scrawl.Media;
using Scrawl.Numerics;

namespace Scrawl.Stress;

/// <summary>Where the benchmark's pages come from: photo files with a ground-truth NAME.txt, and synthetic handwritten pages.</summary>
public static class StressSources
{
    /// <summary>The longest side (pixels) a source photo is loaded at (larger photos are decoded downscaled).</summary>
    public const int MaxSourceSide = 1600;

    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png"];

    /// <summary>
    /// Every NAME.jpg|jpeg|png in <paramref name="folder"/> that has a NAME.txt, in name order. A missing folder raises
    /// <see cref="DirectoryNotFoundException"/>, a folder without such pairs <see cref="InvalidDataException"/>, both naming the path.
    /// </summary>
    public static IReadOnlyList<StressPage> FromFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{Path.GetFullPath(folder)}: no such folder.");
        }

        var pairs = Directory.EnumerateFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()) && File.Exists(Path.ChangeExtension(f, ".txt")))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (pairs.Count == 0)
        {
            throw new InvalidDataException($"{Path.GetFullPath(folder)}: no NAME.jpg|jpeg|png with a NAME.txt ground truth.");
        }

        return [.. pairs.Select(FromFile)];
    }

    /// <summary>The photo at <paramref name="imagePath"/> (RGB, longer side at most <see cref="MaxSourceSide"/>) with the bytes of the .txt beside it.</summary>
    public static StressPage FromFile(string imagePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        string truth = Path.ChangeExtension(imagePath, ".txt");
        if (!File.Exists(truth))
        {
            throw new FileNotFoundException($"{truth}: no ground truth for {imagePath}.", truth);
        }

        var (image, _, _) = PhotoLoader.Load(imagePath, MaxSourceSide, ColorMode.Rgb);
        return new StressPage(Path.GetFileNameWithoutExtension(imagePath), image, File.ReadAllBytes(truth));
    }

    /// <summary>Synthetic page <paramref name="index"/> (≥ 0) for <paramref name="seed"/>: 3–6 random lines of handwriting named <c>synthetic-N</c>.</summary>
    public static StressPage Synthetic(long seed, int index)
    {
        var random = new SeededRandom(StressSet.Mix(seed, "synthetic", index));
        var lines = Handwriting.RandomLines(random, 3 + random.NextInt(4));
        var image = Handwriting.Page(lines, random.NextInt(int.MaxValue), 36 + random.NextInt(20));
        return new StressPage($"synthetic-{index + 1}", image, Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
    }
}
