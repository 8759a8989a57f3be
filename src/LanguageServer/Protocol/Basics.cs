using System.Collections.Generic;
using System.Text.Json.Serialization;

// The subset of LSP 3.17's types this server uses, as plain records serialized by System.Text.Json
// (camelCase names, nulls omitted; see Server/LspJson). Field names follow the specification.
using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Protocol;

/// <summary>Zero-based line and UTF-16 code-unit character (the LSP default position encoding).</summary>
public sealed record Position(int Line, int Character);

public sealed record Range(Position Start, Position End);

public sealed record Location(string Uri, Range Range);

public sealed record TextDocumentIdentifier(string Uri);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public sealed record TextEdit(Range Range, string NewText);

public sealed record WorkspaceEdit(Dictionary<string, List<TextEdit>> Changes);

public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record MarkupContent(string Kind, string Value)
{
    public static MarkupContent Markdown(string value) => new("markdown", value);
}

public static class LspErrorCodes
{
    /// <summary>LSP's RequestFailed: a request that was valid but could not be carried out.</summary>
    public const int RequestFailed = -32803;
}
