using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

/// <summary>What is not writing stays out: marks far smaller or taller than the page's characters, and lines the classifier cannot read.</summary>
public class NotWritingTests
{
    /// <summary>Sure (0.9) of the first <c>sure</c> crops of a call, flat (1/36) on the rest.</summary>
    private sealed class PartlySureClassifier(int sure) : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames { get; } = [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".Select(c => c.ToString())];

        public float[][] Classify(IReadOnlyList<FloatImage> crops) => [.. crops.Select((_, i) =>
        {
            var p = Enumerable.Repeat(i < sure ? 0.1f / 35 : 1f / 36, 36).ToArray();
            p[0] = i < sure ? 0.9f : p[0];
            return p;
        })];
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
    public void A_line_the_classifier_cannot_read_is_dropped_but_a_weak_model_keeps_its_lines()
    {
        var page = SyntheticPage.Render(PageScenes.Lines, seed: 5);
        int firstThree = PageScenes.Lines.Take(3).Sum(l => l.Count(c => c != ' '));
        var options = new PageReadingOptions { DetectOrientation = false };
        var result = PageReader.Read(page, new PartlySureClassifier(firstThree), options);
        Assert.Equal(3, result.Lines.Count);
        Assert.All(result.Characters, c => Assert.Equal(0.9, c.Confidence, 4));
        // A model unsure of every line alike (a weak model, not grain among writing) keeps them all.
        Assert.Equal(PageScenes.Lines.Length, PageReader.Read(page, new PartlySureClassifier(0), options).Lines.Count);
    }
}
