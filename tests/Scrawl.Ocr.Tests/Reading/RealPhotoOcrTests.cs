using Scrawl.Media;

namespace Scrawl.Ocr.Tests;

/// <summary>
/// The whole pipeline on the two real photos in ../shared/images with the third-party reference model
/// (../shared/models/nist36-mlp-reference.npz), decoded as the CLI does (working side 1600 px, a JPEG DCT scale within ±20 % taken as is). The bound is
/// what this pipeline achieved when the test was written (CER 21.85 %: 33 of 151 characters; lines all
/// counted right); a change that makes it read worse fails here.
/// </summary>
public class RealPhotoOcrTests
{
    /// <summary>The text with every character replaced by x: lines, word breaks and word lengths only.</summary>
    private static string Shape(string text) => string.Join("\n", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(l => string.Join(" ", l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new string('x', w.Length)))));

    private const double AchievedCharacterErrorRate = 33.0 / 151;

    [Fact]
    public void Character_error_rate_with_the_reference_model_does_not_rise()
    {
        var classifier = CharacterModels.Load(Shared.ReferenceModel());
        TextScore? total = null;
        foreach (string name in new[] { "01_list", "02_letters" })
        {
            // The reference MLP is unsure of most real characters (it exists to separate pipeline errors from classifier errors),
            // so no line is dropped for its doubt here.
            var options = new PageReadingOptions { MinLineConfidence = 0 };
            var (image, _, _) = PhotoLoader.Load(Path.Combine(Shared.Images(), name + ".jpg"), options.WorkingSide, slack: 0.2);
            options = options with { WorkingSide = Math.Max(options.WorkingSide, Math.Max(image.Height, image.Width)) };
            var result = PageReader.Read(image, classifier, options);
            var score = TextScore.Compute(File.ReadAllText(Path.Combine(Shared.Images(), name + ".txt")), result.Text);
            string truth = File.ReadAllText(Path.Combine(Shared.Images(), name + ".txt"));
            Assert.Equal(Shape(truth), Shape(result.Text)); // lines, words and characters per word exact at the CLI's working size
            total = total is null ? score : total.Add(score);
        }

        Assert.True(total!.LineCountRight);
        Assert.True(total.CharacterErrorRate <= AchievedCharacterErrorRate + 1e-9, $"CER {total.CharacterErrorRate:P2} > {AchievedCharacterErrorRate:P2}");
    }
}
