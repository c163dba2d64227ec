using SkiaSharp;

namespace Scrawl.Cli.Tests;

/// <summary>scrawl train writes its figures: curves, first-layer weights (32×32 input, 64 hidden), a confusion matrix per split.</summary>
public class TrainFiguresTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-train-figures-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Decodes a figure; asserts it is a PNG of at least the given size with dark (text/line) pixels in its top band.</summary>
    internal static void AssertFigure(string path, int minWidth, int minHeight)
    {
        Assert.True(File.Exists(path), $"{path} missing");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal("\u0089PNG", System.Text.Encoding.Latin1.GetString(bytes, 0, 4));
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.True(bitmap.Width >= minWidth && bitmap.Height >= minHeight, $"{path}: {bitmap.Width}x{bitmap.Height}");
        int dark = 0;
        for (int y = 0; y < 36; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                dark += c.Red + c.Green + c.Blue < 384 ? 1 : 0;
            }
        }

        Assert.True(dark > 100, $"{path}: no title text drawn ({dark} dark pixels)");
    }

    [Fact]
    public void A_32x32_run_with_64_hidden_units_writes_every_figure()
    {
        string data = Path.Combine(_dir, "g.npz");
        Assert.Equal(0, CliRunner.Run("data", "synth", "--per-class", "10", "--out", data).Code);
        string outDir = Path.Combine(_dir, "run");
        var (code, stdout, err) = CliRunner.Run("train", "--data", data, "--epochs", "2", "--out", outDir);
        Assert.True(code == 0, err);
        foreach (string name in new[] { "curves-loss.png", "curves-accuracy.png" })
        {
            AssertFigure(Path.Combine(outDir, name), 800, 500);
        }

        AssertFigure(Path.Combine(outDir, "weights-init.png"), 8 * 96, 8 * 96);
        AssertFigure(Path.Combine(outDir, "weights-final.png"), 8 * 96, 8 * 96);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(outDir, "weights-init.png")), File.ReadAllBytes(Path.Combine(outDir, "weights-final.png")));
        foreach (string split in new[] { "train", "valid", "test" })
        {
            AssertFigure(Path.Combine(outDir, $"confusion-{split}.png"), 900, 900);
        }

        Assert.Contains("most confused pairs (valid):", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("weights figures skipped", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_shapes_skip_the_weight_figures_with_a_note()
    {
        string outDir = Path.Combine(_dir, "mnist");
        var (code, stdout, err) = CliRunner.Run("train", "--data", "mnist-10k", "--hidden", "16", "--epochs", "1", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("weights figures skipped", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outDir, "weights-final.png")));
        AssertFigure(Path.Combine(outDir, "curves-accuracy.png"), 800, 500);
        AssertFigure(Path.Combine(outDir, "confusion-valid.png"), 640, 640);
    }
}
