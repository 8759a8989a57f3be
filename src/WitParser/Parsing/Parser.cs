using System;
using System.Collections.Generic;
using System.Globalization;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Parsing;

/// <summary>
/// Recursive-descent parser for one WIT file. It follows wit-parser's grammar decisions token for token, so the
/// first diagnostic is the error wit-parser reports; after an error it recovers (missing tokens are assumed,
/// junk is skipped up to the next `;`, `}` or item keyword) and keeps going, so every syntax error of the file
/// is reported. It never throws, and recursion is bounded (type and package nesting limits, like wit-parser's).
/// </summary>
public sealed partial class Parser
{
    /// <summary>wit-parser's limit on `list&lt;list&lt;...&gt;&gt;`-style nesting.</summary>
    public const int MaxTypeDepth = 100;

    /// <summary>wit-parser's limit on nested `package x:y { ... }` blocks.</summary>
    public const int MaxPackageDepth = 100;

    private readonly SourceFile _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly Lexer _lexer;
    // The current token, and a lookahead window of the tokens after it (the parser never looks more than a few
    // tokens ahead, and keeping all tokens of a large file would cost more than lexing them).
    private Token _current;
    private readonly Token[] _window = new Token[WindowSize];
    private int _windowStart;
    private int _windowCount;
    private const int WindowSize = 8;

    /// <summary>Number of tokens consumed so far (used to detect lack of progress).</summary>
    private int _pos;
    private int _prevEnd;
    private int _lastErrorStart = -1;
    private int _errorsSeen;

    // Children of the nodes being built, as a stack: a list parser pushes its items and pops them into an
    // exact-size array (nested lists push above their parent's items).
    private readonly List<object> _stack = new();

    private T[] PopArray<T>(int mark) where T : class
    {
        int count = _stack.Count - mark;
        if (count == 0) return Array.Empty<T>();
        var items = new T[count];
        for (int i = 0; i < count; i++) items[i] = (T)_stack[mark + i];
        _stack.RemoveRange(mark, count);
        return items;
    }

    // Item parsers for lists, created once per parser rather than per list.
    // Names seen before on this thread are reused across files (strings are immutable; a cache of 1024 slots is
    // worth keeping: a load parses many small files).
    [ThreadStatic] private static NameCache? t_names;
    private readonly NameCache _names = t_names ?? new NameCache();
    private readonly Func<Docs, ParamSyntax> _parseParam;
    private readonly Func<Docs, IncludeNameSyntax> _parseIncludeName;
    private readonly Func<Docs, FlagSyntax> _parseFlag;
    private readonly Func<Docs, FieldSyntax> _parseField;
    private readonly Func<Docs, VariantCaseSyntax> _parseVariantCase;
    private readonly Func<Docs, EnumCaseSyntax> _parseEnumCase;
    private readonly Func<Docs, IInterfaceItemSyntax?> _parseInterfaceItem;
    private readonly Func<Docs, IWorldItemSyntax?> _parseWorldItem;

    private Parser(SourceFile file, DiagnosticBag diagnostics)
    {
        _parseParam = ParseParam;
        _parseIncludeName = ParseIncludeName;
        _parseFlag = ParseFlag;
        _parseField = ParseField;
        _parseVariantCase = ParseVariantCase;
        _parseEnumCase = ParseEnumCase;
        _parseInterfaceItem = ParseInterfaceItem;
        _parseWorldItem = ParseWorldItem;
        _file = file;
        _diagnostics = diagnostics;
        _lexer = new Lexer(file, diagnostics);
        _prevEnd = file.Offset;
        _current = _lexer.Next();
    }

    /// <summary>Parses one file. Never throws; problems are added to <paramref name="diagnostics"/>.</summary>
    public static SyntaxTree Parse(SourceFile file, DiagnosticBag diagnostics)
    {
        var parser = new Parser(file, diagnostics);
        t_names = null;
        try
        {
            return parser.ParseFile();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Defensive: a parser bug must not escape as an exception.
            diagnostics.Error("internal parser error: " + e.Message, new Span(file.Offset, file.Offset));
            return new SyntaxTree(new Span(file.Offset, file.End), file, null, Array.Empty<DeclItemSyntax>());
        }
        finally
        {
            t_names = parser._names;
        }
    }

