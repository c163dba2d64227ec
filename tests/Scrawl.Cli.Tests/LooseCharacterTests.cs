using Scrawl.Data;
using Scrawl.Data.Formats;
using Scrawl.Data.Images;
using Scrawl.Media;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl evaluate on folders of loose character images (any size, either polarity), scrawl classify, and NIST26 .mat files scored by class name.</summary>
public sealed class LooseCharacterTests : IDisposable
{
    private static readonly string[] Classes = ["A", "K", "7"];
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-loose-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string PhotoChars()
    {
        string models = ShippedCharModelTests.ModelsFolder();
        string path = Path.Combine(Path.GetDirectoryName(models)!, "..", "shared", "datasets", "handwritten36", "photo-chars");
        Assert.True(Directory.Exists(path), $"{path} is missing (the shared data sets are needed)");
        return path;
    }

    private static string Model() => Path.Combine(ShippedCharModelTests.ModelsFolder(), "charmodel.scrawl");

    /// <summary>Copies the first 6 photo-chars crops of each class at their own sizes, as dark-on-light PNGs or inverted, some with a 5-px paper margin.</summary>
    private string Folder(string name, bool invert)
    {
        var decoder = new SkiaImageDecoder();
        foreach (string c in Classes)
        {
            string target = Directory.CreateDirectory(Path.Combine(_dir, name, c)).FullName;
            var files = Directory.EnumerateFiles(Path.Combine(PhotoChars(), c)).Order(StringComparer.Ordinal).Take(6).ToList();
            for (int i = 0; i < files.Count; i++)
            {
                var image = ImageFolder.LoadImage(files[i], new ImageFolderOptions(), decoder);
                if (i % 2 == 1)
                {
                    float paper = image.Pixels.Order().ElementAt(image.Pixels.Length / 2);
                    image = image.Place(image.Height + 10, image.Width + 10, 5, 5, paper);
                }

                File.WriteAllBytes(Path.Combine(target, $"{i}.png"), PngImage.Encode(image, invert));
            }
        }

        return Path.Combine(_dir, name);
    }

    [Theory]
    [InlineData(false, "dark ink on light paper")]
    [InlineData(true, "light ink on dark paper")]
    public void Evaluate_reads_crops_of_any_size_in_either_polarity(bool invert, string polarity)
    {
        string folder = Folder(invert ? "light" : "dark", invert);
        var (code, output, err) = CliRunner.Run("evaluate", Model(), "--data", folder);
        Assert.True(code == 0, err);
        Assert.Contains($"polarity: {folder}: {polarity}", output, StringComparison.Ordinal);
        double accuracy = double.Parse(output.Split('\n').Last(l => l.StartsWith("accuracy:", StringComparison.Ordinal))[9..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.85, 1.0); // 18 crops of A, K, 7; the model was trained on most of them
    }

    [Fact]
    public void Evaluate_names_class_folders_the_model_does_not_know()
    {
        string folder = Folder("unknown", invert: false);
        Directory.Move(Path.Combine(folder, "K"), Path.Combine(folder, "k"));
        Directory.Move(Path.Combine(folder, "A"), Path.Combine(folder, "alpha"));
        var (code, output, err) = CliRunner.Run("evaluate", Model(), "--data", folder);
        Assert.Equal(2, code);
        Assert.Contains("'alpha', 'k'", err, StringComparison.Ordinal);
        Assert.DoesNotContain("accuracy:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_prints_five_classes_per_image_and_names_bad_files()
    {
        string folder = Folder("classify", invert: true);
        string bad = Path.Combine(_dir, "broken.png");
        File.WriteAllBytes(bad, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        string a = Path.Combine(folder, "A", "0.png"), seven = Path.Combine(folder, "7", "1.png");
        var (code, output, err) = CliRunner.Run("classify", a, bad, seven);
        Assert.Equal(2, code);
        Assert.Contains(bad, err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        var lines = output.Trim().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Equal(12, lines.Count); // two blocks: header + 5 classes
        Assert.Equal($"== {a} ==", lines[0]);
        Assert.StartsWith("A ", lines[1], StringComparison.Ordinal);
        Assert.Equal($"== {seven} ==", lines[6]);
        Assert.StartsWith("7 ", lines[7], StringComparison.Ordinal);
        var p = lines.Skip(1).Take(5).Select(l => double.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(p.OrderDescending(), p);
        Assert.InRange(p.Sum(), 0.5, 1.0001);
    }

    [Fact]
    public void A_nist26_mat_file_is_scored_against_the_36_class_model_by_name()
    {
        var letters = Handwritten36.LoadPhotoChars(PhotoChars(), new SkiaImageDecoder());
        int[] pick = [.. new[] { 0, 10, 25 }.SelectMany(c => Enumerable.Range(0, letters.Count).Where(i => letters.Labels[i] == c).Take(10))];
        var set = letters.Subset(pick, "nist26");
        var rows = Nist36Layout.ToNist36(set);
        var oneHot = new double[set.Count * 26];
        for (int i = 0; i < set.Count; i++)
        {
            oneHot[(i * 26) + set.Labels[i]] = 1; // A, K, Z keep their index in A–Z
        }

        string mat = Path.Combine(_dir, "nist26_test.mat");
        MatWriter.Write(mat, ("test_data", set.Count, 1024, [.. rows.Span.ToArray().Select(v => (double)v)]), ("test_labels", set.Count, 26, oneHot));
        var (code, output, err) = CliRunner.Run("evaluate", Model(), "--data", mat);
        Assert.True(code == 0, err);
        Assert.Contains("  K ", output, StringComparison.Ordinal);
        Assert.Contains("  Z ", output, StringComparison.Ordinal);
        double accuracy = double.Parse(output.Split('\n').Last(l => l.StartsWith("accuracy:", StringComparison.Ordinal))[9..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.85, 1.0);
    }
}
