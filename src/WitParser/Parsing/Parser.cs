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
    // Lookahead window over the lexer (the parser never looks more than a few tokens ahead, and keeping all
    // tokens of a large file would cost more than lexing them).
    private readonly Token[] _window = new Token[WindowSize];
    private int _windowStart;
    private int _windowCount;
    private const int WindowSize = 8;

    /// <summary>Number of tokens consumed so far (used to detect lack of progress).</summary>
    private int _pos;
    private int _prevEnd;
    private int _lastErrorStart = -1;
    private int _errorsSeen;

    // Item parsers for lists, created once per parser rather than per list.
    private readonly NameCache _names = new();
    private readonly Func<Docs, ParamSyntax> _parseParam;
    private readonly Func<Docs, IncludeNameSyntax> _parseIncludeName;
    private readonly Func<Docs, FlagSyntax> _parseFlag;
    private readonly Func<Docs, FieldSyntax> _parseField;
    private readonly Func<Docs, VariantCaseSyntax> _parseVariantCase;
    private readonly Func<Docs, EnumCaseSyntax> _parseEnumCase;

    private Parser(SourceFile file, DiagnosticBag diagnostics)
    {
        _parseParam = ParseParam;
        _parseIncludeName = ParseIncludeName;
        _parseFlag = ParseFlag;
        _parseField = ParseField;
        _parseVariantCase = ParseVariantCase;
        _parseEnumCase = ParseEnumCase;
        _file = file;
        _diagnostics = diagnostics;
        _lexer = new Lexer(file, diagnostics);
        _prevEnd = file.Offset;
    }

    /// <summary>Parses one file. Never throws; problems are added to <paramref name="diagnostics"/>.</summary>
    public static SyntaxTree Parse(SourceFile file, DiagnosticBag diagnostics)
    {
        var parser = new Parser(file, diagnostics);
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

    private Token Current => Peek(0);

    private Token Peek(int ahead)
    {
        while (_windowCount <= ahead)
        {
            // After end of file the lexer keeps returning EndOfFile tokens.
            _window[(_windowStart + _windowCount) & (WindowSize - 1)] = _lexer.Next();
            _windowCount++;
        }
        return _window[(_windowStart + ahead) & (WindowSize - 1)];
    }

    private bool At(TokenKind kind) => Current.Kind == kind;

    private bool AtEof => Current.Kind == TokenKind.EndOfFile;

    private Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfFile)
        {
            _pos++;
            _prevEnd = token.End;
            _windowStart = (_windowStart + 1) & (WindowSize - 1);
            _windowCount--;
        }
        return token;
    }

    private bool Eat(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
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
    private void ErrExpected(string expected)
    {
        var token = Current;
        Report($"expected {expected}, found {token.Kind.Describe()}", token.Span);
    }

    private void Report(string message, Span span)
    {
        _errorsSeen++;
        // One error per position: a second one there is a consequence of the first.
        if (span.Start == _lastErrorStart) return;
        _lastErrorStart = span.Start;
        _diagnostics.Add(new WitDiagnostic(message, span));
    }

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
        if (token.CommentCount == 0) return Docs.None;
        var comments = new string[token.CommentCount];
        int start = -1, end = -1;
        for (int i = 0; i < token.CommentCount; i++)
        {
            var span = _lexer.Comments[token.FirstComment + i];
            string text = _lexer.GetText(span.Start, span.End);
            comments[i] = text;
            if (start < 0) start = span.Start;
            int trailing = 0;
            while (trailing < text.Length && IsAsciiWhitespace(text[text.Length - 1 - trailing])) trailing++;
            end = span.End - trailing;
        }
        return new Docs(comments, new Span(start, end));
    }

    private static bool IsAsciiWhitespace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';

    // ---------------------------------------------------------------- file and packages

    private SyntaxTree ParseFile()
    {
        var items = new List<DeclItemSyntax>();
        PackageNameSyntax? header = null;
        var docs = ParseDocs();
        if (At(TokenKind.Package))
        {
            // `package a:b;` is the file's header; `package a:b { ... }` is a nested package (an item).
            int start = Current.Start;
            var packageSpan = Advance().Span;
            var name = ParsePackageName(docs);
            if (Eat(TokenKind.Semicolon))
            {
                header = name;
            }
            else if (At(TokenKind.LeftBrace))
            {
                items.Add(ParseNestedPackageBody(start, packageSpan, name, Array.Empty<AttributeSyntax>(), 0));
            }
            else
            {
                // wit-parser reparses this as a nested package and wants '{'; recover as a header missing ';'.
                Expect(TokenKind.LeftBrace);
                header = name;
            }
        }
        ParseDeclList(items, null, 0);
        return new SyntaxTree(new Span(_file.Offset, _file.End), _file, header, items);
    }

    private PackageNameSyntax ParsePackageName(Docs docs)
    {
        var ns = ParseId();
        Expect(TokenKind.Colon);
        var name = ParseId();
        var (version, versionSpan) = ParseOptVersion();
        int end = version != null || versionSpan.IsKnown ? versionSpan.End : name.Span.End;
        return new PackageNameSyntax(new Span(ns.Span.Start, Math.Max(ns.Span.Start, end)), docs, ns, name, version, versionSpan);
    }

    /// <summary>Items until <paramref name="end"/> (consumed) or end of file when it is null.</summary>
    private void ParseDeclList(List<DeclItemSyntax> items, TokenKind? end, int depth)
    {
        while (true)
        {
            var docs = ParseDocs();
            if (end.HasValue && Eat(end.Value)) return;
            if (AtEof)
            {
                // Inside a nested package the '}' is missing: wit-parser tries to parse one more item.
                if (end.HasValue) ErrExpected("`world`, `interface` or `use`");
                return;
            }
            int startPos = _pos;
            int errors = _errorsSeen;
            var item = ParseDeclItem(docs, depth);
            if (item != null) items.Add(item);
            if (_errorsSeen != errors) RecoverItem(DeclItemStarts);
            if (_pos == startPos) Advance();
        }
    }

    private DeclItemSyntax? ParseDeclItem(Docs docs, int depth)
    {
        int start = Current.Start;
        var attributes = ParseAttributes();
        switch (Current.Kind)
        {
            case TokenKind.Interface:
                return ParseInterface(start, docs, attributes);
            case TokenKind.World:
                return ParseWorld(start, docs, attributes);
            case TokenKind.Use:
                return ParseToplevelUse(start, attributes);
            case TokenKind.Package:
                return ParseNestedPackage(start, docs, attributes, depth);
            default:
                ErrExpected("`world`, `interface` or `use`");
                return null;
        }
    }

    private DeclItemSyntax? ParseNestedPackage(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes, int depth)
    {
        var packageSpan = Advance().Span;
        if (attributes.Count > 0) Report("cannot place attributes on nested packages", packageSpan);
        if (depth >= MaxPackageDepth)
        {
            Report("package nesting too deep", packageSpan);
            SkipNestedBlock();
            return null;
        }
        var name = ParsePackageName(docs);
        return ParseNestedPackageBody(start, packageSpan, name, attributes, depth);
    }

    private NestedPackageSyntax ParseNestedPackageBody(int start, Span packageSpan, PackageNameSyntax name,
        IReadOnlyList<AttributeSyntax> attributes, int depth)
    {
        _ = packageSpan;
        var items = new List<DeclItemSyntax>();
        if (Eat(TokenKind.LeftBrace))
        {
            ParseDeclList(items, TokenKind.RightBrace, depth + 1);
        }
        else
        {
            Expect(TokenKind.LeftBrace);
            // `package a:b;` after the header: nothing more to take for this package.
            if (!Eat(TokenKind.Semicolon) && !AtEof) ParseDeclList(items, TokenKind.RightBrace, depth + 1);
        }
        return new NestedPackageSyntax(SpanFrom(start), name, attributes, items);
    }

    // Skips a too-deeply nested package without recursing: up to its '{', then to the matching '}'.
    private void SkipNestedBlock()
    {
        while (!AtEof && !At(TokenKind.LeftBrace) && !At(TokenKind.RightBrace) && !At(TokenKind.Semicolon)) Advance();
        if (!At(TokenKind.LeftBrace))
        {
            Eat(TokenKind.Semicolon);
            return;
        }
        int depth = 0;
        while (!AtEof)
        {
            var kind = Advance().Kind;
            if (kind == TokenKind.LeftBrace) depth++;
            else if (kind == TokenKind.RightBrace && --depth == 0) return;
        }
    }

    private ToplevelUseSyntax ParseToplevelUse(int start, IReadOnlyList<AttributeSyntax> attributes)
    {
        var useSpan = Advance().Span;
        var path = ParseUsePath();
        Identifier? alias = null;
        if (Eat(TokenKind.As)) alias = ParseId();
        Expect(TokenKind.Semicolon);
        return new ToplevelUseSyntax(SpanFrom(start), useSpan, attributes, path, alias);
    }

    // ---------------------------------------------------------------- interfaces

    private InterfaceSyntax ParseInterface(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var name = ParseId();
        var items = ParseInterfaceItems();
        return new InterfaceSyntax(SpanFrom(start), docs, attributes, name, items);
    }

    private IReadOnlyList<IInterfaceItemSyntax> ParseInterfaceItems()
    {
        if (!ExpectBodyStart()) return Array.Empty<IInterfaceItemSyntax>();
        var items = ScratchList<IInterfaceItemSyntax>.Rent();
        while (true)
        {
            var docs = ParseDocs();
            if (Eat(TokenKind.RightBrace)) break;
            if (AtEof || In(OuterItemStarts, Current.Kind))
            {
                // Missing '}': report what wit-parser reports here and let the enclosing list continue.
                ErrExpected("`type`, `resource` or `func`");
                break;
            }
            int startPos = _pos;
            int errors = _errorsSeen;
            var item = ParseInterfaceItem(docs);
            if (item != null) items.Add(item);
            if (_errorsSeen != errors) RecoverItem(InterfaceItemStarts, stopAtNamedItem: true);
            if (_pos == startPos && !AtEof && !At(TokenKind.RightBrace)) Advance();
        }
        return ScratchList<IInterfaceItemSyntax>.ToArrayAndReturn(items);
    }

    /// <summary>Expects '{'. When it is missing, parsing of the body still goes on if the next token plausibly
    /// starts one; returns false when there is no body to parse at all.</summary>
    private bool ExpectBodyStart()
    {
        if (Eat(TokenKind.LeftBrace)) return true;
        Expect(TokenKind.LeftBrace);
        // One stray token before the brace (`interface a b {`): skip it.
        if (Peek(1).Kind == TokenKind.LeftBrace && !In(Terminators, Current.Kind))
        {
            Advance();
            Advance();
            return true;
        }
        return !AtEof && !At(TokenKind.Semicolon) && !In(OuterItemStarts, Current.Kind);
    }

    private IInterfaceItemSyntax? ParseInterfaceItem(Docs docs)
    {
        int start = Current.Start;
        var attributes = ParseAttributes();
        switch (Current.Kind)
        {
            case TokenKind.Type:
                return ParseTypeAlias(start, docs, attributes);
            case TokenKind.Flags:
                return ParseFlags(start, docs, attributes);
            case TokenKind.Enum:
                return ParseEnum(start, docs, attributes);
            case TokenKind.Variant:
                return ParseVariant(start, docs, attributes);
            case TokenKind.Resource:
                return ParseResource(start, docs, attributes);
            case TokenKind.Record:
                return ParseRecord(start, docs, attributes);
            case TokenKind.Id:
            case TokenKind.ExplicitId:
                return ParseNamedFunc(start, docs, attributes);
            case TokenKind.Use:
                return ParseUse(start, attributes);
            default:
                ErrExpected("`type`, `resource` or `func`");
                return null;
        }
    }

    private NamedFuncSyntax ParseNamedFunc(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes)
    {
        var name = ParseId();
        if (!ExpectColonBeforeFunc())
        {
            return new NamedFuncSyntax(SpanFrom(start), docs, attributes, name, MissingFunc());
        }
        var func = ParseFunc();
        Expect(TokenKind.Semicolon);
        return new NamedFuncSyntax(SpanFrom(start), docs, attributes, name, func);
    }

    /// <summary>The ':' after a function name. Without it, the item is only worth continuing if a function
    /// signature follows; otherwise the caller abandons it (avoiding a cascade of errors).</summary>
    private bool ExpectColonBeforeFunc()
    {
        if (Eat(TokenKind.Colon)) return true;
        Expect(TokenKind.Colon);
        return At(TokenKind.Func) || At(TokenKind.Async) || At(TokenKind.Static);
    }

    private FuncSyntax MissingFunc() =>
        new(new Span(Current.Start, Current.Start), false, Array.Empty<ParamSyntax>(), null);

    private FuncSyntax ParseFunc()
    {
        bool isAsync = Eat(TokenKind.Async);
        var funcSpan = Expect(TokenKind.Func);
        var parameters = ParseParams();
        TypeSyntax? result = null;
        if (Eat(TokenKind.RArrow)) result = ParseType();
        return new FuncSyntax(funcSpan, isAsync, parameters, result);
    }

    private IReadOnlyList<ParamSyntax> ParseParams()
    {
        if (!At(TokenKind.LeftParen))
        {
            Expect(TokenKind.LeftParen);
            // Without '(' there is no parameter list worth guessing at.
            if (!(At(TokenKind.Id) || At(TokenKind.ExplicitId)) || Peek(1).Kind != TokenKind.Colon) return Array.Empty<ParamSyntax>();
        }
        else
        {
            Advance();
        }
        return ParseListTrailer(TokenKind.RightParen, ParamListStops, _parseParam);
    }

    private static readonly ulong ParamListStops = Set(TokenKind.RArrow, TokenKind.Semicolon, TokenKind.LeftBrace, TokenKind.RightBrace);

    private ParamSyntax ParseParam(Docs docs)
    {
        int start = Current.Start;
        var name = ParseId();
        Expect(TokenKind.Colon);
        var type = ParseType();
        return new ParamSyntax(SpanFrom(start), name, type);
    }

    private UseSyntax ParseUse(int start, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var from = ParseUsePath();
        Expect(TokenKind.Period);
        var names = ScratchList<UseNameSyntax>.Rent();
        if (!At(TokenKind.Semicolon))
        {
            bool opened = Eat(TokenKind.LeftBrace);
            if (!opened) Expect(TokenKind.LeftBrace);
            while (!Eat(TokenKind.RightBrace))
            {
                if (AtEof || At(TokenKind.Semicolon) || In(OuterItemStarts, Current.Kind))
                {
                    // Let wit-parser's message for the missing name be the one reported.
                    ParseId();
                    break;
                }
                int nameStart = Current.Start;
                int startPos = _pos;
                var name = ParseId();
                Identifier? alias = null;
                if (Eat(TokenKind.As)) alias = ParseId();
                names.Add(new UseNameSyntax(SpanFrom(nameStart), name, alias));
                if (!Eat(TokenKind.Comma))
                {
                    if (!Eat(TokenKind.RightBrace) && opened)
                    {
                        Expect(TokenKind.RightBrace);
                        SkipUntil(Set(TokenKind.RightBrace, TokenKind.Semicolon) | OuterItemStarts);
                        Eat(TokenKind.RightBrace);
                    }
                    break;
                }
                if (_pos == startPos) break;
            }
        }
        Expect(TokenKind.Semicolon);
        return new UseSyntax(SpanFrom(start), attributes, from, ScratchList<UseNameSyntax>.ToArrayAndReturn(names));
    }

    // ---------------------------------------------------------------- worlds

    private WorldSyntax ParseWorld(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var name = ParseId();
        var items = ScratchList<IWorldItemSyntax>.Rent();
        if (ExpectBodyStart())
        {
            while (true)
            {
                var itemDocs = ParseDocs();
                if (Eat(TokenKind.RightBrace)) break;
                if (AtEof || In(OuterItemStarts, Current.Kind))
                {
                    ErrExpected("`import`, `export`, `include`, `use`, or type definition");
                    break;
                }
                int startPos = _pos;
                int errors = _errorsSeen;
                var item = ParseWorldItem(itemDocs);
                if (item != null) items.Add(item);
                if (_errorsSeen != errors) RecoverItem(WorldItemStarts);
                if (_pos == startPos && !AtEof && !At(TokenKind.RightBrace)) Advance();
            }
        }
        return new WorldSyntax(SpanFrom(start), docs, attributes, name, ScratchList<IWorldItemSyntax>.ToArrayAndReturn(items));
    }

    private IWorldItemSyntax? ParseWorldItem(Docs docs)
    {
        int start = Current.Start;
        var attributes = ParseAttributes();
        switch (Current.Kind)
        {
            case TokenKind.Import:
            {
                Advance();
                var kind = ParseExternKind();
                return new ImportSyntax(SpanFrom(start), docs, attributes, kind);
            }
            case TokenKind.Export:
            {
                Advance();
                var kind = ParseExternKind();
                return new ExportSyntax(SpanFrom(start), docs, attributes, kind);
            }
            case TokenKind.Use:
                return ParseUse(start, attributes);
            case TokenKind.Type:
                return ParseTypeAlias(start, docs, attributes);
            case TokenKind.Flags:
                return ParseFlags(start, docs, attributes);
            case TokenKind.Resource:
                return ParseResource(start, docs, attributes);
            case TokenKind.Record:
                return ParseRecord(start, docs, attributes);
            case TokenKind.Variant:
                return ParseVariant(start, docs, attributes);
            case TokenKind.Enum:
                return ParseEnum(start, docs, attributes);
            case TokenKind.Include:
                return ParseInclude(start, attributes);
            default:
                ErrExpected("`import`, `export`, `include`, `use`, or type definition");
                return null;
        }
    }

    // wit-parser's ExternKind::parse: `id: [async] func`, `id: interface {}`, `label: path;`, or a plain path.
    private ExternKindSyntax ParseExternKind()
    {
        if ((At(TokenKind.Id) || At(TokenKind.ExplicitId)) && Peek(1).Kind == TokenKind.Colon)
        {
            var next = Peek(2).Kind;
            if (next == TokenKind.Func || next == TokenKind.Async)
            {
                var name = ParseId();
                Advance();
                var func = ParseFunc();
                Expect(TokenKind.Semicolon);
                return new FuncExternSyntax(name.Span, name, func);
            }
            if (next == TokenKind.Interface)
            {
                var name = ParseId();
                Advance();
                Advance();
                var items = ParseInterfaceItems();
                return new InterfaceExternSyntax(name.Span, name, items);
            }
            bool qualified = (next == TokenKind.Id || next == TokenKind.ExplicitId) && Peek(3).Kind == TokenKind.Slash;
            if (!qualified)
            {
                var name = ParseId();
                Advance();
                var target = ParseUsePath();
                Expect(TokenKind.Semicolon);
                return new NamedPathExternSyntax(name.Span, name, target);
            }
        }
        var path = ParseUsePath();
        Expect(TokenKind.Semicolon);
        return new PathExternSyntax(path.Name.Span, path);
    }

    private IncludeSyntax ParseInclude(int start, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var from = ParseUsePath();
        IReadOnlyList<IncludeNameSyntax> names;
        if (Eat(TokenKind.With))
        {
            names = ParseList(TokenKind.LeftBrace, TokenKind.RightBrace, InterfaceItemStarts, _parseIncludeName);
        }
        else
        {
            Expect(TokenKind.Semicolon);
            names = Array.Empty<IncludeNameSyntax>();
        }
        return new IncludeSyntax(SpanFrom(start), attributes, from, names);
    }

    private IncludeNameSyntax ParseIncludeName(Docs docs)
    {
        int nameStart = Current.Start;
        var name = ParseId();
        Expect(TokenKind.As);
        var alias = ParseId();
        return new IncludeNameSyntax(SpanFrom(nameStart), name, alias);
    }

    // ---------------------------------------------------------------- type definitions

    private TypeDefSyntax ParseTypeAlias(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var name = ParseId();
        Expect(TokenKind.Equals);
        var type = ParseType();
        Expect(TokenKind.Semicolon);
        return new TypeDefSyntax(SpanFrom(start), docs, attributes, name, type);
    }

    private TypeDefSyntax ParseFlags(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var name = ParseId();
        var flags = ParseList(TokenKind.LeftBrace, TokenKind.RightBrace, InterfaceItemStarts, _parseFlag);
        return new TypeDefSyntax(SpanFrom(start), docs, attributes, name, new FlagsTypeSyntax(name.Span, flags));
    }

    private TypeDefSyntax ParseRecord(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var name = ParseId();
        var fields = ParseList(TokenKind.LeftBrace, TokenKind.RightBrace, InterfaceItemStarts, _parseField);
        return new TypeDefSyntax(SpanFrom(start), docs, attributes, name, new RecordTypeSyntax(name.Span, fields));
    }

    private TypeDefSyntax ParseVariant(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var name = ParseId();
        var cases = ParseList(TokenKind.LeftBrace, TokenKind.RightBrace, InterfaceItemStarts, _parseVariantCase);
        return new TypeDefSyntax(SpanFrom(start), docs, attributes, name, new VariantTypeSyntax(name.Span, cases));
    }

    private TypeDefSyntax ParseEnum(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var name = ParseId();
        var cases = ParseList(TokenKind.LeftBrace, TokenKind.RightBrace, InterfaceItemStarts, _parseEnumCase);
        return new TypeDefSyntax(SpanFrom(start), docs, attributes, name, new EnumTypeSyntax(name.Span, cases));
    }

    private FlagSyntax ParseFlag(Docs docs)
    {
        int start = Current.Start;
        var name = ParseId();
        return new FlagSyntax(SpanFrom(start), docs, name);
    }

    private FieldSyntax ParseField(Docs docs)
    {
        int start = Current.Start;
        var name = ParseId();
        Expect(TokenKind.Colon);
        var type = ParseType();
        return new FieldSyntax(SpanFrom(start), docs, name, type);
    }

    private VariantCaseSyntax ParseVariantCase(Docs docs)
    {
        int start = Current.Start;
        var name = ParseId();
        TypeSyntax? type = null;
        if (Eat(TokenKind.LeftParen))
        {
            type = ParseType();
            Expect(TokenKind.RightParen);
        }
        return new VariantCaseSyntax(SpanFrom(start), docs, name, type);
    }

    private EnumCaseSyntax ParseEnumCase(Docs docs)
    {
        int start = Current.Start;
        var name = ParseId();
        return new EnumCaseSyntax(SpanFrom(start), docs, name);
    }

    private TypeDefSyntax ParseResource(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var name = ParseId();
        var funcs = ScratchList<ResourceFuncSyntax>.Rent();
        if (Eat(TokenKind.LeftBrace))
        {
            while (!Eat(TokenKind.RightBrace))
            {
                if (AtEof || In(OuterItemStarts, Current.Kind))
                {
                    ErrExpected("`constructor` or identifier");
                    break;
                }
                var funcDocs = ParseDocs();
                int startPos = _pos;
                int errors = _errorsSeen;
                var func = ParseResourceFunc(funcDocs);
                if (func != null) funcs.Add(func);
                if (_errorsSeen != errors) RecoverItem(ResourceItemStarts, stopAtNamedItem: true);
                if (_pos == startPos && !AtEof && !At(TokenKind.RightBrace)) Advance();
            }
        }
        else
        {
            Expect(TokenKind.Semicolon);
        }
        return new TypeDefSyntax(SpanFrom(start), docs, attributes, name, new ResourceTypeSyntax(name.Span, ScratchList<ResourceFuncSyntax>.ToArrayAndReturn(funcs)));
    }

    private ResourceFuncSyntax? ParseResourceFunc(Docs docs)
    {
        int start = Current.Start;
        var attributes = ParseAttributes();
        switch (Current.Kind)
        {
            case TokenKind.Constructor:
            {
                var span = Advance().Span;
                var parameters = ParseParams();
                TypeSyntax? result = null;
                if (Eat(TokenKind.RArrow)) result = ParseType();
                Expect(TokenKind.Semicolon);
                var func = new FuncSyntax(span, false, parameters, result);
                var named = new NamedFuncSyntax(SpanFrom(start), docs, attributes, new Identifier(span, "constructor"), func);
                return new ResourceFuncSyntax(named.Span, ResourceFuncKind.Constructor, named);
            }
            case TokenKind.Id:
            case TokenKind.ExplicitId:
            {
                var name = ParseId();
                if (!ExpectColonBeforeFunc())
                {
                    var missing = new NamedFuncSyntax(SpanFrom(start), docs, attributes, name, MissingFunc());
                    return new ResourceFuncSyntax(missing.Span, ResourceFuncKind.Method, missing);
                }
                var kind = Eat(TokenKind.Static) ? ResourceFuncKind.Static : ResourceFuncKind.Method;
                var func = ParseFunc();
                Expect(TokenKind.Semicolon);
                var named = new NamedFuncSyntax(SpanFrom(start), docs, attributes, name, func);
                return new ResourceFuncSyntax(named.Span, kind, named);
            }
            default:
                ErrExpected("`constructor` or identifier");
                return null;
        }
    }

    // ---------------------------------------------------------------- lists

    private IReadOnlyList<T> ParseList<T>(TokenKind open, TokenKind close, ulong hardStops, Func<Docs, T> parseItem)
    {
        if (!Eat(open))
        {
            Expect(open);
            return Array.Empty<T>();
        }
        return ParseListTrailer(close, hardStops, parseItem);
    }

    /// <summary>wit-parser's `parse_list_trailer`: items separated by ',' (trailing comma allowed) up to
    /// <paramref name="close"/>. A broken item is skipped up to the next ',' or the closing token.</summary>
    private IReadOnlyList<T> ParseListTrailer<T>(TokenKind close, ulong hardStops, Func<Docs, T> parseItem)
    {
        var items = ScratchList<T>.Rent();
        ulong stops = hardStops | (1UL << (int)TokenKind.Comma) | (1UL << (int)close);
        while (true)
        {
            var docs = ParseDocs();
            if (Eat(close)) break;
            int errors = _errorsSeen;
            items.Add(parseItem(docs));
            if (_errorsSeen != errors) SkipUntil(stops);
            if (Eat(TokenKind.Comma)) continue;
            if (At(close))
            {
                Advance();
                break;
            }
            Expect(close);
            SkipUntil(stops);
            if (Eat(TokenKind.Comma)) continue;
            Eat(close);
            break;
        }
        return ScratchList<T>.ToArrayAndReturn(items);
    }

    // ---------------------------------------------------------------- types

    private TypeSyntax ParseType() => ParseType(0);

    private TypeSyntax ParseType(int depth)
    {
        var token = Current;
        if (depth >= MaxTypeDepth)
        {
            Report("type nesting too deep", token.Span);
            Advance();
            SkipTooDeepType();
            return new ErrorTypeSyntax(token.Span);
        }
        switch (token.Kind)
        {
            case TokenKind.U8: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.U8);
            case TokenKind.U16: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.U16);
            case TokenKind.U32: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.U32);
            case TokenKind.U64: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.U64);
            case TokenKind.S8: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.S8);
            case TokenKind.S16: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.S16);
            case TokenKind.S32: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.S32);
            case TokenKind.S64: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.S64);
            case TokenKind.F32: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.F32);
            case TokenKind.F64: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.F64);
            case TokenKind.Char: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.Char);
            case TokenKind.Bool: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.Bool);
            case TokenKind.String: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.String);
            case TokenKind.ErrorContext: Advance(); return new PrimitiveTypeSyntax(token.Span, PrimitiveTypeKind.ErrorContext);

            case TokenKind.Tuple:
            {
                Advance();
                var types = ParseList(TokenKind.LessThan, TokenKind.GreaterThan, AngleListStops, _ => ParseType(depth + 1));
                return new TupleTypeSyntax(token.Span, types);
            }

            case TokenKind.List:
            {
                Advance();
                Expect(TokenKind.LessThan);
                var element = ParseType(depth + 1);
                uint? size = null;
                if (Eat(TokenKind.Comma))
                {
                    var number = Current;
                    if (number.Kind == TokenKind.Integer)
                    {
                        Advance();
                        string digits = _lexer.GetText(number.Start, number.End);
                        if (uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out uint value)) size = value;
                        else Report("invalid list size: number too large to fit in target type", number.Span);
                        size ??= 0;
                    }
                    else
                    {
                        ErrExpected("fixed-length");
                        if (!In(Terminators, number.Kind)) Advance();
                        size = 0;
                    }
                }
                Expect(TokenKind.GreaterThan);
                return size.HasValue
                    ? new FixedLengthListTypeSyntax(token.Span, element, size.Value)
                    : new ListTypeSyntax(token.Span, element);
            }

            case TokenKind.Map:
            {
                Advance();
                Expect(TokenKind.LessThan);
                var key = ParseType(depth + 1);
                Expect(TokenKind.Comma);
                var value = ParseType(depth + 1);
                Expect(TokenKind.GreaterThan);
                return new MapTypeSyntax(token.Span, key, value);
            }

            case TokenKind.Option:
            {
                Advance();
                Expect(TokenKind.LessThan);
                var inner = ParseType(depth + 1);
                Expect(TokenKind.GreaterThan);
                return new OptionTypeSyntax(token.Span, inner);
            }

            case TokenKind.Result:
            {
                Advance();
                TypeSyntax? ok = null, err = null;
                if (Eat(TokenKind.LessThan))
                {
                    if (Eat(TokenKind.Underscore))
                    {
                        Expect(TokenKind.Comma);
                        err = ParseType(depth + 1);
                    }
                    else
                    {
                        ok = ParseType(depth + 1);
                        if (Eat(TokenKind.Comma)) err = ParseType(depth + 1);
                    }
                    Expect(TokenKind.GreaterThan);
                }
                return new ResultTypeSyntax(token.Span, ok, err);
            }

            case TokenKind.Future:
            {
                Advance();
                TypeSyntax? inner = null;
                if (Eat(TokenKind.LessThan))
                {
                    inner = ParseType(depth + 1);
                    Expect(TokenKind.GreaterThan);
                }
                return new FutureTypeSyntax(token.Span, inner);
            }

            case TokenKind.Stream:
            {
                Advance();
                TypeSyntax? inner = null;
                if (Eat(TokenKind.LessThan))
                {
                    inner = ParseType(depth + 1);
                    Expect(TokenKind.GreaterThan);
                }
                return new StreamTypeSyntax(token.Span, inner);
            }

            case TokenKind.Own:
            case TokenKind.Borrow:
            {
                Advance();
                Expect(TokenKind.LessThan);
                var resource = ParseId();
                Expect(TokenKind.GreaterThan);
                return new HandleTypeSyntax(resource.Span, token.Kind == TokenKind.Own ? HandleKind.Own : HandleKind.Borrow, resource);
            }

            case TokenKind.Id:
            case TokenKind.ExplicitId:
            {
                var name = ParseId();
                return new NamedTypeSyntax(name.Span, name);
            }

            default:
                ErrExpected("a type");
                if (!In(Terminators, token.Kind)) Advance();
                return new ErrorTypeSyntax(token.Span);
        }
    }

    private static readonly ulong AngleListStops = Set(TokenKind.Semicolon, TokenKind.LeftBrace, TokenKind.RightBrace,
        TokenKind.RightParen);

    // After "type nesting too deep": skip the rest of that type without recursing, up to the '>' (or ',') that
    // belongs to the enclosing level.
    private void SkipTooDeepType()
    {
        long balance = 0;
        while (true)
        {
            var kind = Current.Kind;
            if (kind == TokenKind.EndOfFile || kind == TokenKind.Semicolon || kind == TokenKind.LeftBrace || kind == TokenKind.RightBrace) return;
            if (kind == TokenKind.LessThan) balance++;
            else if (kind == TokenKind.GreaterThan)
            {
                if (balance == 0) return;
                balance--;
            }
            else if (balance == 0 && (kind == TokenKind.Comma || kind == TokenKind.RightParen)) return;
            Advance();
        }
    }

    // ---------------------------------------------------------------- names, paths, versions, attributes

    /// <summary>wit-parser's `parse_id`: an identifier or `%`-identifier, validated as kebab-case.</summary>
    private Identifier ParseId()
    {
        var token = Current;
        if (token.Kind == TokenKind.Id || token.Kind == TokenKind.ExplicitId)
        {
            Advance();
            bool explicitId = token.Kind == TokenKind.ExplicitId;
            int textStart = token.Start - _file.Offset + (explicitId ? 1 : 0);
            int length = token.End - _file.Offset - textStart;
            string name = _names.Get(_file.Text, textStart, length);
            var error = IdentifierRules.Validate(_file.Text, textStart, length);
            if (error != null) Report(error, new Span(token.Start, token.Start + 1));
            return new Identifier(token.Span, name);
        }
        ErrExpected("an identifier or string");
        if (token.Kind.IsKeyword() && !In(Terminators, token.Kind) || token.Kind == TokenKind.Integer)
        {
            // A keyword used as a name: take it, so the rest of the construct still parses.
            Advance();
            return new Identifier(token.Span, _lexer.GetText(token.Start, token.End), IsMissing: true);
        }
        return new Identifier(new Span(token.Start, token.Start), string.Empty, IsMissing: true);
    }

    private UsePathSyntax ParseUsePath()
    {
        var id = ParseId();
        if (!Eat(TokenKind.Colon)) return new UsePathSyntax(id.Span, null, id);
        var packageName = ParseId();
        Expect(TokenKind.Slash);
        var name = ParseId();
        var (version, versionSpan) = ParseOptVersion();
        var package = new PackageNameSyntax(new Span(id.Span.Start, packageName.Span.End), Docs.None, id, packageName, version, versionSpan);
        return new UsePathSyntax(SpanFrom(id.Span.Start), package, name);
    }

    private (SemanticVersion? Version, Span Span) ParseOptVersion() =>
        Eat(TokenKind.At) ? ParseVersion() : (null, Span.Unknown);

    /// <summary>`major.minor.patch` then optional `-pre` and `+build` made of identifiers, integers, '-' and '.',
    /// checked by the semver rules (whose message is reported on the whole version).</summary>
    private (SemanticVersion? Version, Span Span) ParseVersion()
    {
        int errors = _errorsSeen;
        int start = Current.Start;
        Expect(TokenKind.Integer);
        Expect(TokenKind.Period);
        Expect(TokenKind.Integer);
        Expect(TokenKind.Period);
        var patch = Current;
        Expect(TokenKind.Integer);
        int end = patch.Kind == TokenKind.Integer ? patch.End : _prevEnd;
        EatVersionIds(TokenKind.Minus, ref end);
        EatVersionIds(TokenKind.Plus, ref end);
        var span = new Span(start, Math.Max(start, end));
        if (_errorsSeen != errors) return (null, span);
        string text = _lexer.GetText(span.Start, span.End);
        if (!SemanticVersion.TryParse(text, out var version, out var error))
        {
            Report(error!, span);
            return (null, span);
        }
        return (version, span);
    }

    private void EatVersionIds(TokenKind prefix, ref int end)
    {
        if (!Eat(prefix)) return;
        while (true)
        {
            var kind = Current.Kind;
            if (kind == TokenKind.Id || kind == TokenKind.Integer || kind == TokenKind.Minus)
            {
                end = Advance().End;
            }
            else if (kind == TokenKind.Period)
            {
                var next = Peek(1).Kind;
                if (next != TokenKind.Id && next != TokenKind.Integer && next != TokenKind.Minus) return;
                Advance();
                end = Advance().End;
            }
            else
            {
                return;
            }
        }
    }

    private IReadOnlyList<AttributeSyntax> ParseAttributes()
    {
        List<AttributeSyntax>? attributes = null;
        while (Eat(TokenKind.At))
        {
            var attribute = ParseAttribute();
            if (attribute != null) (attributes ??= new List<AttributeSyntax>()).Add(attribute);
        }
        return (IReadOnlyList<AttributeSyntax>?)attributes ?? Array.Empty<AttributeSyntax>();
    }

    private AttributeSyntax? ParseAttribute()
    {
        var id = ParseId();
        if (id.IsMissing) return null;
        switch (id.Name)
        {
            case "since":
            case "deprecated":
            {
                Expect(TokenKind.LeftParen);
                EatId("version");
                Expect(TokenKind.Equals);
                var (version, versionSpan) = ParseVersion();
                Expect(TokenKind.RightParen);
                if (version == null) return null;
                return id.Name == "since"
                    ? new SinceAttributeSyntax(id.Span, version, versionSpan)
                    : new DeprecatedAttributeSyntax(id.Span, version, versionSpan);
            }
            case "unstable":
            {
                Expect(TokenKind.LeftParen);
                EatId("feature");
                Expect(TokenKind.Equals);
                var feature = ParseId();
                Expect(TokenKind.RightParen);
                return new UnstableAttributeSyntax(id.Span, feature);
            }
            case "external-id":
            {
                Expect(TokenKind.LeftParen);
                var literal = Current;
                Expect(TokenKind.StringLiteral);
                Expect(TokenKind.RightParen);
                if (literal.Kind != TokenKind.StringLiteral) return null;
                int contentStart = literal.Start - _file.Offset + 1;
                int contentEnd = literal.End - _file.Offset - 1;
                bool terminated = contentEnd >= contentStart && literal.End - literal.Start >= 2 && _file.Text[contentEnd] == '"';
                if (!terminated) return null;
                // Errors inside the literal were reported by the lexer.
                return StringLiterals.Decode(_file.Text, contentStart, contentEnd, true, out var value, out _) == null
                    ? new ExternalIdAttributeSyntax(id.Span, value)
                    : null;
            }
            default:
                Report($"unknown attribute `{id.Name}`", id.Span);
                if (At(TokenKind.LeftParen)) SkipParenthesized();
                return null;
        }
    }

    private void EatId(string expected)
    {
        var id = ParseId();
        if (!id.IsMissing && id.Name != expected) Report($"expected `{expected}`, found `{id.Name}`", id.Span);
    }

    private void SkipParenthesized()
    {
        int depth = 0;
        while (!AtEof)
        {
            var kind = Current.Kind;
            if (kind == TokenKind.LeftParen) depth++;
            else if (kind == TokenKind.RightParen)
            {
                Advance();
                if (--depth == 0) return;
                continue;
            }
            else if (kind == TokenKind.Semicolon || kind == TokenKind.LeftBrace || kind == TokenKind.RightBrace) return;
            Advance();
        }
    }
}
