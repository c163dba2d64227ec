using Scrawl.Media;

namespace Scrawl.Reporting;

/// <summary>
/// Makes ScottPlot draw text with the DejaVu Sans that ships with Scrawl: servers often have no
/// system font (<c>SKTypeface.Default</c> is empty), and then ScottPlot would draw no text at all.
/// </summary>
public static class PlotFont
{
    /// <summary>The family name the shipped font is registered under with ScottPlot.</summary>
    public const string Name = "Scrawl Sans";

    private static readonly Lock Gate = new();
    private static string? _registeredPath;

    /// <summary>
    /// Registers the font file (default: <see cref="Montage.DefaultFontPath"/>) for every weight and
    /// slant and makes it ScottPlot's default; idempotent. Throws <see cref="FileNotFoundException"/> naming the file when it is missing.
    /// </summary>
    public static void EnsureRegistered(string? fontPath = null)
    {
        string path = fontPath ?? Montage.DefaultFontPath();
        lock (Gate)
        {
            if (_registeredPath == path)
            {
                return;
            }

            // Loads (and so validates) the file before ScottPlot sees it.
            using (Montage.LoadTypeface(path))
            {
            }

            // One regular face serves bold and italic requests too (titles are bold).
            foreach (bool bold in new[] { false, true })
            {
                foreach (bool italic in new[] { false, true })
                {
                    ScottPlot.Fonts.AddFontFile(Name, path, bold, italic);
                }
            }

            ScottPlot.Fonts.Default = Name;
            _registeredPath = path;
        }
    }

    /// <summary>Points every text element of <paramref name="plot"/> at the registered font.</summary>
    internal static void Apply(ScottPlot.Plot plot)
    {
        EnsureRegistered();
        plot.Font.Set(Name);
    }
}
