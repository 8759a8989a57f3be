using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using WitTools.LanguageServer.Features;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Server;
using WitTools.WitParser.Resolution;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Workspace;

/// <summary>
/// The open documents and one analysis per package folder they belong to. Every change bumps its folder's
/// version; diagnostics for a folder are computed after a short debounce, and a result is published only if
/// no newer change arrived meanwhile (stale work is dropped, and a newer change cancels the pending wait).
/// Requests share the same per-version analysis, computed at most once.
/// </summary>
public sealed class WorkspaceState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, OpenDocument> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RootState> _roots = new(StringComparer.Ordinal);
    private readonly Func<PublishDiagnosticsParams, Task> _publish;
    private readonly TextWriter _log;
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private readonly IWitFileSystem _disk;

    public WorkspaceState(ServerOptions options, Func<PublishDiagnosticsParams, Task> publish, TextWriter log, IWitFileSystem? disk = null)
    {
        Options = options;
        _publish = publish;
        _log = log;
        _disk = disk ?? PhysicalWitFileSystem.Instance;
    }

    public ServerOptions Options { get; set; }

    /// <summary>Workspace folders (local paths) given at initialize, for workspace symbols.</summary>
    public List<string> Folders { get; } = new();

    private sealed record OpenDocument(string Uri, string Path, int Version, string Text);

    private sealed class RootState
    {
        public RootState(string path) => Path = path;
        public string Path { get; }
        public long Version;
        public long AnalysisVersion = -1;
        public Lazy<RootAnalysis>? Analysis;
        public CancellationTokenSource? Pending;
        public HashSet<string> Published { get; } = new(StringComparer.Ordinal);
    }

    // ------------------------------------------------------------------ document events

    public void Open(string uri, int version, string text)
    {
        string path = DocumentUris.ToPath(uri);
        lock (_gate) _open[path] = new OpenDocument(uri, path, version, text ?? string.Empty);
        Changed(path);
    }

    public void Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        string path = DocumentUris.ToPath(uri);
        lock (_gate)
        {
            if (!_open.TryGetValue(path, out var document)) return;
            _open[path] = document with { Version = version, Text = Text.LineMap.Apply(document.Text, changes ?? Array.Empty<TextDocumentContentChangeEvent>()) };
        }
        Changed(path);
    }

    public void Close(string uri)
    {
        string path = DocumentUris.ToPath(uri);
        bool anyLeft;
        RootState? root;
        lock (_gate)
        {
            _open.Remove(path);
            string rootPath = DocumentUris.PackageRootOf(path);
            _roots.TryGetValue(rootPath, out root);
            anyLeft = false;
            foreach (var open in _open.Values)
            {
                if (DocumentUris.PackageRootOf(open.Path) == rootPath) anyLeft = true;
            }
            if (!anyLeft && root != null)
            {
                root.Version++;
                root.Pending?.Cancel();
                _roots.Remove(rootPath);
            }
        }
        if (anyLeft) Changed(path);
        else if (root != null) _ = ClearAsync(root);
    }

    /// <summary>A file changed on disk (or was saved): re-analyse the folder if it is being watched.</summary>
    public void FileChangedOnDisk(string uri)
    {
        string path = DocumentUris.ToPath(uri);
        bool known;
        lock (_gate) known = _roots.ContainsKey(DocumentUris.PackageRootOf(path));
        if (known) Changed(path);
    }

    private void Changed(string path)
    {
        RootState root;
        CancellationToken token;
        lock (_gate)
        {
            root = GetRoot(DocumentUris.PackageRootOf(path));
            root.Version++;
            root.Pending?.Cancel();
            root.Pending = new CancellationTokenSource();
            token = root.Pending.Token;
        }
        _ = PublishAfterDebounceAsync(root, token);
    }

    private RootState GetRoot(string rootPath)
    {
        if (!_roots.TryGetValue(rootPath, out var root)) _roots[rootPath] = root = new RootState(rootPath);
        return root;
    }

    // ------------------------------------------------------------------ analyses

    /// <summary>The analysis of the folder holding <paramref name="uri"/> at the current version of the open
    /// documents (computed once per version, shared with diagnostics).</summary>
    public Task<RootAnalysis> AnalysisForAsync(string uri, CancellationToken cancellation = default)
    {
        string path = DocumentUris.ToPath(uri);
        Lazy<RootAnalysis> lazy;
        lock (_gate) lazy = CurrentAnalysis(GetRoot(DocumentUris.PackageRootOf(path)));
        return lazy.IsValueCreated ? Task.FromResult(lazy.Value) : Task.Run(() => lazy.Value, cancellation);
    }

    /// <summary>Analyses of every folder with open documents (for workspace-wide requests).</summary>
    public async Task<IReadOnlyList<RootAnalysis>> AllAnalysesAsync(CancellationToken cancellation = default)
    {
        var lazies = new List<Lazy<RootAnalysis>>();
        lock (_gate)
        {
            foreach (var root in _roots.Values) lazies.Add(CurrentAnalysis(root));
        }
        var result = new List<RootAnalysis>();
        foreach (var lazy in lazies) result.Add(lazy.IsValueCreated ? lazy.Value : await Task.Run(() => lazy.Value, cancellation));
        return result;
    }

    /// <summary>Analyses of every package folder of the workspace folders (found by a bounded walk) and of
    /// every folder with open documents.</summary>
    public async Task<IReadOnlyList<RootAnalysis>> WorkspaceAnalysesAsync(CancellationToken cancellation = default)
    {
        var rootPaths = new List<string>();
        foreach (var folder in Folders) rootPaths.AddRange(PackageFolders.Find(folder, _disk));
        var lazies = new List<Lazy<RootAnalysis>>();
        lock (_gate)
        {
            foreach (var path in rootPaths) GetRoot(path);
            foreach (var root in _roots.Values) lazies.Add(CurrentAnalysis(root));
        }
        var result = new List<RootAnalysis>();
        foreach (var lazy in lazies) result.Add(lazy.IsValueCreated ? lazy.Value : await Task.Run(() => lazy.Value, cancellation).ConfigureAwait(false));
        return result;
    }

    /// <summary>The text the server has for a document (open text, else disk), or null.</summary>
    public string? TextOf(string uri)
    {
        string path = DocumentUris.ToPath(uri);
        lock (_gate)
        {
            if (_open.TryGetValue(path, out var document)) return document.Text;
        }
        var read = _disk.ReadText(path);
        return read.IsOk ? read.Text : null;
    }

    private Lazy<RootAnalysis> CurrentAnalysis(RootState root)
    {
        if (root.Analysis != null && root.AnalysisVersion == root.Version) return root.Analysis;
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        var uris = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var open in _open.Values)
        {
            snapshot[open.Path] = open.Text;
            uris[open.Path] = open.Uri;
        }
        long version = root.Version;
        var features = Options.Features;
        var fileSystem = new OverlayFileSystem(snapshot, _disk);
        root.AnalysisVersion = version;
        root.Analysis = new Lazy<RootAnalysis>(
            () => RootAnalysis.Create(root.Path, version, fileSystem, features,
                path => uris.TryGetValue(path, out var uri) ? uri : DocumentUris.ToUri(path)),
            LazyThreadSafetyMode.ExecutionAndPublication);
        return root.Analysis;
    }

    // ------------------------------------------------------------------ diagnostics

    private async Task PublishAfterDebounceAsync(RootState root, CancellationToken token)
    {
        try
        {
            if (Options.DebounceMilliseconds > 0) await Task.Delay(Options.DebounceMilliseconds, token).ConfigureAwait(false);
            Lazy<RootAnalysis> lazy;
            lock (_gate)
            {
                if (token.IsCancellationRequested) return;
                lazy = CurrentAnalysis(root);
            }
            var analysis = await Task.Run(() => lazy.Value, token).ConfigureAwait(false);
            var diagnostics = DiagnosticsProvider.Compute(analysis);
            await _publishGate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                Dictionary<string, int> versions;
                lock (_gate)
                {
                    // A newer change is on its way: this result is stale.
                    if (token.IsCancellationRequested || analysis.Version != root.Version) return;
                    versions = new Dictionary<string, int>(StringComparer.Ordinal);
                    foreach (var open in _open.Values) versions[open.Uri] = open.Version;
                }
                var stale = new HashSet<string>(root.Published, StringComparer.Ordinal);
                root.Published.Clear();
                foreach (var (uri, list) in diagnostics)
                {
                    bool wasPublished = stale.Remove(uri);
                    // Clean files are announced only when they had diagnostics before, or are open.
                    if (list.Count == 0 && !wasPublished && !versions.ContainsKey(uri)) continue;
                    if (list.Count > 0) root.Published.Add(uri);
                    await _publish(new PublishDiagnosticsParams(uri, versions.TryGetValue(uri, out int v) ? v : null, list)).ConfigureAwait(false);
                }
                foreach (var uri in stale)
                {
                    await _publish(new PublishDiagnosticsParams(uri, null, Array.Empty<Diagnostic>())).ConfigureAwait(false);
                }
            }
            finally
            {
                _publishGate.Release();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Log("diagnostics failed: " + e);
        }
    }

    private async Task ClearAsync(RootState root)
    {
        try
        {
            await _publishGate.WaitAsync().ConfigureAwait(false);
            try
            {
                foreach (var uri in root.Published)
                {
                    await _publish(new PublishDiagnosticsParams(uri, null, Array.Empty<Diagnostic>())).ConfigureAwait(false);
                }
                root.Published.Clear();
            }
            finally
            {
                _publishGate.Release();
            }
        }
        catch (Exception e)
        {
            Log("clearing diagnostics failed: " + e.Message);
        }
    }

    private void Log(string message)
    {
        try
        {
            lock (_log) _log.WriteLine("[wit-lsp] " + message);
        }
        catch (Exception)
        {
            // Logging must never take the server down.
        }
    }
}
