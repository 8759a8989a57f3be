using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Server;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.Benchmarks;

/// <summary>
/// The language server's latency from <c>didChange</c> to <c>publishDiagnostics</c> on wasi-0.2.12/http
/// (with its deps/) after a one-character edit, warm, through the same endpoint methods the JSON-RPC layer
/// calls (default debounce: 10 ms), against the bare front end (<c>WitLoader.Load</c> of the same folder) as
/// the baseline; and opening every WASI package of the corpus.
/// </summary>
[MemoryDiagnoser]
public class LanguageServerBenchmarks
{
    private string _http = "";
    private string _typesUri = "";
    private string _original = "";
    private string _edited = "";
    private LspEndpoints _endpoints = null!;
    private int _version;
    private TaskCompletionSource<bool>? _waiting;
    private int _waitingVersion;

    [GlobalSetup]
    public void Setup()
    {
        _http = Path.Combine(CorpusLocator.Find(), "wasi-0.2.12", "http");
        string types = Path.Combine(_http, "types.wit");
        _typesUri = new Uri(types).AbsoluteUri;
        _original = File.ReadAllText(types);
        // One character: `method` -> `methodx` in a type reference breaks resolution there.
        int at = _original.IndexOf("method: method", StringComparison.Ordinal);
        _edited = _original.Insert(at + "method: method".Length, "x");
        var log = new StringWriter();
        var workspace = new WorkspaceState(new ServerOptions(), OnPublish, log);
        _endpoints = new LspEndpoints(workspace, log);
        _endpoints.Initialize(new InitializeParams(null, new Uri(_http).AbsoluteUri, null, null, null, null));
        _endpoints.DidOpen(new DidOpenTextDocumentParams(new TextDocumentItem(_typesUri, "wit", 0, _original)));
        for (int i = 0; i < 20; i++) EditToDiagnostics();
        Console.WriteLine($"// retained with every WASI package open: {RetainedWithAllOpen() / 1024.0 / 1024.0:F1} MB");
    }

    private Task OnPublish(PublishDiagnosticsParams published)
    {
        var waiting = _waiting;
        if (waiting != null && published.Uri == _typesUri && published.Version == _waitingVersion) waiting.TrySetResult(true);
        return Task.CompletedTask;
    }

    [Benchmark(Baseline = true)]
    public object FrontEndLoad() => WitLoader.Load(_http, FeatureSet.None);

    /// <summary>What the server asks of the front end: the same load with the symbol index and syntax trees kept.</summary>
    [Benchmark]
    public object FrontEndLoadWithSymbols() => WitLoader.Load(_http, FeatureSet.None, null, new WitLoadOptions { BuildSymbols = true });

    [Benchmark]
    public bool EditToDiagnostics()
    {
        int version = ++_version;
        var waiting = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waitingVersion = version;
        _waiting = waiting;
        string text = version % 2 == 1 ? _edited : _original;
        _endpoints.DidChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(_typesUri, version),
            new[] { new TextDocumentContentChangeEvent(null, text) }));
        if (!waiting.Task.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("no diagnostics for version " + version);
        return waiting.Task.Result;
    }

    [Benchmark]
    public int OpenEveryWasiPackage() => OpenAll(out _);

    private static int OpenAll(out LspEndpoints endpoints)
    {
        var corpus = CorpusLocator.Find();
        var log = new StringWriter();
        var workspace = new WorkspaceState(new ServerOptions { DebounceMilliseconds = 0 }, _ => Task.CompletedTask, log);
        endpoints = new LspEndpoints(workspace, log);
        int files = 0;
        var uris = new List<string>();
        foreach (var package in Directory.EnumerateDirectories(corpus).SelectMany(Directory.EnumerateDirectories))
        {
            foreach (var file in Directory.EnumerateFiles(package, "*.wit"))
            {
                string uri = new Uri(file).AbsoluteUri;
                endpoints.DidOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "wit", 0, File.ReadAllText(file))));
                uris.Add(uri);
                files++;
            }
        }
        // One request per file makes every package's analysis (and its symbol index) exist.
        foreach (var uri in uris)
        {
            endpoints.DocumentSymbols(new DocumentSymbolParams(new TextDocumentIdentifier(uri)), CancellationToken.None).GetAwaiter().GetResult();
        }
        return files;
    }

    private static long RetainedWithAllOpen()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        OpenAll(out var endpoints);
        Thread.Sleep(500);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(endpoints);
        return after - before;
    }
}
