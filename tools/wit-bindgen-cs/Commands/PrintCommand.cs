using System.CommandLine;
using System.IO;
using WitTools.WitParser.Printing;

namespace WitTools.Cli.Commands;

/// <summary>`print PATH`: every resolved package (dependencies as nested `package … { }` blocks) as normalized
/// WIT text; resolving that text again gives the same model.</summary>
internal static class PrintCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new WitInput();
        var command = new Command("print", "Resolve WIT and print it back as normalized WIT text.");
        input.AddTo(command);
        command.SetAction(parsed =>
        {
            var result = input.Load(parsed, stderr);
            if (result is null) return ExitCodes.WitError;
            string text = WitPrinter.PrintAll(result.Resolve!);
            stdout.Write(text);
            return ExitCodes.Ok;
        });
        return command;
    }
}
