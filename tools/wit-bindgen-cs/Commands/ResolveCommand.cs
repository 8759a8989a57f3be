using System.CommandLine;
using System.IO;
using WitTools.WitParser.Serialization;

namespace WitTools.Cli.Commands;

/// <summary>`resolve PATH`: the resolved model as JSON on stdout, in wit-parser's serialized shape.</summary>
internal static class ResolveCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new WitInput();
        var command = new Command("resolve", "Resolve WIT and print the model as JSON (the same JSON as wit-parser's Resolve).");
        input.AddTo(command);
        command.SetAction(parsed =>
        {
            var result = input.Load(parsed, stderr);
            if (result is null) return ExitCodes.WitError;
            // Render fully before writing so a failure never leaves half a document on stdout.
            string json = ResolveJson.Serialize(result.Resolve!);
            stdout.WriteLine(json);
            return ExitCodes.Ok;
        });
        return command;
    }
}
