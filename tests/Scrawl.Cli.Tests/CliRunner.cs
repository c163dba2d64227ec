namespace Scrawl.Cli.Tests;

/// <summary>Runs the scrawl entry point in-process, capturing what it writes.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>samples/sample-page.jpg of the checkout above the test binaries.</summary>
    public static string SamplePage
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "samples", "sample-page.jpg");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("samples/sample-page.jpg not found above the test folder.");
        }
    }

    /// <summary>As <see cref="Run"/>, with <paramref name="stdin"/> as standard input (for a <c>-</c> argument).</summary>
    public static (int Code, string Out, string Err) RunWithInput(byte[] stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr, () => new MemoryStream(stdin));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
