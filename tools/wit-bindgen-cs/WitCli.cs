using System;
using System.CommandLine;
using System.IO;
using WitTools.Cli.Commands;

namespace WitTools.Cli;

/// <summary>Builds the `wit-bindgen-cs` command tree and runs it with explicit output writers (so tests
/// can run real argument lists in-process).</summary>
public static class WitCli
{
    /// <summary>Runs one command line; <c>stderrIsTerminal</c>: progress rewrites one line in place rather than printing lines.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal = false)
    {
        var root = new RootCommand("WitTools: check, resolve and print WIT packages; generate C# bindings for WebAssembly components.");
        root.Subcommands.Add(CheckCommand.Create(stdout, stderr));
        root.Subcommands.Add(ResolveCommand.Create(stdout, stderr));
        root.Subcommands.Add(PrintCommand.Create(stdout, stderr));
        root.Subcommands.Add(LayoutCommand.Create(stdout, stderr));
        root.Subcommands.Add(GenerateCommand.Create(stdout, stderr, stderrIsTerminal));
        root.Subcommands.Add(FmtCommand.Create(stdout, stderr));
        root.Subcommands.Add(LspCommand.Create(stdout, stderr));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }
            stderr.WriteLine("Run 'wit-bindgen-cs --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            stderr.WriteLine($"internal error in wit-bindgen-cs: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine("This is a bug; please report it with the input that caused it.");
            return ExitCodes.InternalError;
        }
    }
}