    /// <summary>
    /// Parses a standalone path such as a world selector (`w`, `ns:pkg/w`, `ns:pkg/w@1.0.0`), like wit-parser's
    /// `parse_use_path`. Returns null with the (location-free) message of the first problem on failure.
    /// </summary>
    public static UsePathSyntax? ParseUsePath(string text, out string? error)
    {
        var map = new SourceMap();
        var file = map.Add("<path>", text ?? string.Empty);
        var diagnostics = new DiagnosticBag();
        var parser = new Parser(file, diagnostics);
        try
        {
            var path = parser.ParseUsePath();
            if (diagnostics.Items.Count == 0 && !parser.AtEof)
            {
                error = "trailing tokens in path specifier";
                return null;
            }
            if (diagnostics.Items.Count > 0)
            {
                error = diagnostics.Items[0].Message;
                return null;
            }
            error = null;
            return path;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = "internal parser error: " + e.Message;
            return null;
        }
    }

    // ---------------------------------------------------------------- tokens

    private Token Current => _current;

    private Token Peek(int ahead)
    {
        if (ahead == 0) return _current;
        while (_windowCount < ahead)
        {
            // After end of file the lexer keeps returning EndOfFile tokens.
            _window[(_windowStart + _windowCount) & (WindowSize - 1)] = _lexer.Next();
            _windowCount++;
        }
        return _window[(_windowStart + ahead - 1) & (WindowSize - 1)];
    }

    private bool At(TokenKind kind) => _current.Kind == kind;

    private bool AtEof => _current.Kind == TokenKind.EndOfFile;

    private Token Advance()
    {
        var token = _current;
        if (token.Kind != TokenKind.EndOfFile)
        {
            _pos++;
            _prevEnd = token.End;
            if (_windowCount > 0)
            {
                _current = _window[_windowStart];
                _windowStart = (_windowStart + 1) & (WindowSize - 1);
                _windowCount--;
            }
            else
            {
                _current = _lexer.Next();
            }
        }
        return token;
    }

    private bool Eat(TokenKind kind)
    {
        if (_current.Kind != kind) return false;
        Advance();
        return true;
    }

    /// <summary>Consumes a token of <paramref name="kind"/>, or reports wit-parser's "expected X, found Y" (a
    /// one-character span at the found token) and returns an empty span there without consuming anything.</summary>
    private Span Expect(TokenKind kind)
    {
        var token = Current;
        if (token.Kind == kind)
        {
            Advance();
            return token.Span;
        }
        Report($"expected {kind.Describe()}, found {token.Kind.Describe()}", new Span(token.Start, token.Start + 1));
        return new Span(token.Start, token.Start);
    }

    /// <summary>wit-parser's `err_expected`: the span is the whole found token (empty at end of file).</summary>
    private void ErrExpected(string expected, string? help = null, WitSuggestion? suggestion = null)
    {
        var token = Current;
        Report($"expected {expected}, found {token.Kind.Describe()}", token.Span, help, suggestion);
    }

    private void Report(string message, Span span, string? help = null, WitSuggestion? suggestion = null)
    {
        _errorsSeen++;
        // One error per position: a second one there is a consequence of the first.
        if (span.Start == _lastErrorStart) return;
        _lastErrorStart = span.Start;
        _diagnostics.Add(new WitDiagnostic(message, span) { Help = help, Suggestion = suggestion });
    }

    /// <summary>
    /// At the start of an item, an identifier followed by another (`enm algorithm {`) that is one clear misspelling
    /// (<see cref="NameSuggestion"/>) of a keyword of <paramref name="itemStarts"/> (the item-start table of the
    /// context, spelled by <see cref="TokenKindExtensions.KeywordText"/>): that keyword, or null. The caller reports the
    /// error wit-parser reports there, with help naming the keyword, and parses the item as that keyword's.
    /// </summary>
    private TokenKind? MisspelledKeyword(ulong itemStarts)
    {
        var token = Current;
        if (token.Kind != TokenKind.Id) return null;
        var next = Peek(1).Kind;
        if (next != TokenKind.Id && next != TokenKind.ExplicitId) return null;
        var keywords = new Dictionary<string, TokenKind>();
        foreach (TokenKind kind in Enum.GetValues(typeof(TokenKind)))
        {
            if (In(itemStarts, kind) && kind.KeywordText() is { } text) keywords[text] = kind;
        }
        var nearest = NameSuggestion.Nearest(_lexer.GetText(token.Start, token.End), keywords.Keys);
        return nearest == null ? null : keywords[nearest];
    }

