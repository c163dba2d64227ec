namespace Scrawl.Cli.Commands;

/// <summary>Calls into the libraries: their argument errors (out-of-range options) become CLI errors (exit 2).</summary>
internal static class Library
{
    /// <summary>Runs a library's validation; an <see cref="ArgumentException"/> becomes a <see cref="CliException"/> with its message.</summary>
    public static void Validate(Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }
}
