using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

public class PageReaderTests
{
    private static readonly string[] Text = ["HELLO 42", "A B C"];

    /// <summary>A classifier that answers from a script: the i-th crop of a call gets the i-th scripted symbol with probability 0.9.</summary>
    private sealed class ScriptedClassifier(string script) : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames { get; } = [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".Select(c => c.ToString())];

        public int Calls { get; private set; }

        public float[][] Classify(IReadOnlyList<FloatImage> crops)
        {
            Calls++;
            return [.. crops.Select((crop, i) =>
            {
                Assert.Equal((32, 32), (crop.Height, crop.Width));
                var p = Enumerable.Repeat(0.1f / 35, 36).ToArray();
                p[ClassNames.ToList().IndexOf(script[i].ToString())] = 0.9f;
                return p;
            })];
        }
    }

    [Fact]
    public void A_rendered_page_reads_back_as_lines_words_and_characters_in_one_batch()
    {
        var photo = SyntheticPage.Render(Text, seed: 3);
        var classifier = new ScriptedClassifier("HELLO42ABC");
        // The scripted answers follow the crops' order, so the orientation check (a batch of its own) is left out here.
        var result = PageReader.Read(photo, classifier, new PageReadingOptions { DetectOrientation = false });
        Assert.Equal(1, classifier.Calls);
        Assert.Equal("HELLO 42\nA B C", result.Text);
        Assert.Equal([2, 3], result.Lines.Select(l => l.Words.Count));
        Assert.All(result.Characters, c => Assert.Equal(0.9, c.Confidence, 4));
        Assert.True(result.Lines[0].Box.Bottom <= result.Lines[1].Box.Top);
        Assert.True(result.Lines[0].Words[0].Box.Right < result.Lines[0].Words[1].Box.Left);
    }

    /// <summary>An orientation judge: every crop of the batch's quarter <paramref name="favoured"/> (0–3) read at 0.95, the others at 0.4–0.44.</summary>
    private sealed class TurnJudge(int favoured) : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames { get; } = ["A", "B"];

        public int Calls { get; private set; }

        public float[][] Classify(IReadOnlyList<FloatImage> crops)
        {
            Calls++;
            int n = crops.Count / 4;
            return [.. crops.Select((_, i) => i / n == favoured ? new[] { 0.95f, 0.05f } : [0.4f + (0.02f * (i % 3)), 0.6f - (0.02f * (i % 3))])];
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_given_orientation_classifier_decides_the_turn_and_the_reading_classifier_only_reads(int favoured)
    {
        string[] lines = ["HELLO 42 ABC", "DEFG 3 HIJK", "LMNOP 5678"];
        var photo = SyntheticPage.Render(lines, seed: 4);
        var judge = new TurnJudge(favoured);
        var reader = new ScriptedClassifier(new string('A', 40));
        var reading = PageReader.ReadTimed(photo, reader, new PageReadingOptions(), judge);
        Assert.True(judge.Calls >= 1);
        Assert.Equal(1, reader.Calls); // the page's one batch; the orientation check never asked it
        Assert.Equal(favoured, reading.Orientation!.QuarterTurns);
        Assert.Equal(favoured, reading.Geometry.QuarterTurns);
        Assert.Equal(lines.Sum(l => l.Count(c => c != ' ')), reading.Result.Characters.Count());
    }

    [Fact]
    public void Boxes_scale_into_the_full_photo_frame()
    {
        var result = PageReader.Read(SyntheticPage.Render(["AB"], seed: 1), new ScriptedClassifier("AB"));
        var scaled = result.ScaledTo(result.Height * 2, result.Width * 2);
        var (a, b) = (result.Characters.First().Box, scaled.Characters.First().Box);
        Assert.Equal((a.Top * 2, a.Left * 2, a.Bottom * 2, a.Right * 2), (b.Top, b.Left, b.Bottom, b.Right));
        Assert.Equal(result.Text, scaled.Text);
    }

    [Fact]
    public void The_synthetic_page_is_reproducible_from_its_seed()
    {
        var a = SyntheticPage.Render(Text, seed: 5);
        var b = SyntheticPage.Render(Text, seed: 5);
        var c = SyntheticPage.Render(Text, seed: 6);
        Assert.True(a.Pixels.SequenceEqual(b.Pixels));
        Assert.False(a.Height == c.Height && a.Width == c.Width && a.Pixels.SequenceEqual(c.Pixels));
        Assert.Throws<ArgumentException>(() => SyntheticPage.Render(["HI!"], seed: 1));
    }

    [Fact]
    public void Thin_strokes_are_thickened_towards_the_target_width()
    {
        // A 1-pixel-wide "L" 60 pixels tall: scaled into 32×32 its strokes would be ≈ 0.4 px.
        var mask = Ink.Page(60, 40, new PixelBox(0, 0, 60, 1), new PixelBox(59, 0, 60, 40));
        Assert.InRange(CropPreparation.StrokeWidth(mask), 0.9, 1.1);
        Assert.Equal(0, CropPreparation.DilationRadius(mask, 0, new CharacterNormalizeOptions()));
        int radius = CropPreparation.DilationRadius(mask, 2.5, new CharacterNormalizeOptions());
        Assert.InRange(radius, 2, 3); // 2.5 px ≈ 6 mask px at scale 25/60
        var character = new InkCharacter(new PixelBox(0, 0, 60, 40), new PixelBox(0, 0, 60, 40), mask);
        float thin = CropPreparation.Prepare(character, new CropOptions { StrokeWidth = 0, Blur = 0 }).Pixels.Sum();
        float thick = CropPreparation.Prepare(character, new CropOptions { Blur = 0 }).Pixels.Sum();
        Assert.True(thick > 2 * thin, $"ink {thin} → {thick}");
    }
}
