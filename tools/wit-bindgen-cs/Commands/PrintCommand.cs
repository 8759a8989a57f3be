using System.CommandLine;
using System.IO;
using WitTools.WitParser.Model;
using WitTools.WitParser.Printing;

namespace WitTools.Cli.Commands;

/// <summary>
/// `print PATH`: every resolved package (dependencies as nested `package … { }` blocks) as normalized WIT
/// text. Feature gates are source, not a filter: every item is printed with its `@since`/`@unstable`/
/// `@deprecated` attributes (the input is resolved with every feature enabled), so resolving the printed
/// text with any feature selection gives the same model as resolving the original with that selection.
/// Some WIT is only valid while a feature is off; then the items of the selected features are printed.
/// </summary>
internal static class PrintCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new WitInput();
        var command = new Command("print", "Resolve WIT and print it back as normalized WIT text (feature-gated items included, with their gates).");
        input.AddTo(command);
        command.SetAction(parsed =>
        {
            var result = input.LoadQuietly(parsed, FeatureSet.All);
            if (!result.Success)
            {
                result = input.Load(parsed, stderr);
                if (result is null) return ExitCodes.WitError;
                stderr.WriteLine("note: this WIT does not resolve with every feature enabled; printed the items of the selected features only");
            }
            string text = WitPrinter.PrintAll(result.Resolve!);
            stdout.Write(text);
            return ExitCodes.Ok;
        });
        return command;
    }
}
