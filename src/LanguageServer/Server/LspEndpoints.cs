using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using StreamJsonRpc;
using WitTools.LanguageServer.Features;
using WitTools.LanguageServer.Formatting;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Workspace;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Server;

/// <summary>
/// The JSON-RPC methods of the server (one per LSP method it implements). Notifications update the
/// workspace; requests read an analysis. A request that fails unexpectedly answers with an internal error
/// (and is logged on stderr): the server itself stays up whatever a client sends.
/// </summary>
public sealed class LspEndpoints
{
    private readonly WorkspaceState _workspace;
    private readonly TextWriter _log;
    private readonly TaskCompletionSource<bool> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _shutdownRequested;

    internal LspEndpoints(WorkspaceState workspace, TextWriter log)
    {
        _workspace = workspace;
        _log = log;
    }

    /// <summary>Completes with whether <c>shutdown</c> came before <c>exit</c>.</summary>
    internal Task<bool> Exited => _exit.Task;

    // ------------------------------------------------------------------ lifecycle

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        _workspace.Options = ServerOptions.From(parameters?.InitializationOptions);
        if (parameters?.WorkspaceFolders is { } folders)
        {
            foreach (var folder in folders) if (folder?.Uri is { } uri) _workspace.Folders.Add(DocumentUris.ToPath(uri));
        }
        else if (parameters?.RootUri is { } rootUri)
        {
            _workspace.Folders.Add(DocumentUris.ToPath(rootUri));
        }
        else if (parameters?.RootPath is { } rootPath)
        {
            _workspace.Folders.Add(rootPath);
        }
        var capabilities = new ServerCapabilities(
            PositionEncoding: "utf-16",
            TextDocumentSync: new TextDocumentSyncOptions(true, TextDocumentSyncKind.Incremental, new SaveOptions(false)),
            HoverProvider: true,
            DefinitionProvider: true,
            ReferencesProvider: true,
            RenameProvider: new RenameOptions(true),
            DocumentSymbolProvider: true,
            WorkspaceSymbolProvider: true,
            FoldingRangeProvider: true,
            SemanticTokensProvider: new SemanticTokensOptions(
                new SemanticTokensLegend(SemanticTokensProvider.TokenTypes, SemanticTokensProvider.TokenModifiers), Full: true, Range: true),
            CompletionProvider: new CompletionOptions(new[] { ".", ":", "/", "@", "<", "{", " ", "=" }, false),
            DocumentFormattingProvider: true);
        string version = typeof(LspEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return new InitializeResult(capabilities, new ServerInfo("wit-bindgen-cs lsp", version));
    }

