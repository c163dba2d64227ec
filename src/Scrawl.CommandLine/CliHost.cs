using System.CommandLine;

namespace Scrawl.CommandLine;

/// <summary>Where commands write: results to stdout, diagnostics to stderr; and where <c>-</c> reads from.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Errors, warnings and progress.</param>
/// <param name="Input">Opens standard input (for a <c>-</c> argument); null: there is none, and reading it is an error.</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error, Func<Stream>? Input = null)
{
    /// <summary>Standard input; <see cref="CliException"/> when this run has none.</summary>
    public Stream OpenInput() => Input?.Invoke() ?? throw new CliException("-: there is no standard input to read.");
}

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
/// Runs a command tree the way every Scrawl executable does: a recursive <c>--verbose</c> option; a usage error (unknown command or option,
/// a missing or malformed value) is one line naming it and exit code 2; and any exception is turned into one
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
        if (UsageError(parsed, args) is { } usage)
        {
            io.Error.WriteLine($"{program}: {usage} ('{CommandPath(program, parsed.CommandResult)} --help' lists what it takes)");
            return ExitCodes.BadInput;
        }

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

    /// <summary>
    /// The first usage error of <paramref name="parsed"/>, or null: the parser's own errors, and an argument that looks like an option
    /// (starts with <c>-</c>, is not <c>-</c> alone or a number, and does not follow <c>--</c>) where the command takes file names or
    /// values, e.g. a mistyped <c>--jsn</c>. Commands that pass unmatched tokens on (<see cref="Command.TreatUnmatchedTokensAsErrors"/> false) are left alone.
    /// </summary>
    public static string? UsageError(ParseResult parsed, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(args);
        if (parsed.Errors.Count > 0)
        {
            // A mistyped command also leaves "Required command was not provided": the token that was not understood says more.
            return (parsed.UnmatchedTokens.Count > 0 ? parsed.Errors.FirstOrDefault(e => e.Message.Contains(parsed.UnmatchedTokens[0], StringComparison.Ordinal)) : null)?.Message
                ?? parsed.Errors[0].Message;
        }

        if (!parsed.CommandResult.Command.TreatUnmatchedTokensAsErrors)
        {
            return null;
        }

        int separator = args.ToList().IndexOf("--");
        var literal = separator >= 0 ? args.Skip(separator + 1).ToHashSet(StringComparer.Ordinal) : [];
        var suspect = parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>()
            .SelectMany(a => a.Tokens).Select(t => t.Value)
            .FirstOrDefault(v => v.Length > 1 && v[0] == '-' && !double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _) && !literal.Contains(v));
        return suspect is null ? null : $"unknown option '{suspect}'";
    }

    /// <summary>True for the exceptions that mean "this file cannot be read or written" (bad input, reported per file).</summary>
    public static bool IsFileProblem(Exception e) => e is InvalidDataException or IOException or UnauthorizedAccessException;

    /// <summary><c>PROGRAM SUBCOMMAND…</c> of the command that was parsed (the root's own name left out).</summary>
    private static string CommandPath(string program, System.CommandLine.Parsing.CommandResult? command)
    {
        var names = new List<string>();
        for (var c = command; c?.Parent is System.CommandLine.Parsing.CommandResult parent; c = parent)
        {
            names.Add(c.Command.Name);
        }

        names.Add(program);
        names.Reverse();
        return string.Join(" ", names);
    }

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
