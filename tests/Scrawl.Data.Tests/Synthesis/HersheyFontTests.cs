using System.Numerics;
using Scrawl.Data.Synthesis;

namespace Scrawl.Data.Tests.Synthesis;

public class HersheyFontTests
{
    [Fact]
    public void Futural_A_has_the_known_vertices_bounds_and_strokes()
    {
        // futural.jhf line for 'A': "12345  9I[RFJ[ RRFZ[ RMTWT"
        var a = HersheyFont.LoadBuiltIn("futural")['A'];
        Assert.Equal(12345, a.Number);
        Assert.Equal(9, a.VertexCount);
        Assert.Equal(-9, a.Left);
        Assert.Equal(9, a.Right);
        Assert.Equal(3, a.Strokes.Count);
        Assert.Equal([new Vector2(0, -12), new Vector2(-8, 9)], a.Strokes[0]);
        Assert.Equal([new Vector2(0, -12), new Vector2(8, 9)], a.Strokes[1]);
        Assert.Equal([new Vector2(-5, 2), new Vector2(5, 2)], a.Strokes[2]);
        Assert.Equal((-8f, -12f, 8f, 9f), a.Bounds());
    }

    [Fact]
    public void A_glyph_wrapped_over_lines_parses_like_one_line_and_crlf_is_accepted()
    {
        const string oneLine = "  501  9I[RFJ[ RRFZ[ RMTWT\n   66  1JZ\n";
        const string wrapped = "  501  9I[RFJ[ R\r\nRFZ[ RMT\r\nWT\r\n   66  1JZ\r\n";
        var a = HersheyFont.Parse(oneLine, "one");
        var b = HersheyFont.Parse(wrapped, "wrapped");
        Assert.Equal(2, b.Glyphs.Count);
        Assert.Equal(501, b.Glyphs[0].Number);
        Assert.Equal(a.Glyphs[0].Strokes.Count, b.Glyphs[0].Strokes.Count);
        for (int s = 0; s < a.Glyphs[0].Strokes.Count; s++)
        {
            Assert.Equal(a.Glyphs[0].Strokes[s], b.Glyphs[0].Strokes[s]);
        }

        Assert.Empty(b.Glyphs[1].Strokes); // a blank glyph: bounds only
        Assert.Equal((-8, 8), (b.Glyphs[1].Left, b.Glyphs[1].Right));
    }

    [Theory]
    [InlineData("  501  9I[RFJ[", "declares 9 vertices")]
    [InlineData("  501  x9I[RF", "not a number")]
    [InlineData("  501", "8 characters")]
    public void Bad_data_is_reported_with_the_glyph(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => HersheyFont.Parse(text, "bad"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains("bad, line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Built_in_fonts_are_embedded_with_all_printable_ascii_glyphs()
    {
        Assert.Contains(GlyphSynthesizer.VariantFontName, HersheyFont.BuiltInNames);
        foreach (var name in new[] { "futural", "futuram", "timesr", "timesi", "scripts" })
        {
            Assert.Contains(name, HersheyFont.BuiltInNames);
            var font = HersheyFont.LoadBuiltIn(name);
            Assert.Equal(96, font.Glyphs.Count);
            Assert.Empty(font[' '].Strokes);
            foreach (string c in Nist36Layout.ClassNames)
            {
                Assert.NotEmpty(font[c[0]].Strokes);
            }
        }

        Assert.Throws<ArgumentException>(() => HersheyFont.LoadBuiltIn("nope"));
    }

    [Fact]
    public void Variant_glyphs_are_numbered_by_capital_letters_and_digits_and_fit_the_cap_height()
    {
        var variants = HersheyFont.LoadBuiltIn(GlyphSynthesizer.VariantFontName);
        Assert.True(variants.Glyphs.Count >= 20);
        foreach (var g in variants.Glyphs)
        {
            Assert.True(char.IsAsciiDigit((char)g.Number) || char.IsAsciiLetterUpper((char)g.Number), $"glyph number {g.Number}");
            var (_, minY, _, maxY) = g.Bounds();
            Assert.InRange(minY, -13, -10);
            Assert.InRange(maxY, 8, 12); // a Q's tail may hang below the baseline
        }
    }
}
