namespace Scrawl.Ocr.Case;

/// <summary>
/// The writing lines of one text line, in pixels: the baseline (a straight line, y = <see cref="Intercept"/> + <see cref="Slope"/>·x),
/// the cap height, the x-height and the descender depth above or below it, and the spread of the characters around those levels.
/// Levels are null when the line has no evidence for them (<see cref="LineGeometryEstimator.Complete"/> fills them from the page).
/// </summary>
/// <param name="Intercept">The baseline's row at column 0.</param>
/// <param name="Slope">The baseline's slope (rows per column).</param>
/// <param name="CapHeight">Cap height above the baseline (&gt; 0), or null.</param>
/// <param name="XHeight">x-height above the baseline (&gt; 0), or null.</param>
/// <param name="Descender">Descender depth below the baseline (&gt; 0), or null.</param>
/// <param name="Spread">Standard deviation (&gt; 0, pixels) of character tops and feet around their levels.</param>
public sealed record LineGeometry(double Intercept, double Slope, double? CapHeight, double? XHeight, double? Descender, double Spread)
{
    /// <summary>The baseline's row at column <paramref name="x"/>.</summary>
    public double BaselineAt(double x) => Intercept + (Slope * x);

    /// <summary>
    /// How well a character in <paramref name="box"/> fits <paramref name="kind"/> on this line, in (0, 1]: a Gaussian in its top's and its
    /// foot's distances from the kind's levels, in units of <see cref="Spread"/> (1 for <see cref="HeightKind.Unknown"/> or missing levels).
    /// </summary>
    public double Fit(PixelBox box, HeightKind kind)
    {
        if (kind == HeightKind.Unknown || CapHeight is not { } cap || XHeight is not { } x || Descender is not { } depth)
        {
            return 1;
        }

        double baseline = BaselineAt(box.CentreX), top = baseline - box.Top, foot = box.Bottom - baseline;
        double middle = (x + cap) / 2;
        double topLevel = kind switch
        {
            HeightKind.Tall => cap,
            HeightKind.Short or HeightKind.Descending => x,
            _ => middle,
        };
        double footLevel = kind is HeightKind.Descending or HeightKind.MiddleDescending ? depth : 0;
        double dt = (top - topLevel) / Spread, df = (foot - footLevel) / Spread;
        return Math.Exp(-0.5 * ((dt * dt) + (df * df)));
    }
}
