using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StreamJsonRpc;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Server;

namespace WitTools.LanguageServer.Tests.TestSupport;

/// <summary>
/// Drives the real server process (<c>dotnet wit-bindgen-cs.dll lsp</c>) over its stdin/stdout with
/// Content-Length framed JSON-RPC, as an editor does. Collects published diagnostics; every wait is bounded.
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly JsonRpc _rpc;
    private readonly object _gate = new();
    private readonly Dictionary<string, PublishDiagnosticsParams> _latest = new(StringComparer.Ordinal);
    private readonly List<PublishDiagnosticsParams> _all = new();
    private readonly System.Text.StringBuilder _stderr = new();

    /// <summary>The server's naming rules, with reflection for the anonymous objects tests send.</summary>
    public static readonly JsonSerializerOptions Options = new(LspJson.Options)
    {
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            LspJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    private LspClient(Process process)
    {
        _process = process;
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = Options };
        var handler = new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, formatter);
        _rpc = new JsonRpc(handler);
        Action<JsonElement> onDiagnostics = OnDiagnostics;
        _rpc.AddLocalRpcMethod(onDiagnostics.Method, onDiagnostics.Target,
            new JsonRpcMethodAttribute("textDocument/publishDiagnostics") { UseSingleObjectParameterDeserialization = true });
        _rpc.StartListening();
    }

    /// <summary>The server's capabilities, as <c>initialize</c> answered.</summary>
    public JsonElement Capabilities { get; private set; }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public static async Task<LspClient> StartAsync(string? rootPath, object? initializationOptions = null)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "wit-bindgen-cs.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("lsp");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        var client = new LspClient(process);
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (client._stderr) client._stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        var result = await client.RequestAsync<JsonElement>("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri = rootPath == null ? null : Uri(rootPath),
            capabilities = new { },
            initializationOptions = initializationOptions ?? new { debounceMilliseconds = 0 },
        });
        Assert.True(result.TryGetProperty("capabilities", out var capabilities), "initialize returned no capabilities");
        client.Capabilities = capabilities.Clone();
        await client.NotifyAsync("initialized", new { });
        return client;
    }

    public static string Uri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    public async Task<T> RequestAsync<T>(string method, object parameters)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _rpc.InvokeWithParameterObjectAsync<T>(method, parameters, timeout.Token);
    }

    /// <summary>The raw result (JSON null when the server answered null).</summary>
    public Task<JsonElement> RequestAsync(string method, object parameters) => RequestAsync<JsonElement>(method, parameters);

    public Task NotifyAsync(string method, object parameters) => _rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task OpenAsync(string path, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new { textDocument = new TextDocumentItem(Uri(path), "wit", version, text) });

    public Task ChangeAsync(string path, int version, string text) =>
        NotifyAsync("textDocument/didChange", new
        {
            textDocument = new VersionedTextDocumentIdentifier(Uri(path), version),
            contentChanges = new[] { new { text } },
        });

    public Task ChangeRangeAsync(string path, int version, WitTools.LanguageServer.Protocol.Range range, string text) =>
        NotifyAsync("textDocument/didChange", new
        {
            textDocument = new VersionedTextDocumentIdentifier(Uri(path), version),
            contentChanges = new[] { new TextDocumentContentChangeEvent(range, text) },
        });

    /// <summary>Waits for diagnostics of <paramref name="path"/> satisfying <paramref name="accept"/>.</summary>
    public async Task<IReadOnlyList<Diagnostic>> DiagnosticsAsync(string path, Func<IReadOnlyList<Diagnostic>, bool>? accept = null, int? version = null)
    {
        string uri = Uri(path);
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
            {
                if (_latest.TryGetValue(uri, out var published) && (version == null || published.Version == version) && (accept == null || accept(published.Diagnostics)))
                {
                    return published.Diagnostics;
                }
            }
            if (_process.HasExited) throw new InvalidOperationException("the server exited: " + Stderr);
            await Task.Delay(20);
        }
        lock (_gate)
        {
            string last = _latest.TryGetValue(uri, out var published) ? JsonSerializer.Serialize(published, Options) : "none";
            throw new TimeoutException($"no matching diagnostics for {uri}; last: {last}; stderr: {Stderr}");
        }
    }

    public int PublishCount
    {
        get { lock (_gate) return _all.Count; }
    }

    private void OnDiagnostics(JsonElement parameters)
    {
        var published = parameters.Deserialize<PublishDiagnosticsParams>(LspJson.Options)!;
        lock (_gate)
        {
            _latest[published.Uri] = published;
            _all.Add(published);
        }
    }

    /// <summary>shutdown then exit; returns the process's exit code.</summary>
    public async Task<int> ShutdownAsync()
    {
        await RequestAsync("shutdown", new { });
        await NotifyAsync("exit", new { });
        return await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
