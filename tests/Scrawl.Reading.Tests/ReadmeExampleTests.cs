namespace Scrawl.Reading.Tests;

/// <summary>The README's library example is this code: it is compiled here, run on the shipped sample, and compared line by line with the README.</summary>
public class ReadmeExampleTests
{
    // README example (between the markers, in README.md's "Library" section with Console.WriteLine for output.WriteLine):
    private static string Example(string photo)
    {
        var output = new StringWriter();
        // example-start
        using var reader = PhotoReader.Open();                  // the shipped character model
        PhotoReading page = reader.Read(photo);                 // a file path; Read(stream, name) for uploads
        output.WriteLine(page.Text);                            // one line per text line
        foreach (var c in page.Result.Characters)               // boxes in the photo's pixels
            output.WriteLine($"{c.Label} {c.Confidence:F2} [{c.Box.Top}, {c.Box.Left}, {c.Box.Bottom}, {c.Box.Right}]");
        // example-end
        return output.ToString();
    }

    [Fact]
    public void The_example_runs_and_prints_the_sample()
    {
        string sample = ModelLocator.FindRepositoryFile(Path.Combine("samples", "sample-page.jpg"))!;
        string printed = Example(sample);
        string truth = File.ReadAllText(Path.ChangeExtension(sample, ".txt")).Replace("\r", "", StringComparison.Ordinal);
        Assert.StartsWith(truth, printed.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Matches(@"\nS [01]\.\d\d \[\d+, \d+, \d+, \d+\]\n", printed);
    }

    [Fact]
    public void The_readme_shows_exactly_this_example()
    {
        string source = File.ReadAllText(ModelLocator.FindRepositoryFile(Path.Combine("tests", "Scrawl.Reading.Tests", "ReadmeExampleTests.cs"))!);
        string readme = File.ReadAllText(ModelLocator.FindRepositoryFile("README.md")!);
        string start = "// example-start", end = "// example-end";
        int from = source.IndexOf(start, StringComparison.Ordinal) + start.Length, to = source.IndexOf(end, from, StringComparison.Ordinal);
        var lines = source[from..to].Split('\n').Select(l => l.Trim().Replace("output.WriteLine", "Console.WriteLine", StringComparison.Ordinal)).Where(l => l.Length > 0).ToList();
        Assert.Equal(5, lines.Count);
        var readmeLines = readme.Split('\n').Select(l => l.Trim()).ToList();
        int first = readmeLines.IndexOf(lines[0]);
        Assert.True(first >= 0, $"README.md lacks the example's first line: {lines[0]}");
        Assert.Equal(lines, readmeLines.Skip(first).Take(lines.Count).ToList());
    }
}
