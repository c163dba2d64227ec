using System.Diagnostics;
using Scrawl.Cli.Ocr;

namespace Scrawl.Cli.Commands;

/// <summary>
/// Starts the scrawl-deep program (the TorchSharp commands, a separate executable so this one never loads libtorch) as a
/// child process: found by <see cref="DeepProcessClassifier.FindProgram"/>, run with the same dotnet host.
/// </summary>
internal static class DeepProgram
{
    /// <summary>
    /// Runs <c>scrawl-deep ARGS</c>, passing each stdout line on to <paramref name="stdout"/> as it comes and its stderr to
    /// <paramref name="stderr"/> at the end; returns its exit code. Throws <see cref="CliException"/> when it is not built.
    /// </summary>
    public static int Run(IEnumerable<string> arguments, TextWriter stdout, TextWriter stderr) =>
        Run(DeepProcessClassifier.FindProgram(), arguments, stdout, stderr);

    /// <summary>Runs <paramref name="program"/> (an executable or a .dll) as <see cref="Run(IEnumerable{string}, TextWriter, TextWriter)"/> does.</summary>
    public static int Run(string program, IEnumerable<string> arguments, TextWriter stdout, TextWriter stderr)
    {
        var start = StartInfo(program, arguments);
        using var process = Process.Start(start) ?? throw new CliException($"{program}: could not be started.", ExitCodes.CheckFailed);
        var errors = process.StandardError.ReadToEndAsync();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            stdout.WriteLine(line);
        }

        process.WaitForExit();
        stderr.Write(errors.Result);
        return process.ExitCode;
    }

    /// <summary>How to start <paramref name="program"/> (an executable, or a .dll under the current dotnet host) with <paramref name="arguments"/>, both output streams redirected.</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            string? host = Environment.ProcessPath;
            start.FileName = host is not null && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? host : "dotnet";
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
