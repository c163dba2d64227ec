using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.Reporting.Tests;

/// <summary>
/// The figures decode as PNGs of the promised size and carry text: dark pixels in the title band and
/// in the tick-label margins prove the shipped font was loaded (with no font ScottPlot draws no text).
/// </summary>
public class FigureTests
{
    private static List<EpochMetrics> History(double rate, int epochs = 12) =>
        [.. Enumerable.Range(1, epochs).Select(e => new EpochMetrics(e, 3 * Math.Exp(-e * rate), 1 - Math.Exp(-2 * e * rate),
            (3 * Math.Exp(-e * rate)) + 0.3, 0.9 - Math.Exp(-2 * e * rate), 0.01))];

    [Fact]
    public void Learning_curves_have_the_size_and_text_they_promise()
    {
        foreach (var metric in new[] { CurveMetric.Loss, CurveMetric.Accuracy })
        {
            using var bitmap = Png.Decode(LearningCurves.Render(History(0.3), metric));
            Assert.Equal((CurveFigure.DefaultWidth, CurveFigure.DefaultHeight), (bitmap.Width, bitmap.Height));
            Assert.True(Png.DarkPixels(bitmap, 0, 0, bitmap.Width, 36) > 200, "no title text");
            Assert.True(Png.DarkPixels(bitmap, 0, 40, 30, bitmap.Height - 60) > 100, "no y label text");
            Assert.True(Png.DarkPixels(bitmap, 60, bitmap.Height - 30, bitmap.Width, bitmap.Height) > 100, "no x label text");
        }
    }

    [Fact]
    public void A_study_draws_every_run_and_skips_missing_validation_points()
    {
        var noValid = History(0.1).Select(m => m with { ValidLoss = double.NaN, ValidAccuracy = double.NaN }).ToList();
        var runs = new List<(string, IReadOnlyList<EpochMetrics>)> { ("lr 0.02", History(0.3)), ("lr 0.2", History(0.9)), ("lr 0.002", noValid) };
        var series = LearningCurves.Series(runs, CurveMetric.Accuracy);
        Assert.Equal(6, series.Count);
        Assert.Equal(["lr 0.02 train", "lr 0.02 valid", "lr 0.2 train", "lr 0.2 valid", "lr 0.002 train", "lr 0.002 valid"], series.Select(s => s.Label));
        using var bitmap = Png.Decode(LearningCurves.Render(runs, CurveMetric.Accuracy, "Learning-rate study"));
        Assert.True(Png.DarkPixels(bitmap, bitmap.Width - 180, 0, bitmap.Width, bitmap.Height) > 300, "no legend text at the right");
    }

    [Fact]
    public void Curves_with_nothing_finite_are_refused()
    {
        var empty = new CurveSeries("x", [1, 2], [double.NaN, double.NaN]);
        Assert.Throws<ArgumentException>(() => CurveFigure.Render("t", "x", "y", [empty]));
        Assert.Throws<ArgumentException>(() => CurveFigure.Render("t", "x", "y", [new CurveSeries("x", [1, 2], [1])]));
    }

    [Fact]
    public void Weight_tiles_are_normalised_per_unit_and_laid_out_8_by_8()
    {
        var weights = new Tensor(1024, 64);
        var random = new SeededRandom(3);
        var span = weights.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = (float)random.Uniform(-0.1, 0.1) * (1 + (i % 64)); // every unit its own scale
        }

        float[] tile = WeightGrid.Tile(weights, 63);
        Assert.Equal(0f, tile.Min());
        Assert.Equal(1f, tile.Max());
        Assert.Equal(1024, tile.Length);
        byte[] png = WeightGrid.Render(weights, 32, 32, "first-layer weights");
        using var bitmap = Png.Decode(png);
        Assert.Equal(WeightGrid.Measure(64, 32, 32), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap.Width > 8 * 32 * 3 && bitmap.Height > 8 * 32 * 3);
        Assert.True(Png.DarkPixels(bitmap, 0, 0, bitmap.Width, 34) > 100, "no title text");
    }

    [Fact]
    public void A_constant_unit_shows_as_mid_grey()
    {
        var weights = new Tensor(4, 2);
        weights.Fill(0.25f);
        Assert.All(WeightGrid.Tile(weights, 1), v => Assert.Equal(0.5f, v));
    }

    [Fact]
    public void Confusion_matrix_counts_pairs_and_ranks_the_confusions()
    {
        int[] truth = [0, 0, 0, 1, 1, 2, 2, 2, 2];
        int[] predicted = [0, 1, 1, 0, 1, 2, 1, 0, 2];
        var matrix = ConfusionMatrix.Compute(truth, predicted, ["a", "b", "c"]);
        Assert.Equal(2, matrix.Counts[0, 1]);
        Assert.Equal(9, matrix.Total);
        Assert.Equal(4.0 / 9, matrix.Accuracy, 12);
        Assert.Equal([("a", "b", 3), ("a", "c", 1), ("b", "c", 1)], matrix.MostConfusedPairs());
        Assert.Equal(0.5, matrix.RowFractions()[2, 2], 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.Compute([3], [0], ["a", "b", "c"]));
    }

    [Fact]
    public void A_36_class_heat_map_labels_both_axes()
    {
        string[] names = [.. Enumerable.Range(0, 26).Select(i => ((char)('A' + i)).ToString()), .. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var random = new SeededRandom(5);
        int[] truth = [.. Enumerable.Range(0, 3600).Select(i => i % 36)];
        int[] predicted = [.. truth.Select(t => random.NextDouble() < 0.8 ? t : random.NextInt(36))];
        byte[] png = ConfusionFigure.Render(ConfusionMatrix.Compute(truth, predicted, names), "Confusion matrix: valid");
        using var bitmap = Png.Decode(png);
        Assert.Equal(bitmap.Width, bitmap.Height);
        Assert.True(bitmap.Width >= 900);
        Assert.True(Png.DarkPixels(bitmap, 0, 40, 45, bitmap.Height - 60) > 300, "no class labels on the left axis");
        Assert.True(Png.DarkPixels(bitmap, 60, bitmap.Height - 45, bitmap.Width - 100, bitmap.Height) > 300, "no class labels on the bottom axis");
    }
}

/// <summary>The shipped font is what ScottPlot resolves its default name to.</summary>
public class PlotFontTests
{
    [Fact]
    public void ScottPlot_draws_with_the_shipped_DejaVu_Sans()
    {
        PlotFont.EnsureRegistered();
        Assert.Equal(PlotFont.Name, ScottPlot.Fonts.Default);
        using var typeface = ScottPlot.Fonts.GetTypeface(PlotFont.Name, bold: true, italic: false);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.Throws<FileNotFoundException>(() => PlotFont.EnsureRegistered("/nonexistent/font.ttf"));
    }
}
