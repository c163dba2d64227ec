namespace Scrawl.Stress;

/// <summary>What one benchmark run uses: the pages, the categories, variants per category, the seed and the output folder.</summary>
/// <param name="Pages">Source pages (≥ 1).</param>
/// <param name="Categories">Categories to make (≥ 1).</param>
/// <param name="PerCategory">Variants per category (≥ 1).</param>
/// <param name="Seed">Run seed (any value).</param>
/// <param name="OutDir">Folder the variants are written to.</param>
public sealed record StressPlan(IReadOnlyList<StressPage> Pages, IReadOnlyList<StressCategory> Categories, int PerCategory, long Seed, string OutDir);

/// <summary>The whole benchmark: choose the pages, write the variants, read them with the caller's reader, score per category.</summary>
public static class StressBenchmark
{
    /// <summary>Variants per category in a full run (8: every source appears in every category).</summary>
    public const int FullPerCategory = 8;

    /// <summary>
    /// The plan: a full run uses the photos of <paramref name="fromDir"/> (all that have a NAME.txt), the sample page and two
    /// synthetic pages, <see cref="FullPerCategory"/> variants per category; <paramref name="quick"/> uses the sample page and
    /// one synthetic page (plus <paramref name="fromDir"/>'s photos only when given explicitly) with one variant per category.
    /// All inputs are loaded and checked before anything is written (see <see cref="StressSources.FromFolder"/> for the errors).
    /// </summary>
    public static StressPlan Plan(string? fromDir, bool fromGiven, string? samplePath, bool quick, long seed, string? categories, string outDir)
    {
        var selected = StressCategories.Select(categories);
        var pages = new List<StressPage>();
        if (fromDir is not null && (!quick || fromGiven))
        {
            pages.AddRange(StressSources.FromFolder(fromDir));
        }

        if (samplePath is not null)
        {
            pages.Add(StressSources.FromFile(samplePath));
        }

        pages.AddRange(Enumerable.Range(0, quick ? 1 : 2).Select(i => StressSources.Synthetic(seed, i)));
        return new StressPlan(pages, selected, quick ? 1 : FullPerCategory, seed, outDir);
    }

    /// <summary>Writes the plan's variants, reads each with <paramref name="read"/> (image path → text) and returns the report lines (<see cref="StressScoring.Report"/>).</summary>
    public static IReadOnlyList<string> Run(StressPlan plan, Func<string, string> read, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var items = StressSet.Generate(plan.Pages, plan.Categories, plan.PerCategory, plan.Seed, plan.OutDir, progress);
        return StressScoring.Report(StressScoring.Score(items, read, progress));
    }

    /// <summary>The first folder <paramref name="relative"/> found from the working directory or from a folder above <paramref name="baseDirectory"/>, or null.</summary>
    public static string? FindFolder(string relative, string baseDirectory)
    {
        if (Directory.Exists(relative))
        {
            return Path.GetFullPath(relative);
        }

        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls its action at once on the reporting thread (lines stay in order, unlike <see cref="Progress{T}"/>).</summary>
/// <param name="report">Called with each progress line.</param>
public sealed class LineProgress(Action<string> report) : IProgress<string>
{
    /// <summary>Passes <paramref name="value"/> to the action.</summary>
    public void Report(string value) => report(value);
}
