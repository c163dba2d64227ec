using System.CommandLine;
using Scrawl.Media;
using Scrawl.Numerics;
using Scrawl.Ocr;
using SkiaSharp;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr-sample [--seed 7] --out samples/sample-page.jpg</c>: renders the shipped sample page (synthetic
/// handwriting, <see cref="SyntheticPage"/>) as a JPEG (quality 90) and its ground truth NAME.txt beside it, both atomically.
/// </summary>
internal static class OcrSampleCommand
{
    /// <summary>The text of the shipped sample page: words, list numbers and digit runs.</summary>
    public static IReadOnlyList<string> SampleText { get; } =
    [
        "SHOPPING LIST",
        "1 BUY 12 EGGS",
        "2 CALL BOB AT 5",
        "3 ROOM 404 ON FLOOR 2",
        "PAY 30 BY FRIDAY",
    ];

    public static Command Create(CliOutput io)
    {
        var seed = new Option<long>("--seed") { Description = "Seed of the handwriting, light and noise", DefaultValueFactory = _ => 7 };
        var output = new Option<string>("--out") { Description = "Output JPEG path; the ground truth goes to the same name with .txt", DefaultValueFactory = _ => "samples/sample-page.jpg" };
        var command = new Command("ocr-sample", "Render the sample page of synthetic handwriting (photo-like) and its ground-truth .txt.") { seed, output };
        command.SetAction(r => Run(io, r.GetValue(seed), r.GetValue(output)!));
        return command;
    }

    private static int Run(CliOutput io, long seed, string output)
    {
        var page = SyntheticPage.Render(SampleText, seed);
        using var bitmap = PngImage.ToBitmap(page);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90) ?? throw new InvalidOperationException("SkiaSharp could not encode the JPEG.");
        AtomicFile.WriteAllBytes(output, data.ToArray());
        AtomicFile.WriteAllBytes(Path.ChangeExtension(output, ".txt"), System.Text.Encoding.UTF8.GetBytes(string.Join("\n", SampleText) + "\n"));
        io.Out.WriteLine($"wrote {output} ({page.Width}×{page.Height}, {new FileInfo(output).Length:N0} bytes) and {Path.ChangeExtension(output, ".txt")}");
        return ExitCodes.Ok;
    }
}
