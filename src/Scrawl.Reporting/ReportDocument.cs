namespace Scrawl.Reporting;

/// <summary>
/// A self-contained report: a title, an introduction and sections of figures, tables and notes, rendered by
/// <see cref="ReportHtml"/> into one HTML page. Later studies add their own sections with <see cref="AddSection"/>.
/// </summary>
public sealed class ReportDocument
{
    private readonly List<ReportSection> _sections = [];

    /// <summary>Creates an empty report; <paramref name="title"/> must be non-blank.</summary>
    public ReportDocument(string title, string? introduction = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
        Introduction = introduction;
    }

    /// <summary>The page title (plain text; escaped when rendered).</summary>
    public string Title { get; }

    /// <summary>An optional paragraph under the title (plain text).</summary>
    public string? Introduction { get; }

    /// <summary>The sections in page order.</summary>
    public IReadOnlyList<ReportSection> Sections => _sections;

    /// <summary>Appends a section with a non-blank <paramref name="heading"/> and returns it to fill.</summary>
    public ReportSection AddSection(string heading, string? introduction = null)
    {
        var section = new ReportSection(heading, introduction, $"s{_sections.Count + 1}");
        _sections.Add(section);
        return section;
    }

    /// <summary>Every figure of every section, in page order.</summary>
    public IEnumerable<ReportFigure> Figures => _sections.SelectMany(s => s.Blocks.OfType<ReportFigure>());

    /// <summary>Every table of every section, in page order.</summary>
    public IEnumerable<ReportTable> Tables => _sections.SelectMany(s => s.Blocks.OfType<ReportTable>());
}

/// <summary>One section of a <see cref="ReportDocument"/>: a heading, an optional introduction and its blocks in order.</summary>
public sealed class ReportSection
{
    private readonly List<ReportBlock> _blocks = [];

    internal ReportSection(string heading, string? introduction, string anchor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(heading);
        Heading = heading;
        Introduction = introduction;
        Anchor = anchor;
    }

    /// <summary>The section heading (plain text).</summary>
    public string Heading { get; }

    /// <summary>An optional paragraph under the heading (plain text).</summary>
    public string? Introduction { get; }

    /// <summary>The HTML id of the section (s1, s2, … in page order).</summary>
    public string Anchor { get; }

    /// <summary>The figures, tables and notes in order.</summary>
    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    /// <summary>Adds a PNG figure with its one-line caption and the command that reproduces it; returns this section.</summary>
    public ReportSection AddFigure(byte[] png, string caption, string command)
    {
        _blocks.Add(new ReportFigure(png, caption, command));
        return this;
    }

    /// <summary>Adds a table (header and rows of cells; every row as wide as the header) with caption and command; returns this section.</summary>
    public ReportSection AddTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, string caption, string command)
    {
        _blocks.Add(new ReportTable(header, rows, caption, command));
        return this;
    }

    /// <summary>Adds a paragraph of plain text (e.g. why a figure is missing); returns this section.</summary>
    public ReportSection AddNote(string text)
    {
        _blocks.Add(new ReportNote(text));
        return this;
    }
}

/// <summary>Something a section shows: a <see cref="ReportFigure"/>, <see cref="ReportTable"/> or <see cref="ReportNote"/>.</summary>
public abstract class ReportBlock
{
    private protected ReportBlock()
    {
    }

    /// <summary>Throws unless <paramref name="value"/> is one non-blank line.</summary>
    private protected static string OneLine(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {name} must be one line.", name);
        }

        return value;
    }
}

/// <summary>A PNG figure with a one-line caption of what it shows and the exact command that reproduces it.</summary>
public sealed class ReportFigure : ReportBlock
{
    /// <summary>Creates the figure; <paramref name="png"/> must start with the PNG signature, caption and command be one non-blank line each.</summary>
    public ReportFigure(byte[] png, string caption, string command)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (!IsPng(png))
        {
            throw new ArgumentException("The figure is not a PNG (no PNG signature).", nameof(png));
        }

        Png = png;
        Caption = OneLine(caption, nameof(caption));
        Command = OneLine(command, nameof(command));
    }

    /// <summary>The encoded PNG.</summary>
    public byte[] Png { get; }

    /// <summary>What the figure shows (one line of plain text).</summary>
    public string Caption { get; }

    /// <summary>The shell command that reproduces the figure (one line).</summary>
    public string Command { get; }

    /// <summary>True when <paramref name="bytes"/> begins with the 8-byte PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
}

/// <summary>A table of text cells with a one-line caption and the command that reproduces it.</summary>
public sealed class ReportTable : ReportBlock
{
    /// <summary>Creates the table; the header needs ≥ 1 column and every row exactly as many cells.</summary>
    public ReportTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, string caption, string command)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(header.Count, 1, nameof(header));
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r] is null || rows[r].Count != header.Count)
            {
                throw new ArgumentException($"Row {r} has {rows[r]?.Count ?? 0} cells; the header has {header.Count}.", nameof(rows));
            }
        }

        Header = [.. header];
        Rows = [.. rows.Select(r => (IReadOnlyList<string>)[.. r])];
        Caption = OneLine(caption, nameof(caption));
        Command = OneLine(command, nameof(command));
    }

    /// <summary>The column headings.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The rows, each as wide as <see cref="Header"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>What the table shows (one line of plain text).</summary>
    public string Caption { get; }

    /// <summary>The shell command that reproduces the table (one line).</summary>
    public string Command { get; }
}

/// <summary>A paragraph of plain text.</summary>
public sealed class ReportNote : ReportBlock
{
    /// <summary>Creates the note from non-blank text.</summary>
    public ReportNote(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text;
    }

    /// <summary>The text (escaped when rendered).</summary>
    public string Text { get; }
}
