using Scrawl.Data.Synthesis;
using Scrawl.Imaging;
using Scrawl.Numerics;
using Scrawl.Ocr.Segmentation;

namespace Scrawl.Ocr.Tests.Segmentation;

/// <summary>The segment check's training crops, and what the check changes in segmentation by recognition.</summary>
public class SegmentCheckTests
{
    private static readonly Data.ImageSet Glyphs = new GlyphSynthesizer().Generate(2, 1);

    [Fact]
    public void Composed_crops_are_seeded_balanced_and_in_the_crop_convention()
    {
        var a = SegmentCheckData.Compose([Glyphs], 40, 5);
        var b = SegmentCheckData.Compose([Glyphs], 40, 5);
        var c = SegmentCheckData.Compose([Glyphs], 40, 6);
        Assert.Equal(a.Images.Row(7).ToArray(), b.Images.Row(7).ToArray());
        Assert.NotEqual(a.Images.Row(7).ToArray(), c.Images.Row(7).ToArray());
        Assert.Equal((40, 32, 32), (a.Count, a.Height, a.Width));
        Assert.Equal(SegmentCheckData.ClassNames, a.ClassNames);
        Assert.Equal(20, a.Labels.Count(l => l == 0));
        Assert.All(Enumerable.Range(0, 40), i => Assert.Equal(i % 4 < 2 ? 0 : 1, a.Labels[i]));
        Assert.All(a.Images.Row(3).ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void A_pair_spans_both_glyphs_and_a_cut_pair_keeps_only_part_of_them()
    {
        var bar = new BinaryImage(20, 10, [.. Enumerable.Repeat((byte)1, 200)]);
        for (int seed = 0; seed < 50; seed++)
        {
            var whole = SegmentCheckData.Pair(bar, bar, new SeededRandom(seed), cut: false);
            var cut = SegmentCheckData.Pair(bar, bar, new SeededRandom(seed), cut: true);
            // Overlap in [−0.2, 0.35] of the narrower width: 10 + 10 − 3.5 … 10 + 10 + 2 columns.
            Assert.InRange(whole.Width, 16, 22);
            Assert.InRange(whole.Height, 20, 22);
            // A cut keeps from 20–70 % into the first to 35–80 % into the second.
            Assert.InRange(cut.Width, 1, whole.Width - 2);
            Assert.True(cut.Count() < whole.Count());
        }
    }

    [Fact]
    public void With_pieces_every_sixth_crop_is_part_of_one_glyph()
    {
        var set = SegmentCheckData.Compose([Glyphs], 36, 5, pieces: true);
        Assert.All(Enumerable.Range(0, 36), i => Assert.Equal(i % 6 < 3 ? 0 : 1, set.Labels[i]));
        var glyph = new BinaryImage(20, 10, [.. Enumerable.Repeat((byte)1, 200)]);
        for (int seed = 0; seed < 30; seed++)
        {
            var piece = SegmentCheckData.Piece(glyph, new SeededRandom(seed));
            Assert.Equal(20, piece.Height);
            Assert.InRange(piece.Width, 3, 7); // 30–70 % of the width
        }
    }

    [Fact]
    public void Glyph_sets_without_ink_are_refused()
    {
        var blank = new Data.ImageSet(Tensor.FromArray(new float[2 * 8 * 8], 2, 8, 8), [0, 1], ["A", "B"], "blank");
        Assert.Throws<ArgumentException>(() => SegmentCheckData.Compose([blank], 4, 1));
        Assert.Throws<ArgumentException>(() => SegmentCheckData.Compose([], 4, 1));
    }

    /// <summary>Reads every crop as H, surely: the character classifier is as sure of two touching letters as of one.</summary>
    private sealed class SureH : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames { get; } = [.. Enumerable.Range(0, 26).Select(i => ((char)('A' + i)).ToString())];

        public float[][] Classify(IReadOnlyList<FloatImage> crops) =>
            [.. crops.Select(_ => ClassNames.Select(n => n == "H" ? 0.99f : 0.01f / 25).ToArray())];
    }

    /// <summary>A segment check that calls a crop one character when its ink is at most 1.3 times as wide as tall.</summary>
    private sealed class WidthCheck : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames { get; } = SegmentCheckData.ClassNames;

        public float[][] Classify(IReadOnlyList<FloatImage> crops) => [.. crops.Select(c =>
        {
            var ink = Enumerable.Range(0, c.Pixels.Length).Where(i => c.Pixels[i] > 0.5f).ToList();
            double width = ink.Max(i => i % c.Width) - ink.Min(i => i % c.Width) + 1, height = ink.Max(i => i / c.Width) - ink.Min(i => i / c.Width) + 1;
            float one = width <= 1.3 * height ? 0.99f : 0.01f;
            return new[] { one, 1 - one };
        })];
    }

    [Fact]
    public void With_the_check_a_touching_pair_read_surely_as_one_letter_is_cut()
    {
        // "HH" whose letters touch through one crossbar: one blob the classifier reads as H at 0.99.
        var page = SyntheticPage.Render(["HH"], seed: 3, new SyntheticPageOptions { CharacterHeight = 60 });
        var pixels = (float[])page.Pixels.Clone();
        var ink = Enumerable.Range(0, pixels.Length).Where(i => pixels[i] < 0.5f).ToList();
        int top = ink.Min(i => i / page.Width), bottom = ink.Max(i => i / page.Width), left = ink.Min(i => i % page.Width), right = ink.Max(i => i % page.Width);
        int middle = (top + bottom) / 2;
        for (int y = middle - 4; y <= middle + 4; y++)
        {
            for (int x = left; x <= right; x++)
            {
                pixels[(y * page.Width) + x] = 0.1f;
            }
        }

        var segmented = PageSegmenter.Segment(new FloatImage(pixels, page.Height, page.Width));
        Assert.Single(segmented.Characters);
        var classifier = new SureH();
        var probabilities = classifier.Classify([.. segmented.Characters.Select(c => CropPreparation.Prepare(c.Ink))]);
        // Width alone would make it suspicious here; as with pairs no wider than a W, only the check may now doubt it.
        var options = new RecognitionOptions { SuspiciousWidth = 10 };
        var (without, _) = RecognitionSegmenter.Resegment(segmented, probabilities, classifier, new CropOptions(), options);
        var (with, _) = RecognitionSegmenter.Resegment(segmented, probabilities, classifier, new CropOptions(), options with { Check = new WidthCheck() });
        Assert.Single(without.Characters);
        Assert.Equal(2, with.Characters.Count());
        Assert.Throws<ArgumentException>(() => RecognitionSegmenter.Resegment(segmented, probabilities, classifier, new CropOptions(), new RecognitionOptions { Check = classifier }));
    }
}
