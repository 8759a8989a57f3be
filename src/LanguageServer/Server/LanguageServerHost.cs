using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Workspace;

namespace WitTools.LanguageServer.Server;

/// <summary>
/// Runs the language server over a pair of streams (stdin/stdout for <c>wit-bindgen-cs lsp</c>): JSON-RPC 2.0
/// with LSP's <c>Content-Length</c> framing, System.Text.Json for the protocol records. Messages are handled
/// one at a time in arrival order (document changes must apply in order); analyses run on the thread pool.
/// </summary>
public static class LanguageServerHost
{
    /// <summary>Serves until <c>exit</c> or until the client closes the input. Returns the process exit code:
    /// 0 after <c>shutdown</c> then <c>exit</c>, 1 otherwise (as LSP specifies).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log)
    {
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options };
        var handler = new HeaderDelimitedMessageHandler(output, input, formatter);
        using var rpc = new JsonRpc(handler);
        var workspace = new WorkspaceState(new ServerOptions(),
            diagnostics => rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", diagnostics), log);
        var endpoints = new LspEndpoints(workspace, log);
        rpc.AddLocalRpcTarget(endpoints, new JsonRpcTargetOptions { DisposeOnDisconnect = false });
        rpc.SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false);
        rpc.StartListening();

        var finished = await Task.WhenAny(endpoints.Exited, rpc.Completion).ConfigureAwait(false);
        if (finished == endpoints.Exited) return endpoints.Exited.Result ? 0 : 1;
        try
        {
            await rpc.Completion.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            lock (log) log.WriteLine("[wit-lsp] connection ended: " + e.Message);
        }
        return 1;
    }
}
