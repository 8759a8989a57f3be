using SemVersion = WitTools.WitParser.Model.SemVersion;
using System;
using System.Collections.Generic;
using System.Globalization;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Parsing;

/// <summary>Lists, types, names, paths, versions and attributes.</summary>
public sealed partial class Parser
{
    // ---------------------------------------------------------------- lists

    private IReadOnlyList<T> ParseList<T>(TokenKind open, TokenKind close, ulong hardStops, Func<Docs, T> parseItem) where T : class
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
    private IReadOnlyList<T> ParseListTrailer<T>(TokenKind close, ulong hardStops, Func<Docs, T> parseItem) where T : class
    {
        int itemsMark = _stack.Count;
        ulong stops = hardStops | (1UL << (int)TokenKind.Comma) | (1UL << (int)close);
        while (true)
        {
            var docs = ParseDocs();
            if (Eat(close)) break;
            int errors = _errorsSeen;
            _stack.Add(parseItem(docs)!);
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
        return PopArray<T>(itemsMark);
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
                Advance();
                return ParseTupleType(token, depth);

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

    // Its own method: the lambda's closure would otherwise be allocated on every ParseType call.
    private TupleTypeSyntax ParseTupleType(Token token, int depth)
    {
        var types = ParseList(TokenKind.LessThan, TokenKind.GreaterThan, AngleListStops, _ => ParseType(depth + 1));
        return new TupleTypeSyntax(token.Span, types);
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
            string name = _names.Get(_file.Bytes, textStart, length, out var error);
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

    private (SemVersion? Version, Span Span) ParseOptVersion() =>
        Eat(TokenKind.At) ? ParseVersion() : (null, Span.Unknown);

    /// <summary>`major.minor.patch` then optional `-pre` and `+build` made of identifiers, integers, '-' and '.',
    /// checked by the semver rules (whose message is reported on the whole version).</summary>
    private (SemVersion? Version, Span Span) ParseVersion()
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
        if (CachedVersion(span) is { } cached) return (cached, span);
        string text = _lexer.GetText(span.Start, span.End);
        if (!SemVersion.TryParse(text, out var version, out var error))
        {
            Report(error!, span);
            return (null, span);
        }
        _versions[_nextVersion] = (text, version!);
        _nextVersion = (_nextVersion + 1) % _versions.Length;
        return (version, span);
    }

    // The last few versions parsed (a file repeats `@since(version = x.y.z)` on every item): SemVersion is
    // immutable, so one instance serves every occurrence of the same text.
    private readonly (string Text, SemVersion Version)[] _versions = new (string, SemVersion)[4];
    private int _nextVersion;

    private SemVersion? CachedVersion(Span span)
    {
        var bytes = _file.Bytes;
        int start = span.Start - _file.Offset;
        int length = span.End - span.Start;
        foreach (var (text, version) in _versions)
        {
            if (text == null || text.Length != length) continue;
            int i = 0;
            while (i < length && text[i] == bytes[start + i]) i++;
            if (i == length) return version;
        }
        return null;
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
        if (!At(TokenKind.At)) return Array.Empty<AttributeSyntax>();
        int attributesMark = _stack.Count;
        while (Eat(TokenKind.At))
        {
            var attribute = ParseAttribute();
            if (attribute != null) _stack.Add(attribute);
        }
        return PopArray<AttributeSyntax>(attributesMark);
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
                if (!EatId("version"))
                {
                    SkipToAttributeEnd();
                    return null;
                }
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
                if (!EatId("feature"))
                {
                    SkipToAttributeEnd();
                    return null;
                }
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
                bool terminated = contentEnd >= contentStart && literal.End - literal.Start >= 2 && _file.Bytes[contentEnd] == '"';
                if (!terminated) return null;
                // Errors inside the literal were reported by the lexer.
                return StringLiterals.Decode(_file.Bytes, contentStart, contentEnd, true, out var value, out _) == null
                    ? new ExternalIdAttributeSyntax(id.Span, value)
                    : null;
            }
            default:
                Report($"unknown attribute `{id.Name}`", id.Span);
                if (At(TokenKind.LeftParen)) SkipParenthesized();
                return null;
        }
    }

    /// <summary>The identifier <paramref name="expected"/>; false (reported) when something else is there.</summary>
    private bool EatId(string expected)
    {
        var id = ParseId();
        if (id.IsMissing) return false;
        if (id.Name == expected) return true;
        Report($"expected `{expected}`, found `{id.Name}`", id.Span);
        return false;
    }

    /// <summary>After a broken attribute argument: skip to its ')' (consumed) without leaving the line's item.</summary>
    private void SkipToAttributeEnd()
    {
        while (!AtEof && !At(TokenKind.RightParen) && !At(TokenKind.Semicolon) && !At(TokenKind.LeftBrace) && !At(TokenKind.RightBrace)
               && !At(TokenKind.At))
        {
            Advance();
        }
        Eat(TokenKind.RightParen);
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
