using System.CommandLine;
using System.IO;

namespace WitTools.Cli.Commands;

/// <summary>`check PATH`: parse and resolve; exit 0 when the WIT is valid, 1 with its errors otherwise.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new WitInput();
        var command = new Command("check", "Parse and resolve WIT; report every error with its location.");
        input.AddTo(command);
        command.SetAction(parsed => input.Load(parsed, stderr) is null ? ExitCodes.WitError : ExitCodes.Ok);
        return command;
    }
}
