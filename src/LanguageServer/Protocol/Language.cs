using System.Collections.Generic;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Protocol;

public sealed record Hover(MarkupContent Contents, Range? Range);

public sealed record ReferenceContext(bool IncludeDeclaration);

public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context);

public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

public sealed record PrepareRenameResult(Range Range, string Placeholder);

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

/// <summary>LSP's SymbolKind numbers.</summary>
public static class SymbolKindNumbers
{
    public const int File = 1;
    public const int Module = 2;
    public const int Namespace = 3;
    public const int Package = 4;
    public const int Class = 5;
    public const int Method = 6;
    public const int Property = 7;
    public const int Field = 8;
    public const int Constructor = 9;
    public const int Enum = 10;
    public const int Interface = 11;
    public const int Function = 12;
    public const int Variable = 13;
    public const int Constant = 14;
    public const int Struct = 23;
    public const int EnumMember = 22;
    public const int TypeParameter = 26;
}

public sealed record DocumentSymbol(
    string Name,
    string? Detail,
    int Kind,
    IReadOnlyList<int>? Tags,
    Range Range,
    Range SelectionRange,
    IReadOnlyList<DocumentSymbol>? Children);

public sealed record WorkspaceSymbolParams(string Query);

public sealed record SymbolInformation(string Name, int Kind, IReadOnlyList<int>? Tags, Location Location, string? ContainerName);

public sealed record FoldingRangeParams(TextDocumentIdentifier TextDocument);

public sealed record FoldingRange(int StartLine, int EndLine, string? Kind);

public sealed record SemanticTokensParams(TextDocumentIdentifier TextDocument);

public sealed record SemanticTokensRangeParams(TextDocumentIdentifier TextDocument, Range Range);

public sealed record SemanticTokens(IReadOnlyList<int> Data);

public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position);

public static class CompletionItemKindNumbers
{
    public const int Method = 2;
    public const int Function = 3;
    public const int Field = 5;
    public const int Variable = 6;
    public const int Class = 7;
    public const int Interface = 8;
    public const int Module = 9;
    public const int Property = 10;
    public const int Enum = 13;
    public const int Keyword = 14;
    public const int Snippet = 15;
    public const int Struct = 22;
    public const int TypeParameter = 25;
}

public sealed record CompletionItem(string Label, int Kind, string? Detail, string? SortText = null, string? InsertText = null);

public sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);

public sealed record FormattingOptions(int TabSize, bool InsertSpaces);

public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions? Options);

/// <summary><c>textDocument/codeAction</c>'s parameters: the document, the range asked about, and the client's
/// diagnostics there (which the server checks against its own, so a stale request gets no edit).</summary>
public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext? Context);

public sealed record CodeActionContext(IReadOnlyList<ClientDiagnostic?>? Diagnostics, IReadOnlyList<string>? Only);

/// <summary>What the server reads of a diagnostic a client sends back: where it is and what it says (a client's
/// other fields, whatever their shape, are ignored).</summary>
public sealed record ClientDiagnostic(Range? Range, string? Message);

public static class CodeActionKinds
{
    public const string QuickFix = "quickfix";
}

public sealed record CodeActionOptions(IReadOnlyList<string> CodeActionKinds);

public sealed record CodeAction(string Title, string Kind, IReadOnlyList<Diagnostic> Diagnostics, bool IsPreferred, WorkspaceEdit Edit);
