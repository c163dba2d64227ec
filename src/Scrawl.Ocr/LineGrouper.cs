namespace Scrawl.Ocr;

/// <summary>Settings of <see cref="LineGrouper"/>; distances are fractions of the typical (median) character height.</summary>
public sealed record LineGroupingOptions
{
    /// <summary>A character joins a line when its centre lies within this fraction (&gt; 0) of a typical height of the line's predicted centre.</summary>
    public double Tolerance { get; init; } = 0.5;

    /// <summary>How many of a line's rightmost characters (≥ 1) predict where it continues (a least-squares fit of their centres).</summary>
    public int FitWindow { get; init; } = 6;

    /// <summary>Largest slope (rows per column, ≥ 0) the fit may take; steeper fits are clamped (handwriting drifts, it does not climb).</summary>
    public double MaxSlope { get; init; } = 0.15;

    /// <summary>
    /// Shrinks a line's fitted slope towards 0 as if each of its fitted characters also stood this many typical heights (≥ 0; 0: off) to either side
    /// at the line's mean row (ridge regression), so the first few characters of a line — where a capital beside lower case tilts a
    /// two-point fit — do not send the line off at a slant. Mixed-case reading sets it; capitals keep 0.
    /// </summary>
    public double SlopeRidge { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(Tolerance > 0) || double.IsInfinity(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be a finite number > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(FitWindow, 1, nameof(FitWindow));
        if (!(MaxSlope >= 0) || double.IsInfinity(MaxSlope))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSlope), MaxSlope, "MaxSlope must be a finite number ≥ 0.");
        }

        if (!(SlopeRidge >= 0) || double.IsInfinity(SlopeRidge))
        {
            throw new ArgumentOutOfRangeException(nameof(SlopeRidge), SlopeRidge, "SlopeRidge must be a finite number ≥ 0.");
        }
    }
}

/// <summary>
/// Stage 2: groups character boxes into text lines. Boxes are visited left to right; each joins the
/// line whose predicted centre row at the box's centre column is nearest, if within
/// <see cref="LineGroupingOptions.Tolerance"/> typical heights, else starts a new line. A line's
/// prediction is a least-squares line through the centres of its last few characters (slope clamped),
/// so slightly slanted or wavy lines are followed and characters of different heights share a line.
/// Lines come back in reading order: top to bottom by median centre row, each left to right.
/// </summary>
public static class LineGrouper
{
    /// <summary>Lines as lists of indices into <paramref name="boxes"/>, every index in exactly one line.</summary>
    /// <example><c>var lines = LineGrouper.Group(characters.Select(c => c.Box).ToList());</c></example>
    public static IReadOnlyList<IReadOnlyList<int>> Group(IReadOnlyList<PixelBox> boxes, LineGroupingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        options ??= new LineGroupingOptions();
        options.Validate();
        if (boxes.Count == 0)
        {
            return [];
        }

        double typical = boxes.Select(b => (double)b.Height).Order().ElementAt(boxes.Count / 2);
        var lines = new List<List<int>>();
        foreach (int i in Enumerable.Range(0, boxes.Count).OrderBy(i => boxes[i].CentreX).ThenBy(i => boxes[i].CentreY))
        {
            var box = boxes[i];
            int best = -1;
            double bestDistance = options.Tolerance * typical;
            for (int l = 0; l < lines.Count; l++)
            {
                double distance = Math.Abs(box.CentreY - Predict(lines[l], boxes, box.CentreX, options, typical));
                if (distance <= bestDistance)
                {
                    best = l;
                    bestDistance = distance;
                }
            }

            if (best < 0)
            {
                lines.Add([i]);
            }
            else
            {
                lines[best].Add(i);
            }
        }

        return [.. lines.OrderBy(l => Median(l.Select(i => boxes[i].CentreY))).Select(l => (IReadOnlyList<int>)[.. l.OrderBy(i => boxes[i].CentreX)])];
    }

    /// <summary>The centre row the line is expected to have at column <paramref name="x"/>: a clamped least-squares fit through its last members' centres.</summary>
    private static double Predict(List<int> line, IReadOnlyList<PixelBox> boxes, double x, LineGroupingOptions options, double typical)
    {
        int from = Math.Max(0, line.Count - options.FitWindow), n = line.Count - from;
        double mx = 0, my = 0;
        for (int k = from; k < line.Count; k++)
        {
            mx += boxes[line[k]].CentreX;
            my += boxes[line[k]].CentreY;
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int k = from; k < line.Count; k++)
        {
            double dx = boxes[line[k]].CentreX - mx;
            sxy += dx * (boxes[line[k]].CentreY - my);
            sxx += dx * dx;
        }

        double ridge = n * Math.Pow(options.SlopeRidge * typical, 2);
        double slope = sxx + ridge > 0 ? Math.Clamp(sxy / (sxx + ridge), -options.MaxSlope, options.MaxSlope) : 0;
        return my + (slope * (x - mx));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
