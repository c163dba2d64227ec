using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

/// <summary>What is not writing stays out: marks far smaller or taller than the page's characters, and lines the classifier cannot read.</summary>
public class NotWritingTests
{
    private sealed class UnsureClassifier : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames { get; } = [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".Select(c => c.ToString())];

        public float[][] Classify(IReadOnlyList<FloatImage> crops) => [.. crops.Select(_ => Enumerable.Repeat(1f / 36, 36).ToArray())];
    }

    [Fact]
    public void A_pen_and_grain_specks_are_no_characters()
    {
        var page = SyntheticPage.Render(PageScenes.Lines, seed: 5);
        var clean = PageSegmenter.Segment(page);
        int typical = (int)CharacterFinder.TypicalHeight([.. clean.Characters.Select(c => (double)c.Box.Height)]);
        var pixels = page.Pixels.ToArray();
        // A pen: a dark bar four character heights long, standing upright in the right margin.
        for (int y = 5; y < 5 + (4 * typical) && y < page.Height; y++)
        {
            for (int x = page.Width - 30; x < page.Width - 18; x++)
            {
                pixels[(y * page.Width) + x] = 0.05f;
            }
        }

        var marked = PageSegmenter.Segment(new FloatImage(pixels, page.Height, page.Width));
        Assert.Equal(clean.Characters.Count(), marked.Characters.Count());
        Assert.DoesNotContain(marked.Characters, c => c.Box.Height > 3 * typical);
    }

    [Fact]
    public void Lines_the_classifier_cannot_read_are_dropped()
    {
        var page = SyntheticPage.Render(PageScenes.Lines, seed: 5);
        var result = PageReader.Read(page, new UnsureClassifier(), new PageReadingOptions { DetectOrientation = false });
        Assert.Empty(result.Lines);
        var kept = PageReader.Read(page, new UnsureClassifier(), new PageReadingOptions { DetectOrientation = false, MinLineConfidence = 0 });
        Assert.Equal(PageScenes.Lines.Length, kept.Lines.Count);
    }
}
