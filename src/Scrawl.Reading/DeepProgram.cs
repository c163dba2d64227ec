using System.Diagnostics;

namespace Scrawl.Reading;

/// <summary>
/// The scrawl-deep program (the TorchSharp commands, a separate executable so that the main program never loads libtorch):
/// found by <see cref="Find"/> and run as a child process with the same dotnet host.
/// </summary>
public static class DeepProgram
{
    /// <summary>The environment variable that may name the scrawl-deep program (its .dll or executable).</summary>
    public const string ProgramVariable = "SCRAWL_DEEP";

    private const string ProgramDll = "scrawl-deep.dll";

    /// <summary>
    /// Runs <c>scrawl-deep ARGS</c>, passing each stdout line on to <paramref name="stdout"/> as it comes and its stderr to
    /// <paramref name="stderr"/> at the end; returns its exit code. <see cref="FileNotFoundException"/> when it is not built.
    /// </summary>
    public static int Run(IEnumerable<string> arguments, TextWriter stdout, TextWriter stderr) =>
        Run(Find(), arguments, stdout, stderr);

    /// <summary>Runs <paramref name="program"/> (an executable or a .dll) as <see cref="Run(IEnumerable{string}, TextWriter, TextWriter)"/> does.</summary>
    public static int Run(string program, IEnumerable<string> arguments, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var start = StartInfo(program, arguments);
        using var process = Process.Start(start) ?? throw new DeepProgramException($"{program}: could not be started.");
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
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(arguments);
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

    /// <summary>
    /// The scrawl-deep program: $SCRAWL_DEEP, else scrawl-deep.dll beside this program, in ../deep (the launcher's
    /// artifacts/deep), or in artifacts/deep of a folder above; <see cref="FileNotFoundException"/> saying how to build it otherwise.
    /// </summary>
    public static string Find()
    {
        string? configured = Environment.GetEnvironmentVariable(ProgramVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"${ProgramVariable} names {configured}, which does not exist.", configured);
        }

        var baseDir = new DirectoryInfo(AppContext.BaseDirectory);
        var candidates = new List<string> { Path.Combine(baseDir.FullName, ProgramDll) };
        if (baseDir.Parent is { } parent)
        {
            candidates.Add(Path.Combine(parent.FullName, "deep", ProgramDll));
        }

        for (var dir = baseDir; dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "artifacts", "deep", ProgramDll));
        }

        var tried = new List<string>();
        foreach (string candidate in candidates.Distinct())
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }

            tried.Add(candidate);
        }

        throw new FileNotFoundException($"deep models and 'report --deep' need the scrawl-deep program, which is not built (looked for {string.Join(", ", tried.Take(3))}, …); "
            + "build it with './scrawl deep --help' (or: dotnet build src/Scrawl.Deep.Cli -c Release -o artifacts/deep), or set $" + ProgramVariable + ".", ProgramDll);
    }
}

/// <summary>The scrawl-deep program could not be started or failed at its task (not a problem with the user's input).</summary>
public sealed class DeepProgramException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public DeepProgramException(string message)
        : base(message)
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public DeepProgramException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>A failure with no description.</summary>
    public DeepProgramException()
    {
    }
}
