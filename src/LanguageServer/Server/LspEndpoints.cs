using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using WitTools.LanguageServer.Features;
using WitTools.LanguageServer.Formatting;
using WitTools.LanguageServer.Rpc;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Workspace;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Server;

/// <summary>
/// The LSP methods of the server (<see cref="Methods"/> names them for the JSON-RPC connection). Notifications
/// update the workspace; requests read an analysis. A request that fails unexpectedly answers with an internal
/// error (and is logged on stderr): the server itself stays up whatever a client sends.
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

    /// <summary>Every LSP method the server implements, by its protocol name, with the metadata of its
    /// parameters and result (source-generated: <see cref="LspJsonContext"/>).</summary>
    public RpcMethods Methods()
    {
        var json = LspJsonContext.Default;
        return new RpcMethods()
            .Request("initialize", json.InitializeParams, json.InitializeResult, (p, _) => Task.FromResult(Initialize(p)), parametersRequired: false)
            .Notification("initialized", Initialized)
            .Request("shutdown", Shutdown)
            .Notification("exit", Exit)
            .Notification("textDocument/didOpen", json.DidOpenTextDocumentParams, DidOpen)
            .Notification("textDocument/didChange", json.DidChangeTextDocumentParams, DidChange)
            .Notification("textDocument/didClose", json.DidCloseTextDocumentParams, DidClose)
            .Notification("textDocument/didSave", json.DidSaveTextDocumentParams, DidSave)
            .Notification("workspace/didChangeWatchedFiles", json.DidChangeWatchedFilesParams, DidChangeWatchedFiles)
            .Request("textDocument/hover", json.TextDocumentPositionParams, json.Hover, Hover)
            .Request("textDocument/definition", json.TextDocumentPositionParams, json.Location, Definition)
            .Request("textDocument/references", json.ReferenceParams, json.ListLocation, References)
            .Request("textDocument/prepareRename", json.TextDocumentPositionParams, json.PrepareRenameResult, PrepareRename)
            .Request("textDocument/rename", json.RenameParams, json.WorkspaceEdit, Rename)
            .Request("textDocument/documentSymbol", json.DocumentSymbolParams, json.ListDocumentSymbol, DocumentSymbols)
            .Request("workspace/symbol", json.WorkspaceSymbolParams, json.ListSymbolInformation, WorkspaceSymbols)
            .Request("textDocument/foldingRange", json.FoldingRangeParams, json.ListFoldingRange, FoldingRanges)
            .Request("textDocument/semanticTokens/full", json.SemanticTokensParams, json.SemanticTokens, SemanticTokensFull)
            .Request("textDocument/semanticTokens/range", json.SemanticTokensRangeParams, json.SemanticTokens, SemanticTokensRange)
            .Request("textDocument/completion", json.CompletionParams, json.CompletionList, Completion)
            .Request("textDocument/formatting", json.DocumentFormattingParams, json.ListTextEdit, Formatting)
            .Request("textDocument/codeAction", json.CodeActionParams, json.ListCodeAction, CodeActions);
    }

    // ------------------------------------------------------------------ lifecycle

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
            DocumentFormattingProvider: true,
            CodeActionProvider: new CodeActionOptions(new[] { CodeActionKinds.QuickFix }));
        string version = typeof(LspEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return new InitializeResult(capabilities, new ServerInfo("wit-bindgen-cs lsp", version));
    }

    public void Initialized()
    {
    }

    public void Shutdown() => _shutdownRequested = true;

    public void Exit() => _exit.TrySetResult(_shutdownRequested);

    // ------------------------------------------------------------------ documents

    public void DidOpen(DidOpenTextDocumentParams parameters) =>
        Guard(() => _workspace.Open(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.TextDocument.Text));

    public void DidChange(DidChangeTextDocumentParams parameters) =>
        Guard(() => _workspace.Change(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.ContentChanges));

    public void DidClose(DidCloseTextDocumentParams parameters) => Guard(() => _workspace.Close(parameters.TextDocument.Uri));

    public void DidSave(DidSaveTextDocumentParams parameters) => Guard(() => _workspace.FileChangedOnDisk(parameters.TextDocument.Uri));

    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters) => Guard(() =>
    {
        foreach (var change in parameters.Changes ?? Array.Empty<FileEvent>()) _workspace.FileChangedOnDisk(change.Uri);
    });

    // ------------------------------------------------------------------ requests

    public Task<Hover?> Hover(TextDocumentPositionParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => HoverProvider.Hover(analysis, document, parameters.Position));

    public Task<Location?> Definition(TextDocumentPositionParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => Navigation.Definition(analysis, document, parameters.Position));

    public Task<List<Location>?> References(ReferenceParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) =>
            (List<Location>?)Navigation.References(analysis, document, parameters.Position, parameters.Context?.IncludeDeclaration ?? true));

    public Task<PrepareRenameResult?> PrepareRename(TextDocumentPositionParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) =>
        {
            var (result, error) = Navigation.PrepareRename(analysis, document, parameters.Position);
            return result ?? throw Refuse(error);
        });

    public Task<WorkspaceEdit?> Rename(RenameParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) =>
        {
            var (edit, error) = Navigation.Rename(analysis, document, parameters.Position, parameters.NewName);
            return edit ?? throw Refuse(error);
        });

    public Task<List<DocumentSymbol>?> DocumentSymbols(DocumentSymbolParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => (List<DocumentSymbol>?)SymbolsProvider.DocumentSymbols(analysis, document));

    public Task<List<SymbolInformation>> WorkspaceSymbols(WorkspaceSymbolParams parameters, CancellationToken cancellation) =>
        Run(async () =>
        {
            var analyses = await _workspace.WorkspaceAnalysesAsync(cancellation).ConfigureAwait(false);
            return SymbolsProvider.WorkspaceSymbols(analyses, parameters?.Query ?? string.Empty);
        });

    public Task<List<FoldingRange>?> FoldingRanges(FoldingRangeParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => (List<FoldingRange>?)FoldingProvider.FoldingRanges(analysis, document));

    public Task<SemanticTokens?> SemanticTokensFull(SemanticTokensParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => SemanticTokensProvider.Tokens(analysis, document));

    public Task<SemanticTokens?> SemanticTokensRange(SemanticTokensRangeParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) => SemanticTokensProvider.Tokens(analysis, document, parameters.Range));

    public Task<CompletionList?> Completion(CompletionParams parameters, CancellationToken cancellation) =>
        WithDocument(parameters.TextDocument, cancellation, (analysis, document) =>
            CompletionProvider.Complete(analysis, document, parameters.Position, _workspace.Options.Features.Names));

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

    /// <summary>Quick fixes for the diagnostics in the range. Computed from the current analysis and offered only if
    /// the document is still the text analysed and the client sent the same diagnostic: an edit never lands on a
    /// text it was not computed for.</summary>
    public Task<List<CodeAction>?> CodeActions(CodeActionParams parameters, CancellationToken cancellation) =>
        Run(async () =>
        {
            if (parameters?.TextDocument?.Uri is not { } uri || parameters.Range is not { Start: not null, End: not null } range)
                return new List<CodeAction>();
            var analysis = await _workspace.AnalysisForAsync(uri, cancellation).ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
            var document = analysis.ByUri(uri) ?? analysis.ByPath(DocumentUris.ToPath(uri));
            if (document == null || _workspace.TextOf(uri) != document.Text) return new List<CodeAction>();
            return (List<CodeAction>?)CodeActionProvider.QuickFixes(analysis, document, range, parameters.Context);
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
        catch (RpcException)
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
            throw new RpcException(RpcErrorCodes.InternalError, "internal error in the WIT language server: " + e.GetType().Name + ": " + e.Message);
        }
    }

    private static RpcException Refuse(string? message) =>
        new(LspErrorCodes.RequestFailed, message ?? "the request cannot be carried out here");

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
