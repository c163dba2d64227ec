using System.Globalization;
using ScottPlot;

namespace Scrawl.Reporting;

/// <summary>
/// A confusion matrix as a heat map (ScottPlot): truth down the left, prediction along the bottom,
/// colour = fraction of the true class (row-normalised), class names on both axes, a colour bar,
/// and the count written in every non-zero cell when there is room.
/// </summary>
public static class ConfusionFigure
{
    /// <summary>PNG of the heat map, <paramref name="size"/> × <paramref name="size"/> pixels (0: automatic, ≈ 22 px per class, at least 640; else within the figure limits).</summary>
    public static byte[] Render(ConfusionMatrix matrix, string title, int size = 0)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int k = matrix.ClassNames.Count;
        size = size > 0 ? size : Math.Clamp((k * 22) + 200, 640, 2000);
        Figure.CheckSize(size, size);
        using var plot = new Plot();
        PlotFont.Apply(plot);
        var fractions = matrix.RowFractions();
        var heatmap = plot.Add.Heatmap(fractions);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        // Cell (t, p) is centred on x = p, y = k − 1 − t: the first class is at the top left
        // (the rectangle spans the centres of the corner cells).
        heatmap.Position = new CoordinateRect(0, k - 1, 0, k - 1);
        plot.Add.ColorBar(heatmap);

        double cell = (size - 200.0) / k;
        float labelSize = (float)Math.Clamp(cell * 0.6, 8, 14);
        double[] positions = [.. Enumerable.Range(0, k).Select(i => (double)i)];
        string[] names = [.. matrix.ClassNames];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. positions.Select(p => k - 1 - p)], names);
        plot.Axes.Bottom.TickLabelStyle.FontSize = labelSize;
        plot.Axes.Left.TickLabelStyle.FontSize = labelSize;
        if (cell >= 14)
        {
            WriteCounts(plot, matrix, fractions, (float)Math.Clamp(cell * 0.42, 7, 14));
        }

        plot.Title(title + " (colour = share of the true class)", 17);
        plot.XLabel("predicted class", 15);
        plot.YLabel("true class", 15);
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        return plot.GetImageBytes(size, size, ImageFormat.Png);
    }

    private static void WriteCounts(Plot plot, ConfusionMatrix matrix, double[,] fractions, float fontSize)
    {
        int k = matrix.ClassNames.Count;
        for (int t = 0; t < k; t++)
        {
            for (int p = 0; p < k; p++)
            {
                int n = matrix.Counts[t, p];
                if (n == 0)
                {
                    continue;
                }

                var text = plot.Add.Text(n.ToString(CultureInfo.InvariantCulture), p, k - 1 - t);
                text.LabelFontSize = fontSize;
                text.LabelAlignment = Alignment.MiddleCenter;
                // Viridis is dark below ≈ 0.6: light text there, dark text on the yellow end.
                text.LabelFontColor = fractions[t, p] < 0.6 ? Colors.White : Colors.Black;
            }
        }
    }
}
