namespace Scrawl.Reporting;

/// <summary>
/// One line of a <see cref="CurveFigure"/>: points (x, y) of equal count (non-finite points are left
/// out), its legend text, a palette colour index (≥ 0) and whether it is drawn dashed.
/// </summary>
/// <param name="Label">Legend text.</param>
/// <param name="X">X values, e.g. epochs.</param>
/// <param name="Y">Y values, same count as <paramref name="X"/>.</param>
/// <param name="ColorIndex">Index into the figure palette (≥ 0; wraps around).</param>
/// <param name="Dashed">True: a dashed line (e.g. the training split beside a solid validation line).</param>
public sealed record CurveSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, int ColorIndex = 0, bool Dashed = false);
