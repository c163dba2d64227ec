using System.Text;
using Scrawl.Ocr;
using static Scrawl.Reading.Formats.FormatLayout;

namespace Scrawl.Reading.Formats;

/// <summary>
/// Tesseract's TSV (<c>tesseract IMAGE out tsv</c>): the header <see cref="Header"/>, then per photo one row at each level — 1 page, 2 block,
/// 3 paragraph, 4 line, 5 word — with 1-based page, block, paragraph, line and word numbers (0 where the level is above it), the box as
/// <c>left top width height</c> in the photo's pixels, <c>conf</c> −1 on rows other than words and the word's confidence × 100 (0–100, two
/// decimals) on words, and the text on word rows only. Columns are separated by tabs; rows end with a newline.
/// </summary>
/// <example><code>
/// level	page_num	block_num	par_num	line_num	word_num	left	top	width	height	conf	text
/// 1	1	0	0	0	0	0	0	1088	554	-1	
/// 5	1	1	1	1	1	92	61	247	64	97.31	HELLO
/// </code></example>
public static class TsvFormat
{
    /// <summary>The header row, as Tesseract writes it.</summary>
    public const string Header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";

    /// <summary>The TSV of <paramref name="readings"/> (page_num 1, 2, … in order) under one header.</summary>
    public static string Write(IReadOnlyList<PhotoReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var tsv = new StringBuilder(Header).Append('\n');
        for (int p = 0; p < readings.Count; p++)
        {
            var result = readings[p].Result;
            int page = p + 1;
            Row(tsv, 1, page, 0, 0, 0, 0, new PixelBox(0, 0, result.Height, result.Width), null, "");
            if (Block(result) is not { } block)
            {
                continue;
            }

            Row(tsv, 2, page, 1, 0, 0, 0, block, null, "");
            Row(tsv, 3, page, 1, 1, 0, 0, block, null, "");
            for (int l = 0; l < result.Lines.Count; l++)
            {
                var line = result.Lines[l];
                Row(tsv, 4, page, 1, 1, l + 1, 0, line.Box, null, "");
                for (int w = 0; w < line.Words.Count; w++)
                {
                    Row(tsv, 5, page, 1, 1, l + 1, w + 1, line.Words[w].Box, line.Words[w].Confidence, line.Words[w].Text);
                }
            }
        }

        return tsv.ToString();
    }

    private static void Row(StringBuilder tsv, int level, int page, int block, int paragraph, int line, int word, PixelBox box, double? confidence, string text) =>
        tsv.AppendJoin('\t', Int(level), Int(page), Int(block), Int(paragraph), Int(line), Int(word), Int(box.Left), Int(box.Top), Int(box.Width), Int(box.Height),
            confidence is { } c ? Number(c * 100, 2) : "-1", Field(text)).Append('\n');
}
