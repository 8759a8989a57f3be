using System;
using System.IO;
using System.Threading.Tasks;
using WitTools.LanguageServer.Rpc;
using WitTools.LanguageServer.Workspace;

namespace WitTools.LanguageServer.Server;

/// <summary>
/// Runs the language server over a pair of streams (stdin/stdout for <c>wit-bindgen-cs lsp</c>): JSON-RPC 2.0
/// with LSP's <c>Content-Length</c> framing (<see cref="JsonRpcConnection"/>), System.Text.Json with
/// source-generated metadata for the protocol records. Messages are handled one at a time in arrival order
/// (document changes must apply in order); analyses run on the thread pool.
/// </summary>
public static class LanguageServerHost
{
    /// <summary>Serves until <c>exit</c> or until the client closes the input. Returns the process exit code:
    /// 0 after <c>shutdown</c> then <c>exit</c>, 1 otherwise (as LSP specifies).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log)
    {
        JsonRpcConnection? connection = null;
        var workspace = new WorkspaceState(new ServerOptions(),
            diagnostics => connection!.NotifyAsync("textDocument/publishDiagnostics", diagnostics, LspJsonContext.Default.PublishDiagnosticsParams), log);
        var endpoints = new LspEndpoints(workspace, log);
        using (connection = new JsonRpcConnection(input, output, endpoints.Methods(), log))
        {
            connection.Start();
            var finished = await Task.WhenAny(endpoints.Exited, connection.Completion).ConfigureAwait(false);
            if (finished == endpoints.Exited)
            {
                await connection.DrainAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                return endpoints.Exited.Result ? 0 : 1;
            }
            lock (log) log.WriteLine("[wit-lsp] the client closed the connection without 'exit'");
            return 1;
        }
    }
}
