using System.CommandLine;

namespace Scrawl.CommandLine;

/// <summary>Where commands write: results to stdout, diagnostics to stderr.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Errors, warnings and progress.</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error);

/// <summary>A user-facing failure: printed as one line without a stack trace, with an exit code (<see cref="ExitCodes"/>).</summary>
public sealed class CliException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>, ending the program with <paramref name="exitCode"/>.</summary>
    public CliException(string message, int exitCode = ExitCodes.BadInput)
        : base(message) => ExitCode = exitCode;

    /// <summary>A bad-input failure described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public CliException(string message, Exception inner)
        : base(message, inner) => ExitCode = ExitCodes.BadInput;

    /// <summary>A bad-input failure with no description.</summary>
    public CliException()
        : this("bad input")
    {
    }

    /// <summary>The process exit code (1–3).</summary>
    public int ExitCode { get; }
}

/// <summary>Process exit codes shared by every Scrawl executable.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A check or a run failed (gradient check, divergence, a child program's failure).</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input: the message names the file or option and the problem.</summary>
    public const int BadInput = 2;

    /// <summary>An internal error (a bug).</summary>
    public const int InternalError = 3;
}

/// <summary>
/// Runs a command tree the way every Scrawl executable does: a recursive <c>--verbose</c> option, and any exception turned into one
/// line <c>PROGRAM: problem</c> on stderr (the stack trace too with --verbose) and an exit code: <see cref="CliException"/> its own;
/// file problems (<see cref="InvalidDataException"/>, <see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>) bad input;
/// what <c>classify</c> names; anything else an internal error.
/// </summary>
public static class CliHost
{
    /// <summary>
    /// Parses <paramref name="args"/> against <paramref name="root"/> and invokes it, writing to the given streams; returns the exit code.
    /// <paramref name="program"/> prefixes error lines; <paramref name="classify"/> may give the exit code of program-specific exceptions (null: not known).
    /// </summary>
    public static int Run(string program, RootCommand root, string[] args, CliOutput io, Func<Exception, int?>? classify = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(io);
        var verbose = new Option<bool>("--verbose") { Description = "On an error, also print its stack trace", Recursive = true };
        root.Options.Add(verbose);
        var config = new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false };
        var parsed = root.Parse(args);
        try
        {
            return parsed.Invoke(config);
        }
        catch (Exception e)
        {
            return Report(program, e, parsed.GetValue(verbose), io.Error, classify);
        }
    }

    /// <summary>The exit code for <paramref name="e"/> and the line to print (without the program prefix).</summary>
    public static (string Line, int Code) Describe(Exception e, Func<Exception, int?>? classify = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is CliException c)
        {
            return (c.Message, c.ExitCode);
        }

        if (IsFileProblem(e))
        {
            return (e.Message, ExitCodes.BadInput);
        }

        return classify?.Invoke(e) is { } code
            ? (e.Message, code)
            : ($"internal error ({e.GetType().Name}): {e.Message} (a bug; --verbose shows where)", ExitCodes.InternalError);
    }

    /// <summary>True for the exceptions that mean "this file cannot be read or written" (bad input, reported per file).</summary>
    public static bool IsFileProblem(Exception e) => e is InvalidDataException or IOException or UnauthorizedAccessException;

    private static int Report(string program, Exception e, bool verbose, TextWriter stderr, Func<Exception, int?>? classify)
    {
        var (line, code) = Describe(e, classify);
        stderr.WriteLine($"{program}: {line.ReplaceLineEndings(" ")}");
        if (verbose)
        {
            stderr.WriteLine(e.ToString());
        }

        return code;
    }
}
