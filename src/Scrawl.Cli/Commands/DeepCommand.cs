using System.CommandLine;
using Scrawl.Reading;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl deep …</c>: the TorchSharp commands live in their own program, scrawl-deep, so that scrawl never loads libtorch. The
/// <c>./scrawl</c> launcher hands <c>deep</c> to it directly; this command lists it in <c>--help</c> and passes the arguments on when
/// scrawl itself is asked.
/// </summary>
internal static class DeepCommand
{
    public static Command Create(CliOutput io)
    {
        var arguments = new Argument<string[]>("arguments") { Description = "The scrawl-deep command and its options (./scrawl deep --help lists them)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("deep", "The deep-learning track on TorchSharp: train, bench cnn, finetune, classify (the scrawl-deep program; ./scrawl deep --help lists its commands).")
        {
            arguments,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(r =>
        {
            // The tokens after "deep" in their order (the parser splits them into arguments and unmatched tokens).
            var tokens = r.Tokens.Select(t => t.Value).ToList();
            string[] rest = [.. tokens.Skip(tokens.IndexOf("deep") + 1)];
            try
            {
                return DeepProgram.Run(rest, io.Out, io.Error);
            }
            catch (FileNotFoundException e)
            {
                throw new CliException($"deep: {e.Message}");
            }
        });
        return command;
    }
}
