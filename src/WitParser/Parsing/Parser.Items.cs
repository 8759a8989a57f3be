using System;
using System.Collections.Generic;
using System.Globalization;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Parsing;

/// <summary>Packages, interfaces, worlds and type definitions.</summary>
public sealed partial class Parser
{
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
            Advance();
            var name = ParsePackageName(docs);
            if (Eat(TokenKind.Semicolon))
            {
                header = name;
            }
            else if (At(TokenKind.LeftBrace))
            {
                items.Add(ParseNestedPackageBody(start, name, Array.Empty<AttributeSyntax>(), 0));
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
                if (end.HasValue) ErrExpected(DeclItemsExpected);
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

    // What wit-parser says it expected where an item does not start with one of its keywords.
    private const string DeclItemsExpected = "`world`, `interface` or `use`";
    private const string WorldItemsExpected = "`import`, `export`, `include`, `use`, or type definition";

    private DeclItemSyntax? ParseDeclItem(Docs docs, int depth)
    {
        int start = Current.Start;
        var attributes = ParseAttributes();
        var kind = Current.Kind;
        if (MisspelledKeyword(DeclItemStarts) is { } meant)
        {
            // `interfce name {`: wit-parser's error, then the item as the keyword's.
            ErrExpected(DeclItemsExpected, KeywordHelp(meant), KeywordSuggestion(meant));
            Repaired();
            kind = meant;
        }
        switch (kind)
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
                ErrExpected(DeclItemsExpected);
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
        return ParseNestedPackageBody(start, name, attributes, depth);
    }

    private NestedPackageSyntax ParseNestedPackageBody(int start, PackageNameSyntax name,
        IReadOnlyList<AttributeSyntax> attributes, int depth)
    {
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

    private IReadOnlyList<IInterfaceItemSyntax> ParseInterfaceItems() =>
        ParseItemBody("`type`, `resource` or `func`", _parseInterfaceItem, InterfaceItemStarts, stopAtNamedItem: true);

    /// <summary>
    /// The items of a `{ … }` body up to its `}`, with recovery: a missing '}' is reported (with what
    /// wit-parser expects at that point) when the next outer item or the end of the file arrives; a broken
    /// item is skipped to the next item start, `;` or `}`; and every iteration makes progress.
    /// </summary>
    private IReadOnlyList<T> ParseItemBody<T>(string expectedItems, Func<Docs, T?> parseItem, ulong itemStarts, bool stopAtNamedItem)
        where T : class
    {
        if (!ExpectBodyStart()) return Array.Empty<T>();
        int itemsMark = _stack.Count;
        while (true)
        {
            var docs = ParseDocs();
            if (Eat(TokenKind.RightBrace)) break;
            if (AtEof || In(OuterItemStarts, Current.Kind))
            {
                // Missing '}': report what wit-parser reports here and let the enclosing list continue.
                ErrExpected(expectedItems);
                break;
            }
            int startPos = _pos;
            int errors = _errorsSeen;
            var item = parseItem(docs);
            if (item != null) _stack.Add(item);
            if (_errorsSeen != errors) RecoverItem(itemStarts, stopAtNamedItem);
            if (_pos == startPos && !AtEof && !At(TokenKind.RightBrace)) Advance();
        }
        return PopArray<T>(itemsMark);
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
        var kind = Current.Kind;
        if (MisspelledKeyword(InterfaceItemStarts & ~OuterItemStarts) is { } meant)
        {
            // `enm name {` reads as a function `enm` without its ':' (wit-parser's error), then the item as the keyword's.
            var next = Peek(1);
            Report($"expected {TokenKind.Colon.Describe()}, found {next.Kind.Describe()}", new Span(next.Start, next.Start + 1), KeywordHelp(meant), KeywordSuggestion(meant));
            Repaired();
            kind = meant;
        }
        switch (kind)
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
        int namesMark = _stack.Count;
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
                _stack.Add(new UseNameSyntax(SpanFrom(nameStart), name, alias));
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
        return new UseSyntax(SpanFrom(start), attributes, from, PopArray<UseNameSyntax>(namesMark));
    }

    // ---------------------------------------------------------------- worlds

    private WorldSyntax ParseWorld(int start, Docs docs, IReadOnlyList<AttributeSyntax> attributes)
    {
        Advance();
        var name = ParseId();
        var items = ParseItemBody(WorldItemsExpected, _parseWorldItem, WorldItemStarts, stopAtNamedItem: false);
        return new WorldSyntax(SpanFrom(start), docs, attributes, name, items);
    }

    private IWorldItemSyntax? ParseWorldItem(Docs docs)
    {
        int start = Current.Start;
        var attributes = ParseAttributes();
        var kind = Current.Kind;
        if (MisspelledKeyword(WorldItemStarts & ~OuterItemStarts) is { } meant)
        {
            // `imprt name;`: wit-parser's error, then the item as the keyword's.
            ErrExpected(WorldItemsExpected, KeywordHelp(meant), KeywordSuggestion(meant));
            Repaired();
            kind = meant;
        }
        switch (kind)
        {
            case TokenKind.Import:
            {
                Advance();
                var externKind = ParseExternKind();
                return new ImportSyntax(SpanFrom(start), docs, attributes, externKind);
            }
            case TokenKind.Export:
            {
                Advance();
                var externKind = ParseExternKind();
                return new ExportSyntax(SpanFrom(start), docs, attributes, externKind);
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
                ErrExpected(WorldItemsExpected);
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
        int funcsMark = _stack.Count;
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
                if (func != null) _stack.Add(func);
                if (_errorsSeen != errors) RecoverItem(ResourceItemStarts, stopAtNamedItem: true);
                if (_pos == startPos && !AtEof && !At(TokenKind.RightBrace)) Advance();
            }
        }
        else
        {
            Expect(TokenKind.Semicolon);
        }
        return new TypeDefSyntax(SpanFrom(start), docs, attributes, name, new ResourceTypeSyntax(name.Span, PopArray<ResourceFuncSyntax>(funcsMark)));
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
}