    /// <summary>The error just reported is repaired (the item is parsed as meant): it does not make the enclosing list
    /// skip ahead after the item, as other errors do.</summary>
    private void Repaired() => _errorsSeen--;

    /// <summary>The help for a misspelled item keyword: the item's start as it was probably meant.</summary>
    private string KeywordHelp(TokenKind meant) =>
        NameSuggestion.Help(meant.KeywordText() + " " + _lexer.GetText(Peek(1).Start, Peek(1).End));

    /// <summary>The fix for a misspelled item keyword (the current token): the keyword meant, over that token alone.</summary>
    private WitSuggestion KeywordSuggestion(TokenKind meant) => new(meant.KeywordText()!, Current.Span);

    private Span SpanFrom(int start) => new(start, Math.Max(start, _prevEnd));

    // ---------------------------------------------------------------- recovery

    private static ulong Set(params TokenKind[] kinds)
    {
        ulong set = 0;
        foreach (var kind in kinds) set |= 1UL << (int)kind;
        return set;
    }

    private static bool In(ulong set, TokenKind kind) => (set & (1UL << (int)kind)) != 0;

    private static readonly ulong OuterItemStarts = Set(TokenKind.Interface, TokenKind.World, TokenKind.Package);

    private static readonly ulong DeclItemStarts = Set(TokenKind.Interface, TokenKind.World, TokenKind.Package, TokenKind.Use, TokenKind.At);

    private static readonly ulong InterfaceItemStarts = OuterItemStarts | Set(TokenKind.Type, TokenKind.Flags, TokenKind.Enum,
        TokenKind.Variant, TokenKind.Resource, TokenKind.Record, TokenKind.Use, TokenKind.At);

    private static readonly ulong WorldItemStarts = OuterItemStarts | Set(TokenKind.Import, TokenKind.Export, TokenKind.Use,
        TokenKind.Type, TokenKind.Flags, TokenKind.Resource, TokenKind.Record, TokenKind.Variant, TokenKind.Enum,
        TokenKind.Include, TokenKind.At);

    private static readonly ulong ResourceItemStarts = OuterItemStarts | Set(TokenKind.Constructor, TokenKind.At);

    // Tokens that end or separate constructs: never swallowed as "junk" by a failed type or name.
    private static readonly ulong Terminators = Set(TokenKind.EndOfFile, TokenKind.Semicolon, TokenKind.Comma,
        TokenKind.GreaterThan, TokenKind.RightParen, TokenKind.RightBrace, TokenKind.LeftBrace, TokenKind.LeftParen,
        TokenKind.RArrow, TokenKind.Equals, TokenKind.Colon) | InterfaceItemStarts | WorldItemStarts;

    /// <summary>Skips tokens until one in <paramref name="stops"/> at nesting depth 0 (not consumed), an unmatched
    /// closing brace/paren, or end of file. With <paramref name="stopAtNamedItem"/>, also stops before
    /// `name:` (the start of a function).</summary>
    private void SkipUntil(ulong stops, bool stopAtNamedItem = false)
    {
        int depth = 0;
        while (true)
        {
            var kind = Current.Kind;
            if (kind == TokenKind.EndOfFile) return;
            if (depth == 0)
            {
                if (In(stops, kind)) return;
                if (stopAtNamedItem && (kind == TokenKind.Id || kind == TokenKind.ExplicitId) && Peek(1).Kind == TokenKind.Colon) return;
            }
            if (kind == TokenKind.LeftBrace || kind == TokenKind.LeftParen) depth++;
            else if (kind == TokenKind.RightBrace || kind == TokenKind.RightParen)
            {
                if (depth == 0) return;
                depth--;
            }
            Advance();
        }
    }

    /// <summary>After a broken item: skip to its `;` (consumed) or to the next item / closing brace.</summary>
    private void RecoverItem(ulong itemStarts, bool stopAtNamedItem = false)
    {
        SkipUntil(itemStarts | Set(TokenKind.Semicolon, TokenKind.RightBrace), stopAtNamedItem);
        Eat(TokenKind.Semicolon);
    }

    // ---------------------------------------------------------------- docs

    private Docs ParseDocs()
    {
        var token = Current;
        return token.CommentCount == 0 ? Docs.None : new Docs(_lexer.CommentTable, token.FirstComment, token.CommentCount);
    }

}