    [JsonRpcMethod("initialized")]
    public void Initialized()
    {
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        _shutdownRequested = true;
        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => _exit.TrySetResult(_shutdownRequested);

    // ------------------------------------------------------------------ documents

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams parameters) =>
        Guard(() => _workspace.Open(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.TextDocument.Text));

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams parameters) =>
        Guard(() => _workspace.Change(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.ContentChanges));

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams parameters) => Guard(() => _workspace.Close(parameters.TextDocument.Uri));

    [JsonRpcMethod("textDocument/didSave", UseSingleObjectParameterDeserialization = true)]
    public void DidSave(DidSaveTextDocumentParams parameters) => Guard(() => _workspace.FileChangedOnDisk(parameters.TextDocument.Uri));

    [JsonRpcMethod("workspace/didChangeWatchedFiles", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters) => Guard(() =>
    {
        foreach (var change in parameters.Changes ?? Array.Empty<FileEvent>()) _workspace.FileChangedOnDisk(change.Uri);
    });

    // ------------------------------------------------------------------ requests

    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public Task<Hover?> Hover(TextDocumentPositionParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => HoverProvider.Hover(analysis, document, parameters.Position));

    [JsonRpcMethod("textDocument/definition", UseSingleObjectParameterDeserialization = true)]
    public Task<Location?> Definition(TextDocumentPositionParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => Navigation.Definition(analysis, document, parameters.Position));

    [JsonRpcMethod("textDocument/references", UseSingleObjectParameterDeserialization = true)]
    public Task<List<Location>?> References(ReferenceParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) =>
            (List<Location>?)Navigation.References(analysis, document, parameters.Position, parameters.Context?.IncludeDeclaration ?? true));

    [JsonRpcMethod("textDocument/prepareRename", UseSingleObjectParameterDeserialization = true)]
    public Task<PrepareRenameResult?> PrepareRename(TextDocumentPositionParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) =>
        {
            var (result, error) = Navigation.PrepareRename(analysis, document, parameters.Position);
            return result ?? throw Refuse(error);
        });

    [JsonRpcMethod("textDocument/rename", UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceEdit?> Rename(RenameParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) =>
        {
            var (edit, error) = Navigation.Rename(analysis, document, parameters.Position, parameters.NewName);
            return edit ?? throw Refuse(error);
        });

    [JsonRpcMethod("textDocument/documentSymbol", UseSingleObjectParameterDeserialization = true)]
    public Task<List<DocumentSymbol>?> DocumentSymbols(DocumentSymbolParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => (List<DocumentSymbol>?)SymbolsProvider.DocumentSymbols(analysis, document));

    [JsonRpcMethod("workspace/symbol", UseSingleObjectParameterDeserialization = true)]
    public Task<List<SymbolInformation>> WorkspaceSymbols(WorkspaceSymbolParams parameters, CancellationToken cancellation) =>
        Run(async () =>
        {
            var analyses = await _workspace.WorkspaceAnalysesAsync(cancellation).ConfigureAwait(false);
            return SymbolsProvider.WorkspaceSymbols(analyses, parameters?.Query ?? string.Empty);
        });

    [JsonRpcMethod("textDocument/foldingRange", UseSingleObjectParameterDeserialization = true)]
    public Task<List<FoldingRange>?> FoldingRanges(FoldingRangeParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => (List<FoldingRange>?)FoldingProvider.FoldingRanges(analysis, document));

    [JsonRpcMethod("textDocument/semanticTokens/full", UseSingleObjectParameterDeserialization = true)]
    public Task<SemanticTokens?> SemanticTokensFull(SemanticTokensParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => SemanticTokensProvider.Tokens(analysis, document));

    [JsonRpcMethod("textDocument/semanticTokens/range", UseSingleObjectParameterDeserialization = true)]
    public Task<SemanticTokens?> SemanticTokensRange(SemanticTokensRangeParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => SemanticTokensProvider.Tokens(analysis, document, parameters.Range));

    [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
    public Task<CompletionList?> Completion(CompletionParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) =>
            CompletionProvider.Complete(analysis, document, parameters.Position, _workspace.Options.Features.Names));

    [JsonRpcMethod("textDocument/formatting", UseSingleObjectParameterDeserialization = true)]
    public Task<List<TextEdit>?> Formatting(DocumentFormattingParams parameters, CancellationToken cancellation) =>
        Run(() =>
        {
            string? text = _workspace.TextOf(parameters.TextDocument.Uri);
            if (text == null) return Task.FromResult<List<TextEdit>?>(null);
            var options = parameters.Options;
            string indent = options is { InsertSpaces: false } ? "\t" : new string(' ', Math.Clamp(options?.TabSize ?? 2, 1, 16));
            var result = WitFormatter.Format(text, indent);
            if (result.Text == null || result.Text == text) return Task.FromResult<List<TextEdit>?>(new List<TextEdit>());
            var lines = new Text.LineMap(text);
            var edit = new TextEdit(lines.ToRange(0, text.Length), result.Text);
            return Task.FromResult<List<TextEdit>?>(new List<TextEdit> { edit });
        });

    // ------------------------------------------------------------------ plumbing

    private Task<T?> WithDocument<T>(TextDocumentIdentifier? identifier, CancellationToken cancellation, Func<RootAnalysis, WitDocument, T?> action)
        where T : class =>
        Run(async () =>
        {
            if (identifier?.Uri is not { } uri) return null;
            var analysis = await _workspace.AnalysisForAsync(uri, cancellation).ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
            var document = analysis.ByUri(uri) ?? analysis.ByPath(DocumentUris.ToPath(uri));
            return document == null ? null : action(analysis, document);
        });

    private async Task<T> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (LocalRpcException)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            Log("request failed: " + e);
            throw new LocalRpcException("internal error in the WIT language server: " + e.GetType().Name + ": " + e.Message)
            {
                ErrorCode = (int)StreamJsonRpc.Protocol.JsonRpcErrorCode.InternalError,
            };
        }
    }

    private static LocalRpcException Refuse(string? message) =>
        new(message ?? "the request cannot be carried out here") { ErrorCode = LspErrorCodes.RequestFailed };

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            Log("notification failed: " + e);
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
        }
    }
}
