using System.Text;
using Scrawl.Media;
using Scrawl.Numerics;

namespace Scrawl.Stress;

/// <summary>
/// Writes a seeded set of variants: for each category, variant k of page (k + category index) mod pages, with a
/// generator seeded from (seed, category name, k) alone, so the same seed gives byte-identical files and any
/// category or variant can be remade on its own. Files: OUT/CATEGORY/NAME-vK.jpg|png and NAME-vK.txt (the page's
/// truth bytes, unchanged), each written atomically.
/// </summary>
public static class StressSet
{
    /// <summary>Generates <paramref name="perCategory"/> (≥ 1) variants of each of <paramref name="categories"/> from <paramref name="pages"/> (≥ 1) into <paramref name="outDir"/>; progress: one line per category.</summary>
    public static IReadOnlyList<StressItem> Generate(IReadOnlyList<StressPage> pages, IReadOnlyList<StressCategory> categories, int perCategory, long seed, string outDir, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        ArgumentOutOfRangeException.ThrowIfLessThan(perCategory, 1);
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        var items = new List<StressItem>();
        for (int c = 0; c < categories.Count; c++)
        {
            var category = categories[c];
            int index = StressCategories.All.ToList().FindIndex(x => x.Name == category.Name);
            for (int k = 0; k < perCategory; k++)
            {
                var page = pages[(k + Math.Max(index, c)) % pages.Count];
                var variant = category.Make(page, new SeededRandom(Mix(seed, category.Name, k)), k);
                string stem = Path.Combine(outDir, category.Name, $"{page.Name}-v{k}");
                string image = stem + (variant.Format == StressFormat.Png ? ".png" : ".jpg");
                AtomicFile.WriteAllBytes(image, Encode(variant));
                AtomicFile.WriteAllBytes(stem + ".txt", page.Truth);
                items.Add(new StressItem(category.Name, image, stem + ".txt"));
            }

            progress?.Report($"{category.Name}: wrote {perCategory} variant{(perCategory == 1 ? "" : "s")}");
        }

        return items;
    }

    /// <summary>The file bytes of a variant: JPEG at its quality (with the EXIF orientation when not 1), or PNG (RGBA when it has alpha).</summary>
    public static byte[] Encode(StressVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return variant.Format switch
        {
            StressFormat.Png when variant.Alpha is { } alpha => PhotoEncoder.PngWithAlpha(variant.Image, alpha),
            StressFormat.Png => PngImage.Encode(variant.Image),
            _ when variant.Orientation != 1 => PhotoEncoder.JpegWithOrientation(variant.Image, variant.Quality, variant.Orientation),
            _ => PhotoEncoder.Jpeg(variant.Image, variant.Quality),
        };
    }

    /// <summary>A stable 64-bit seed from a run seed, a name and an index (FNV-1a of the name, mixed; never string.GetHashCode).</summary>
    public static long Mix(long seed, string name, int index)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong h = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            h = unchecked((h ^ b) * 0x100000001B3UL);
        }

        h = unchecked(h ^ ((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(index + 1) * 0xC2B2AE3D27D4EB4FUL));
        h ^= h >> 31;
        return unchecked((long)(h * 0xBF58476D1CE4E5B9UL));
    }
}
