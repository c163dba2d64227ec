using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>Settings of every segmentation stage of <see cref="PageSegmenter"/>.</summary>
public sealed record PageSegmentationOptions
{
    /// <summary>Stage 1: finding characters.</summary>
    public CharacterFinderOptions Characters { get; init; } = new();

    /// <summary>Stage 2: grouping characters into lines.</summary>
    public LineGroupingOptions Lines { get; init; } = new();

    /// <summary>Stage 3: splitting lines into words.</summary>
    public WordSplittingOptions Words { get; init; } = new();

    /// <summary>
    /// Stage 1b: a "character" shorter than this fraction (in [0, 1)) of the page's typical character height is no character (wood
    /// grain, paper texture, specks that survived), and is left out before lines are formed.
    /// </summary>
    public double MinHeightFraction { get; init; } = 0.35;

    /// <summary>Stage 1b: a "character" taller than this multiple (&gt; 1) of the typical height is no character (page and table edges, a pen, a shadow's edge).</summary>
    public double MaxHeightFraction { get; init; } = 3.0;
}

/// <summary>Runs the segmentation stages on a photo: characters → lines → words, as an <see cref="OcrPage"/>. Pure and deterministic.</summary>
public static class PageSegmenter
{
    /// <summary>The page → lines → words → characters of <paramref name="photo"/> (grey intensities in [0, 1], dark ink on lighter paper).</summary>
    /// <example><c>var page = PageSegmenter.Segment(photo); int lines = page.Lines.Count;</c></example>
    public static OcrPage Segment(FloatImage photo, PageSegmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        options ??= new PageSegmentationOptions();
        var characters = WithinTypicalSize(CharacterFinder.Find(photo, options.Characters), options);
        return Assemble(photo.Height, photo.Width, characters, options);
    }

    /// <summary>The characters whose box height lies within the options' fractions of their typical height (<see cref="CharacterFinder.TypicalHeight"/>).</summary>
    public static IReadOnlyList<InkCharacter> WithinTypicalSize(IReadOnlyList<InkCharacter> characters, PageSegmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(characters);
        ArgumentNullException.ThrowIfNull(options);
        if (characters.Count == 0)
        {
            return characters;
        }

        double typical = CharacterFinder.TypicalHeight([.. characters.Select(c => (double)c.Box.Height)]);
        return [.. characters.Where(c => c.Box.Height >= options.MinHeightFraction * typical && c.Box.Height <= options.MaxHeightFraction * typical)];
    }

    /// <summary>Groups already-found <paramref name="characters"/> of a <paramref name="height"/>×<paramref name="width"/> photo into lines and words.</summary>
    public static OcrPage Assemble(int height, int width, IReadOnlyList<InkCharacter> characters, PageSegmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(characters);
        options ??= new PageSegmentationOptions();
        var boxes = characters.Select(c => c.Box).ToList();
        var lines = new List<OcrLine>();
        foreach (var lineIndices in LineGrouper.Group(boxes, options.Lines))
        {
            var lineBoxes = lineIndices.Select(i => boxes[i]).ToList();
            var words = WordSplitter.Split(lineBoxes, options.Words)
                .Select(word => word.Select(k => new OcrCharacter(lineBoxes[k], characters[lineIndices[k]])).ToList())
                .Select(chars => new OcrWord(PixelBox.Enclosing(chars.Select(c => c.Box)), chars))
                .ToList();
            lines.Add(new OcrLine(PixelBox.Enclosing(lineBoxes), words));
        }

        return new OcrPage(height, width, lines);
    }
}
