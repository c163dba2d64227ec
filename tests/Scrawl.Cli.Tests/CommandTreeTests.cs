using System.CommandLine;

namespace Scrawl.Cli.Tests;

/// <summary>The command tree is built lazily: only the command the first argument names, else all of them.</summary>
public class CommandTreeTests
{
    [Fact]
    public void Every_table_name_is_the_name_of_the_command_it_builds()
    {
        var io = new CliOutput(TextWriter.Null, TextWriter.Null, null);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, create) in Program.Commands)
        {
            Assert.Equal(name, create(io).Name);
            Assert.True(names.Add(name), $"{name} is listed twice");
        }

        Assert.Contains("ocr", names);
    }

    [Fact]
    public void The_whole_tree_lists_every_command_and_one_command_alone_keeps_its_subcommands()
    {
        string help = CliRunner.Run("--help").Out;
        foreach (var (name, _) in Program.Commands)
        {
            Assert.Matches($@"\n\s+{name}\s", help);
        }

        var (code, benchHelp, _) = CliRunner.Run("bench", "--help");
        Assert.Equal(0, code);
        Assert.Matches(@"\n\s+ocr\s", benchHelp);
        Assert.Matches(@"\n\s+mlp\s", benchHelp);
    }

    [Fact]
    public void An_unknown_command_is_still_a_usage_error_that_sees_every_command()
    {
        var (code, _, err) = CliRunner.Run("ocrr", "x.png");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("ocrr", err, StringComparison.Ordinal);
    }
}
