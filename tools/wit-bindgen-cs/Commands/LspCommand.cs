using System;
using System.CommandLine;
using System.IO;
using WitTools.LanguageServer.Server;

namespace WitTools.Cli.Commands;

/// <summary>`lsp`: the WIT language server (LSP 3.17, JSON-RPC over stdin/stdout); logs go to stderr.</summary>
internal static class LspCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("lsp", "Run the WIT language server over stdin/stdout (for editors: VS Code, Neovim, any LSP client).");
        command.SetAction(_ =>
        {
            // The protocol owns stdout: nothing else may write there while the server runs.
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return LanguageServerHost.RunAsync(input, output, stderr).GetAwaiter().GetResult();
        });
        return command;
    }
}
