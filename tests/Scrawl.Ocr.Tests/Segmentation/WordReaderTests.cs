using Scrawl.Data;
using Scrawl.Data.Synthesis;
using Scrawl.Imaging;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Numerics;
using Scrawl.Ocr.Words;

namespace Scrawl.Ocr.Tests.Segmentation;

/// <summary>The word reader's frames, training words, best-path decoding and vote with the classifier.</summary>
public class WordReaderTests
{
    private static readonly ImageSet Glyphs = new GlyphSynthesizer().Generate(2, 1);

    private static BinaryImage Block(int height, int width, int top = 0, int left = 0, int blockHeight = -1, int blockWidth = -1)
    {
        var pixels = new byte[height * width];
        for (int y = top; y < top + (blockHeight < 0 ? height : blockHeight); y++)
        {
            for (int x = left; x < left + (blockWidth < 0 ? width : blockWidth); x++)
            {
                pixels[(y * width) + x] = 1;
            }
        }

        return new BinaryImage(height, width, pixels);
    }

    private static (int Top, int Bottom, int Left, int Right) InkExtent(FloatImage frame)
    {
        int top = int.MaxValue, bottom = -1, left = int.MaxValue, right = -1;
        for (int y = 0; y < frame.Height; y++)
        {
            for (int x = 0; x < frame.Width; x++)
            {
                if (frame[y, x] > 0.5f)
                {
                    (top, bottom, left, right) = (Math.Min(top, y), Math.Max(bottom, y), Math.Min(left, x), Math.Max(right, x));
                }
            }
        }

        return (top, bottom, left, right);
    }

    [Fact]
    public void A_word_fills_the_content_rows_at_its_own_aspect_from_the_margin()
    {
        // The ink (14×56 inside a larger mask) is scaled ×2 to 28 rows: 112 columns, starting at the 2-pixel margin.
        var frame = WordCrops.Prepare(Block(30, 90, top: 5, left: 10, blockHeight: 14, blockWidth: 56));
        Assert.Equal((WordCrops.Height, WordCrops.Width), (frame.Height, frame.Width));
        var (top, bottom, left, right) = InkExtent(frame);
        Assert.Equal((2, 29), (top, bottom));
        Assert.Equal(2, left);
        Assert.InRange(right, 112, 113);
    }

    [Fact]
    public void A_word_too_long_for_the_frame_is_squeezed_across_and_an_empty_mask_gives_an_empty_frame()
    {
        var (_, _, left, right) = InkExtent(WordCrops.Prepare(Block(10, 400)));
        Assert.Equal((2, WordCrops.Width - 3), (left, right));
        Assert.Equal(188.0 / 400, WordCrops.ScaleAcross(10, 400), 12);
        Assert.All(WordCrops.Prepare(new BinaryImage(10, 20, new byte[200])).Pixels, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Training_words_are_seeded_and_their_targets_spell_their_texts()
    {
        int length = 37 * WordReaderNetwork.Steps;
        var a = WordReaderData.Compose([Glyphs], 30, 5, length);
        var b = WordReaderData.Compose([Glyphs], 30, 5, length);
        var c = WordReaderData.Compose([Glyphs], 30, 6, length);
        Assert.Equal(a.Frames.Span.ToArray(), b.Frames.Span.ToArray());
        Assert.Equal(a.Texts, b.Texts);
        Assert.NotEqual(a.Frames.Row(4).ToArray(), c.Frames.Row(4).ToArray());
        for (int i = 0; i < 30; i++)
        {
            var row = a.Targets.Row(i).ToArray();
            Assert.InRange(a.Texts[i].Length, 1, WordReaderData.MaxLength);
            Assert.Equal(a.Texts[i].Length, (int)row[0]);
            Assert.Equal(a.Texts[i], string.Concat(Enumerable.Range(1, (int)row[0]).Select(k => Nist36Layout.ClassNames[(int)row[k] - 1])));
            Assert.True(a.Frames.Row(i).ToArray().Max() > 0.5f, $"word {i} has no ink");
        }
    }

    [Fact]
    public void A_glyph_set_without_every_class_is_refused_by_name()
    {
        var twoClasses = new ImageSet(new Tensor(2, 4, 4), [0, 1], ["A", "B"], "tiny");
        var e = Assert.Throws<ArgumentException>(() => WordReaderData.Compose([twoClasses], 3, 1, 400));
        Assert.Contains("tiny", e.Message);
    }

    /// <summary>Class-major logits for 3 classes (blank, A, B) with the given class surest at each step (else the blank).</summary>
    private static float[] Logits(params (int Step, int Class)[] marks)
    {
        int steps = WordReaderNetwork.Steps;
        var logits = new float[3 * steps];
        for (int t = 0; t < steps; t++)
        {
            logits[t] = 3;
        }

        foreach (var (step, c) in marks)
        {
            logits[step] = 0;
            logits[(c * steps) + step] = 4;
        }

        return logits;
    }

    [Fact]
    public void Best_path_merges_repeats_drops_blanks_and_keeps_a_repeat_after_a_blank()
    {
        var ink = new PixelBox(0, 0, 28, 188);
        var read = WordReader.Decode(Logits((3, 1), (4, 1), (5, 1), (10, 2), (12, 1), (14, 1)), 3, ink);
        Assert.Equal([0, 1, 0, 0], read.Select(c => Array.IndexOf(c.Probabilities, c.Probabilities.Max())));
        Assert.Equal(0, read[0].Left);
        Assert.Equal(188, read[^1].Right);
        // Boundaries lie halfway between the runs: between steps 5 and 10 → step 8 → column 4·8 − 2 = 30.
        Assert.Equal(30, read[0].Right);
        Assert.All(read.Zip(read.Skip(1)), p => Assert.Equal(p.First.Right, p.Second.Left));
        Assert.All(read, c => Assert.Equal(1f, c.Probabilities.Sum(), 5));
        Assert.Empty(WordReader.Decode(Logits(), 3, ink));
    }

    [Fact]
    public void The_vote_is_the_normalised_weighted_product_in_the_classifier_order()
    {
        var map = WordRecognizer.ClassMap(["B", "A"], ["A", "B"]);
        Assert.Equal([1, 0], map);
        var vote = WordRecognizer.Vote([0.6f, 0.4f], [0.8f, 0.2f], map, 1, 1);
        Assert.Equal(0.12 / 0.44, vote[0], 5);
        Assert.Equal(0.32 / 0.44, vote[1], 5);
        var alone = WordRecognizer.Vote([0.6f, 0.4f], [0.8f, 0.2f], map, 1, 0);
        Assert.Equal(0.6, alone[0], 5);
        Assert.Throws<ArgumentException>(() => WordRecognizer.ClassMap(["A", "B"], ["A", "C"]));
    }

    [Fact]
    public void A_model_that_is_no_word_reader_is_refused()
    {
        var network = WordReaderNetwork.Create(3, 2, 1);
        var good = new Model(network, ModelHead.Identity, new ClassifierMetadata([WordReader.Blank, "A", "B"]).ToMetadata());
        Assert.Equal(["A", "B"], new WordReader(good).ClassNames);
        var noBlank = new Model(network, ModelHead.Identity, new ClassifierMetadata(["X", "A", "B"]).ToMetadata());
        Assert.Throws<ArgumentException>(() => new WordReader(noBlank));
        var wrongWidth = new Model(WordReaderNetwork.Create(4, 2, 1), ModelHead.Identity, new ClassifierMetadata([WordReader.Blank, "A", "B"]).ToMetadata());
        Assert.Throws<ArgumentException>(() => new WordReader(wrongWidth));
    }
}
