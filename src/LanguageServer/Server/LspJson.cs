using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using WitTools.LanguageServer.Protocol;

namespace WitTools.LanguageServer.Server;

/// <summary>How protocol records are read and written: camelCase names, any case accepted when reading, null
/// members left out. The metadata is source-generated (no reflection: the server runs under NativeAOT).</summary>
public static class LspJson
{
    public static JsonSerializerOptions Options => LspJsonContext.Default.Options;
}

/// <summary>Every protocol record the server reads (parameters) or writes (results, notifications).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(TextDocumentPositionParams))]
[JsonSerializable(typeof(ReferenceParams))]
[JsonSerializable(typeof(RenameParams))]
[JsonSerializable(typeof(DocumentSymbolParams))]
[JsonSerializable(typeof(WorkspaceSymbolParams))]
[JsonSerializable(typeof(FoldingRangeParams))]
[JsonSerializable(typeof(SemanticTokensParams))]
[JsonSerializable(typeof(SemanticTokensRangeParams))]
[JsonSerializable(typeof(CompletionParams))]
[JsonSerializable(typeof(DocumentFormattingParams))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(Location))]
[JsonSerializable(typeof(List<Location>))]
[JsonSerializable(typeof(PrepareRenameResult))]
[JsonSerializable(typeof(WorkspaceEdit))]
[JsonSerializable(typeof(List<DocumentSymbol>))]
[JsonSerializable(typeof(List<SymbolInformation>))]
[JsonSerializable(typeof(List<FoldingRange>))]
[JsonSerializable(typeof(SemanticTokens))]
[JsonSerializable(typeof(CompletionList))]
[JsonSerializable(typeof(List<TextEdit>))]
[JsonSerializable(typeof(List<CodeAction>))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
public sealed partial class LspJsonContext : JsonSerializerContext
{
}
