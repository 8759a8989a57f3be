using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Text;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Symbols;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Features;

/// <summary>
/// Semantic tokens: every token of the file classified by what it is (keyword, built-in type, comment,
/// number, attribute) and every name by what it names (interface, world, record, resource, function, field,
/// case, parameter, package), with the <c>declaration</c> modifier where it is defined, <c>deprecated</c> for
/// <c>@deprecated</c> items and <c>documentation</c> for doc comments.
/// </summary>
public static class SemanticTokensProvider
{
    public static readonly IReadOnlyList<string> TokenTypes = new[]
    {
        "namespace", "interface", "struct", "enum", "class", "type", "parameter", "property", "enumMember",
        "function", "method", "keyword", "comment", "string", "number", "operator", "decorator", "variable",
    };

    public static readonly IReadOnlyList<string> TokenModifiers = new[] { "declaration", "deprecated", "documentation", "defaultLibrary" };

    private enum T { Namespace, Interface, Struct, Enum, Class, Type, Parameter, Property, EnumMember, Function, Method, Keyword, Comment, String, Number, Operator, Decorator, Variable }

    private const int Declaration = 1, Deprecated = 2, Documentation = 4, DefaultLibrary = 8;

    public static SemanticTokens Tokens(RootAnalysis analysis, WitDocument document, Protocol.Range? range = null)
    {
        var names = new Dictionary<int, (T Type, int Modifiers)>();
        foreach (var symbol in analysis.Symbols.SymbolsIn(document))
        {
            if (symbol.NameSpan.IsKnown) names[symbol.NameSpan.Start] = (TypeOf(symbol), Declaration | (symbol.IsDeprecated ? Deprecated : 0));
        }
        foreach (var reference in analysis.Symbols.ReferencesIn(document))
        {
            if (reference.Definition is not { } target) continue;
            names[reference.Span.Start] = (TypeOf(target), target.IsDeprecated ? Deprecated : 0);
            if (target.Kind == WitSymbolKind.Package)
            {
                // `ns:name` is one reference: colour the name after the colon too.
                int colon = document.Text.IndexOf(':', document.ToIndex(reference.Span.Start));
                if (colon >= 0) names[document.ToGlobalFromIndex(colon + 1)] = (T.Namespace, 0);
            }
        }

        int firstLine = range?.Start.Line ?? 0;
        int lastLine = range?.End.Line ?? int.MaxValue;
        var data = new List<int>();
        int previousLine = 0, previousChar = 0;
        void Emit(int line, int character, int length, T type, int modifiers)
        {
            if (length <= 0 || line < firstLine || line > lastLine) return;
            data.Add(line - previousLine);
            data.Add(line == previousLine ? character - previousChar : character);
            data.Add(length);
            data.Add((int)type);
            data.Add(modifiers);
            previousLine = line;
            previousChar = character;
        }

        var lexer = new Lexer(document.Source, new DiagnosticBag());
        var previous = TokenKind.EndOfFile;
        for (int guard = 0; guard <= document.Text.Length + 1; guard++)
        {
            var token = lexer.NextRaw();
            if (token.Kind == TokenKind.EndOfFile) break;
            if (token.Kind == TokenKind.Whitespace) continue;
            var (start, end) = SourcePositions.ToIndexes(document.Source, token.Span);
            (T Type, int Modifiers)? kind = token.Kind switch
            {
                TokenKind.Comment => (T.Comment, IsDocComment(document.Text, start) ? Documentation : 0),
                TokenKind.StringLiteral => (T.String, 0),
                TokenKind.Integer => (T.Number, 0),
                TokenKind.RArrow => (T.Operator, 0),
                TokenKind.At => (T.Decorator, 0),
                TokenKind.Id or TokenKind.ExplicitId => names.TryGetValue(token.Start, out var named) ? named
                    : previous == TokenKind.At ? (T.Decorator, 0) : null,
                _ when IsBuiltinType(token.Kind) => (T.Type, DefaultLibrary),
                _ when token.Kind.IsKeyword() => (T.Keyword, 0),
                _ => null,
            };
            if (token.Kind != TokenKind.Comment) previous = token.Kind;
            if (kind is not { } k) continue;
            // Tokens cannot span lines: a block comment is sent line by line.
            var startPosition = document.Lines.ToPosition(start);
            var endPosition = document.Lines.ToPosition(end);
            for (int line = startPosition.Line; line <= endPosition.Line; line++)
            {
                int from = line == startPosition.Line ? startPosition.Character : 0;
                int to = line == endPosition.Line ? endPosition.Character : document.Lines.LineContentEnd(line) - document.Lines.LineStart(line);
                Emit(line, from, to - from, k.Type, k.Modifiers);
            }
        }
        return new SemanticTokens(data);
    }

    private static bool IsDocComment(string text, int start) =>
        string.CompareOrdinal(text, start, "///", 0, 3) == 0 || string.CompareOrdinal(text, start, "/**", 0, 3) == 0;

    private static bool IsBuiltinType(TokenKind kind) => kind is TokenKind.U8 or TokenKind.U16 or TokenKind.U32 or TokenKind.U64
        or TokenKind.S8 or TokenKind.S16 or TokenKind.S32 or TokenKind.S64 or TokenKind.F32 or TokenKind.F64 or TokenKind.Char
        or TokenKind.Bool or TokenKind.String or TokenKind.ErrorContext;

    private static T TypeOf(WitSymbol symbol) => symbol.Kind switch
    {
        WitSymbolKind.Package => T.Namespace,
        WitSymbolKind.Interface => T.Interface,
        WitSymbolKind.World => T.Namespace,
        WitSymbolKind.Resource => T.Class,
        WitSymbolKind.Record => T.Struct,
        WitSymbolKind.Variant or WitSymbolKind.Enum or WitSymbolKind.Flags => T.Enum,
        WitSymbolKind.TypeAlias => T.Type,
        WitSymbolKind.Function or WitSymbolKind.StaticFunction => T.Function,
        WitSymbolKind.Method or WitSymbolKind.Constructor => T.Method,
        WitSymbolKind.Field => T.Property,
        WitSymbolKind.VariantCase or WitSymbolKind.EnumCase or WitSymbolKind.Flag => T.EnumMember,
        WitSymbolKind.Parameter => T.Parameter,
        WitSymbolKind.Import or WitSymbolKind.Export => symbol.Function != null ? T.Function : T.Interface,
        WitSymbolKind.Use or WitSymbolKind.IncludeAlias => symbol.Definition is { Kind: not (WitSymbolKind.Use or WitSymbolKind.IncludeAlias) } target
            ? TypeOf(target) : T.Type,
        _ => T.Variable,
    };
}
