namespace Scrawl.Reading.Formats;

/// <summary>The plain text of a reading: one line per text line, words separated by one space.</summary>
public static class TextFormat
{
    /// <summary>The text of <paramref name="reading"/>, each line ending with a newline; with <paramref name="header"/> first a line <c>== NAME ==</c> (for several photos in one stream).</summary>
    public static string Write(PhotoReading reading, bool header = false)
    {
        ArgumentNullException.ThrowIfNull(reading);
        string head = header ? $"== {reading.Name} ==\n" : "";
        return head + string.Concat(reading.Result.Lines.Select(l => l.Text + "\n"));
    }
}
