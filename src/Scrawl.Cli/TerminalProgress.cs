using System.Diagnostics;
using System.Globalization;

namespace Scrawl.Cli;

/// <summary>
/// Progress for long work: an in-place bar redrawn on a terminal, plain lines (every 10 %) when the
/// output is redirected, so logs and CI output stay readable.
/// </summary>
internal sealed class TerminalProgress(TextWriter output, string label, bool interactive)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _lastDecile = -1;
    private long _lastDraw;

    /// <summary>True when stdout is a terminal the bar can redraw on.</summary>
    public static bool StdoutIsTerminal => !Console.IsOutputRedirected;

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> (total ≤ 0 when unknown) in <paramref name="unit"/>.</summary>
    public void Report(double done, double total, string unit)
    {
        string amount = total > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{done:0.0}/{total:0.0} {unit}")
            : string.Create(CultureInfo.InvariantCulture, $"{done:0.0} {unit}");
        double fraction = total > 0 ? Math.Clamp(done / total, 0, 1) : 0;
        if (interactive)
        {
            long now = _clock.ElapsedMilliseconds;
            if (now - _lastDraw < 100 && fraction < 1)
            {
                return;
            }

            _lastDraw = now;
            int filled = (int)(fraction * 30);
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label} [{new string('#', filled)}{new string('.', 30 - filled)}] {fraction,4:P0} {amount}   "));
            return;
        }

        int decile = total > 0 ? (int)(fraction * 10) : (int)(_clock.Elapsed.TotalSeconds / 10);
        if (decile != _lastDecile)
        {
            _lastDecile = decile;
            output.WriteLine(total > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{label}: {fraction:P0} ({amount})")
                : $"{label}: {amount}");
        }
    }

    /// <summary>Ends the bar's line on a terminal.</summary>
    public void Finish()
    {
        if (interactive)
        {
            output.WriteLine();
        }
    }
}
