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
        var characters = CharacterFinder.Find(photo, options.Characters);
        return Assemble(photo.Height, photo.Width, characters, options);
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
