using Scrawl.Reading;

namespace Scrawl.Cli.Ocr;

/// <summary>One photo to read: its name in output and messages, and its path (null: standard input).</summary>
internal sealed record OcrInput(string Name, string? Path)
{
    /// <summary>The name standard input goes by.</summary>
    public const string StandardInput = "stdin";

    /// <summary>NAME of the result files with --out: the file name without its extension, or <c>stdin</c>.</summary>
    public string ResultName => Path is null ? StandardInput : System.IO.Path.GetFileNameWithoutExtension(Path);
}

/// <summary>The photos of <c>scrawl ocr</c>'s arguments: files as given, a folder's images in sorted order, <c>-</c> for standard input.</summary>
internal static class OcrInputs
{
    /// <summary>
    /// The photos <paramref name="arguments"/> name, in order; a folder without images is reported on stderr and counted in <paramref name="failed"/>.
    /// <c>-</c> more than once is a usage error.
    /// </summary>
    public static List<OcrInput> Expand(IReadOnlyList<string> arguments, CliOutput io, ref bool failed)
    {
        if (arguments.Count(a => a == "-") > 1)
        {
            throw new CliException("-: standard input can be read only once.");
        }

        var inputs = new List<OcrInput>();
        foreach (string argument in arguments)
        {
            if (argument == "-")
            {
                inputs.Add(new OcrInput(OcrInput.StandardInput, null));
            }
            else if (Directory.Exists(argument))
            {
                try
                {
                    inputs.AddRange(InputFiles.ImagesIn(argument).Select(f => new OcrInput(f, f)));
                }
                catch (Exception e) when (CliHost.IsFileProblem(e))
                {
                    io.Error.WriteLine($"scrawl: {e.Message}");
                    failed = true;
                }
            }
            else
            {
                inputs.Add(new OcrInput(argument, argument));
            }
        }

        return inputs;
    }

    /// <summary>With --out DIR every photo needs its own NAME: two photos with the same file name stem are a usage error naming both.</summary>
    public static void CheckDistinctNames(IReadOnlyList<OcrInput> inputs)
    {
        var clash = inputs.GroupBy(i => i.ResultName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new CliException($"--out: {string.Join(" and ", clash.Take(2).Select(i => i.Name))} would both be written as {clash.Key}.*; read them in separate runs or use --list (which names results by path).");
        }
    }
}
