using ScottPlot;

namespace Scrawl.Reporting;

/// <summary>Line charts of several <see cref="CurveSeries"/> on shared axes with a legend, rendered with ScottPlot as PNG.</summary>
public static class CurveFigure
{
    /// <summary>Default figure width in pixels.</summary>
    public const int DefaultWidth = 800;

    /// <summary>Default figure height in pixels.</summary>
    public const int DefaultHeight = 500;

    /// <summary>
    /// PNG bytes of the chart; <paramref name="series"/> must hold at least one series with a finite point;
    /// <paramref name="yRange"/> fixes the y axis (e.g. 0–1 for accuracy), null fits the data.
    /// Width and height in [<see cref="Figure.MinSide"/>, <see cref="Figure.MaxSide"/>].
    /// </summary>
    public static byte[] Render(string title, string xLabel, string yLabel, IReadOnlyList<CurveSeries> series,
        (double Min, double Max)? yRange = null, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(series);
        Figure.CheckSize(width, height);
        using var plot = new Plot();
        PlotFont.Apply(plot);
        var palette = new ScottPlot.Palettes.Category10();
        int drawn = 0;
        var lastValues = new List<double>();
        foreach (var s in series)
        {
            if (s.X.Count != s.Y.Count)
            {
                throw new ArgumentException($"Series '{s.Label}' has {s.X.Count} x values and {s.Y.Count} y values.", nameof(series));
            }

            ArgumentOutOfRangeException.ThrowIfNegative(s.ColorIndex, nameof(series));
            var points = Enumerable.Range(0, s.X.Count).Where(i => double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i])).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(points.Select(i => s.X[i]).ToArray(), points.Select(i => s.Y[i]).ToArray());
            line.LegendText = s.Label;
            line.Color = palette.GetColor(s.ColorIndex);
            line.LineWidth = 2;
            line.MarkerSize = points.Length <= 30 ? 4 : 0;
            line.LinePattern = s.Dashed ? LinePattern.Dashed : LinePattern.Solid;
            lastValues.Add(s.Y[points[^1]]);
            drawn++;
        }

        if (drawn == 0)
        {
            throw new ArgumentException("No series has a finite point to draw.", nameof(series));
        }

        plot.Title(title, 18);
        plot.XLabel(xLabel, 15);
        plot.YLabel(yLabel, 15);
        // x is a count (epochs): no ticks between whole numbers.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Legend.FontSize = 13;
        plot.Axes.AutoScale();
        if (yRange is { } range)
        {
            plot.Axes.SetLimitsY(range.Min, range.Max);
        }

        if (drawn > 2)
        {
            plot.ShowLegend(Edge.Right);
        }
        else
        {
            // Inside, in the corner the curves leave free: they end high (accuracy) or low (loss).
            var limits = plot.Axes.GetLimits();
            bool endHigh = lastValues.Average() > (limits.Bottom + limits.Top) / 2;
            plot.ShowLegend(endHigh ? Alignment.LowerRight : Alignment.UpperRight);
        }

        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
