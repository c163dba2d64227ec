using System.Globalization;
using System.Text.Json;
using Scrawl.NeuralNet.Serialization;

namespace Scrawl.Experiments.Reports;

/// <summary>Small helpers of the report: run-folder checks, model metadata, invariant numbers and shell command lines.</summary>
public static class ReportFiles
{
    /// <summary>The metadata of a model file, or null when it cannot be read (an unreadable earlier run is run again).</summary>
    public static IReadOnlyDictionary<string, string>? TryMetadata(string modelPath)
    {
        try
        {
            return ModelFile.Load(modelPath).Metadata;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
        {
            return null; // an unreadable earlier run is simply run again
        }
    }

    /// <summary>True when every named file exists in <paramref name="folder"/>.</summary>
    public static bool AllExist(string folder, params string[] files) => files.All(f => File.Exists(Path.Combine(folder, f)));

    /// <summary>An integer in invariant culture.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"./scrawl " and the arguments, each single-quoted for a POSIX shell when it holds anything but safe characters.</summary>
    public static string ShellCommand(IEnumerable<string> args) =>
        "./scrawl " + string.Join(' ', args.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:+,@%".Contains(c))
            ? a
            : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
}
