namespace Scrawl.Ocr;

/// <summary>
/// A straight line in image pixels: the points (x, y) with x·cos θ + y·sin θ = <paramref name="Rho"/>, <paramref name="Theta"/> the angle of its
/// normal in radians (any finite value), <paramref name="Rho"/> its signed distance from the origin (the top-left pixel's centre); the
/// ink it was fitted to lies between the positions <paramref name="From"/> ≤ <paramref name="To"/> along it (<see cref="Along"/>).
/// </summary>
public readonly record struct StraightLine(double Theta, double Rho, double From = 0, double To = 0)
{
    /// <summary>Signed distance of the pixel (<paramref name="y"/>, <paramref name="x"/>) from the line.</summary>
    public double Distance(int y, int x) => (x * Math.Cos(Theta)) + (y * Math.Sin(Theta)) - Rho;

    /// <summary>Position of the pixel (<paramref name="y"/>, <paramref name="x"/>) along the line (its projection on the line's direction).</summary>
    public double Along(int y, int x) => (-x * Math.Sin(Theta)) + (y * Math.Cos(Theta));

    /// <summary>The total-least-squares line through <paramref name="points"/> (at least two distinct (y, x) pixels): the direction of their largest spread through their mean, with their extent along it.</summary>
    public static StraightLine Fit(IReadOnlyCollection<(int Y, int X)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            throw new ArgumentException($"A line needs at least two points; {points.Count} given.", nameof(points));
        }

        double my = points.Average(p => (double)p.Y), mx = points.Average(p => (double)p.X);
        double sxx = 0, syy = 0, sxy = 0;
        foreach (var (y, x) in points)
        {
            sxx += (x - mx) * (x - mx);
            syy += (y - my) * (y - my);
            sxy += (x - mx) * (y - my);
        }

        // The direction of largest spread is at angle φ = ½·atan2(2·sxy, sxx − syy) from the x axis; the normal is a quarter turn on.
        double theta = (0.5 * Math.Atan2(2 * sxy, sxx - syy)) + (Math.PI / 2);
        var line = new StraightLine(theta, (mx * Math.Cos(theta)) + (my * Math.Sin(theta)));
        return line with { From = points.Min(p => line.Along(p.Y, p.X)), To = points.Max(p => line.Along(p.Y, p.X)) };
    }
}
