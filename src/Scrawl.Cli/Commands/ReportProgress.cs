using System.Text;

namespace Scrawl.Cli.Commands;

/// <summary>
/// The stdout of a command the report runs in-process: every line goes to the stage's log file, and each
/// <c>epoch …</c> line advances a <see cref="TerminalProgress"/> (a bar on a terminal, a line every 10 % otherwise).
/// </summary>
internal sealed partial class ReportProgress(TextWriter log, TerminalProgress progress, int totalEpochs) : TextWriter
{
    private readonly StringBuilder _line = new();
    private int _epochs;

    /// <inheritdoc/>
    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Epoch lines seen so far.</summary>
    public int Epochs => _epochs;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (value == '\n')
        {
            EndLine();
        }
        else if (value != '\r')
        {
            _line.Append(value);
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        foreach (char c in value ?? "")
        {
            Write(c);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _line.Length > 0)
        {
            EndLine();
        }

        base.Dispose(disposing);
    }

    private void EndLine()
    {
        string line = _line.ToString();
        _line.Clear();
        log.WriteLine(line);
        if (line.StartsWith("epoch ", StringComparison.Ordinal) || EpochOfPhase().IsMatch(line))
        {
            _epochs++;
            progress.Report(_epochs, totalEpochs, "epochs");
        }
    }

    /// <summary>An epoch line led by its phase, as <c>deep finetune</c> prints them ("head epoch  3/33 …", "scratch epoch …").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z]+ epoch +\d")]
    private static partial System.Text.RegularExpressions.Regex EpochOfPhase();
}
