using System.Net;
using System.Text;
using Scrawl.Numerics;

namespace Scrawl.Reporting;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS, every PNG embedded as a
/// base64 data URI, all text HTML-escaped, a contents list, and under every figure and table its caption and command.
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 1100px; margin: 24px auto; padding: 0 16px; color: #1a1a1a; line-height: 1.45; }
        h1 { font-size: 28px; margin-bottom: 4px; } h2 { font-size: 22px; margin-top: 36px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
        figure { margin: 18px 0 26px 0; } figure img { max-width: 100%; height: auto; border: 1px solid #ddd; display: block; }
        figcaption { margin-top: 6px; } .caption { margin: 0; } .command { margin: 4px 0 0 0; font-size: 13px; color: #333; }
        code { background: #f3f3f3; padding: 1px 4px; border-radius: 3px; font-family: "DejaVu Sans Mono", monospace; }
        table { border-collapse: collapse; font-size: 14px; } th, td { border: 1px solid #bbb; padding: 4px 10px; text-align: left; }
        th { background: #eee; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .meta { color: #555; font-size: 14px; }
        """;

    /// <summary>The page as an HTML string.</summary>
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Escape(document.Title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<h1>")
            .Append(Escape(document.Title)).Append("</h1>\n");
        if (document.Introduction is { } intro)
        {
            html.Append("<p class=\"meta\">").Append(Escape(intro)).Append("</p>\n");
        }

        html.Append("<nav><ol>\n");
        foreach (var section in document.Sections)
        {
            html.Append("<li><a href=\"#").Append(section.Anchor).Append("\">").Append(Escape(section.Heading)).Append("</a></li>\n");
        }

        html.Append("</ol></nav>\n");
        foreach (var section in document.Sections)
        {
            html.Append("<section id=\"").Append(section.Anchor).Append("\">\n<h2>").Append(Escape(section.Heading)).Append("</h2>\n");
            if (section.Introduction is { } text)
            {
                html.Append("<p>").Append(Escape(text)).Append("</p>\n");
            }

            foreach (var block in section.Blocks)
            {
                Append(html, block);
            }

            html.Append("</section>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/> as UTF-8, atomically (temporary file + rename), creating missing folders.</summary>
    public static void Save(ReportDocument document, string path) =>
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(Render(document)));

    /// <summary>Text made safe for HTML element content and quoted attribute values.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static void Append(StringBuilder html, ReportBlock block)
    {
        switch (block)
        {
            case ReportFigure figure:
                html.Append("<figure class=\"figure\">\n<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(figure.Png))
                    .Append("\" alt=\"").Append(Escape(figure.Caption)).Append("\">\n");
                Caption(html, figure.Caption, figure.Command);
                break;
            case ReportTable table:
                html.Append("<figure class=\"table\">\n<table>\n<thead><tr>");
                foreach (string h in table.Header)
                {
                    html.Append("<th>").Append(Escape(h)).Append("</th>");
                }

                html.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in table.Rows)
                {
                    html.Append("<tr>");
                    foreach (string cell in row)
                    {
                        html.Append(LooksNumeric(cell) ? "<td class=\"num\">" : "<td>").Append(Escape(cell)).Append("</td>");
                    }

                    html.Append("</tr>\n");
                }

                html.Append("</tbody>\n</table>\n");
                Caption(html, table.Caption, table.Command);
                break;
            case ReportNote note:
                html.Append("<p class=\"note\">").Append(Escape(note.Text)).Append("</p>\n");
                break;
            default:
                throw new ArgumentException($"Unknown report block {block.GetType().Name}.", nameof(block));
        }
    }

    private static void Caption(StringBuilder html, string caption, string command) =>
        html.Append("<figcaption>\n<p class=\"caption\">").Append(Escape(caption))
            .Append("</p>\n<p class=\"command\">Reproduce: <code>").Append(Escape(command)).Append("</code></p>\n</figcaption>\n</figure>\n");

    private static bool LooksNumeric(string cell) =>
        cell.Length > 0 && cell.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '-' or '+' or '−' or ' ' or '%');
}
