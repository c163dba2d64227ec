namespace Scrawl.Cli;

/// <summary>Where commands write: results to stdout, diagnostics to stderr.</summary>
internal sealed record CliOutput(TextWriter Out, TextWriter Error);

/// <summary>A user-facing failure: printed as one line without a stack trace, with an exit code.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int BadInput = 2;
    public const int InternalError = 3;
}
