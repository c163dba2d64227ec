using System.Text.RegularExpressions;

namespace Scrawl.Reporting.Tests;

public class ReportDocumentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-report-doc-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static byte[] SomePng() =>
        CurveFigure.Render("t", "x", "y", [new CurveSeries("s", [1.0, 2.0], [3.0, 4.0])], width: 200, height: 150);

    private static ReportDocument Sample()
    {
        var document = new ReportDocument("Report <1> & \"2\"", "intro <b>not bold</b>");
        document.AddSection("Curves & more")
            .AddFigure(SomePng(), "A figure with <script>alert(1)</script>", "./scrawl train --out 'a b'")
            .AddTable(["a", "b<"], [["1", "x&y"], ["2,345", "z"]], "A table", "./scrawl pca")
            .AddNote("note >");
        document.AddSection("Second").AddFigure(SomePng(), "Another figure", "./scrawl report");
        return document;
    }

    [Fact]
    public void Figures_are_embedded_as_png_data_uris_with_caption_and_command()
    {
        string html = ReportHtml.Render(Sample());
        var images = Regex.Matches(html, "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"([^\"]*)\">");
        Assert.Equal(2, images.Count);
        Assert.Equal(2, Regex.Count(html, "<img "));
        foreach (Match image in images)
        {
            using var bitmap = Png.Decode(Convert.FromBase64String(image.Groups[1].Value));
            Assert.Equal((200, 150), (bitmap.Width, bitmap.Height));
        }

        var figures = Regex.Matches(html, "<figure class=\"(figure|table)\">(.*?)</figure>", RegexOptions.Singleline);
        Assert.Equal(3, figures.Count);
        Assert.All(figures, f => Assert.Matches("<p class=\"caption\">[^<]+</p>\\s*<p class=\"command\">Reproduce: <code>\\./scrawl [^<]+</code></p>", f.Groups[2].Value));
        Assert.Contains("<a href=\"#s2\">Second</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
    }

    [Fact]
    public void All_text_is_escaped()
    {
        string html = ReportHtml.Render(Sample());
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>not bold", html, StringComparison.Ordinal);
        Assert.Contains("Report &lt;1&gt; &amp; &quot;2&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("--out &#39;a b&#39;", html, StringComparison.Ordinal);
        Assert.Contains("<th>b&lt;</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>x&amp;y</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">2,345</td>", html, StringComparison.Ordinal);
        Assert.Contains("note &gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_writes_the_page_atomically_and_creates_folders()
    {
        string path = Path.Combine(_dir, "sub", "report.html");
        ReportHtml.Save(Sample(), path);
        Assert.Equal(ReportHtml.Render(Sample()).Length, File.ReadAllText(path).Length);
        Assert.Equal(["report.html"], Directory.GetFiles(Path.Combine(_dir, "sub")).Select(Path.GetFileName));
    }

    [Fact]
    public void Bad_blocks_are_refused()
    {
        var section = new ReportDocument("r").AddSection("s");
        Assert.Throws<ArgumentException>(() => section.AddFigure([1, 2, 3], "c", "./scrawl x"));
        Assert.Throws<ArgumentException>(() => section.AddFigure(SomePng(), "two\nlines", "./scrawl x"));
        Assert.Throws<ArgumentException>(() => section.AddFigure(SomePng(), "c", " "));
        Assert.Throws<ArgumentException>(() => section.AddTable(["a", "b"], [["1"]], "c", "./scrawl x"));
        Assert.Throws<ArgumentException>(() => new ReportDocument(" "));
        Assert.Empty(section.Blocks);
    }
}
