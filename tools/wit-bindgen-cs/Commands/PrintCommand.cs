using System.CommandLine;
using System.IO;
using WitTools.WitParser.Model;
using WitTools.WitParser.Printing;

namespace WitTools.Cli.Commands;

/// <summary>
/// `print PATH`: every resolved package (dependencies as nested `package … { }` blocks) as normalized WIT
/// text. Feature gates are source, not a filter: every item is printed with its `@since`/`@unstable`/
/// `@deprecated` attributes, so resolving the printed text with any feature selection gives the same model
/// as resolving the original with that selection. Hence `print` takes no feature options.
/// </summary>
internal static class PrintCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new WitInput();
        var command = new Command("print", "Resolve WIT and print it back as normalized WIT text (feature-gated items included, with their gates).");
        input.AddTo(command, withFeatures: false);
        command.SetAction(parsed =>
        {
            var result = input.Load(parsed, stderr, FeatureSet.All);
            if (result is null) return ExitCodes.WitError;
            string text = WitPrinter.PrintAll(result.Resolve!);
            stdout.Write(text);
            return ExitCodes.Ok;
        });
        return command;
    }
}
