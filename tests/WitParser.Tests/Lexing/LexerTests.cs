using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Lexing;

public class LexerTests
{
    private static (List<Token> Tokens, DiagnosticBag Diagnostics, SourceMap Map) Lex(string text)
    {
        var map = new SourceMap();
        var file = map.Add("lex.wit", text);
        var bag = new DiagnosticBag();
        return (Lexer.Tokenize(file, bag), bag, map);
    }

    private static TokenKind[] Kinds(string text)
    {
        var (tokens, bag, _) = Lex(text);
        Assert.Empty(bag.Items);
        return tokens.Select(t => t.Kind).Where(k => k != TokenKind.EndOfFile).ToArray();
    }

    private static string FirstError(string text)
    {
        var (_, bag, map) = Lex(text);
        Assert.NotEmpty(bag.Items);
        var loc = map.Locate(bag.Items[0].Span)!.Value;
        return $"{loc.Line}:{loc.Column} {bag.Items[0].Message}";
    }

    [Fact]
    public void EmptyInputIsJustEndOfFile()
    {
        var (tokens, bag, _) = Lex("");
        Assert.Empty(bag.Items);
        Assert.Equal(TokenKind.EndOfFile, Assert.Single(tokens).Kind);
    }

    [Fact]
    public void Punctuation()
    {
        Assert.Equal(
            new[]
            {
                TokenKind.Equals, TokenKind.Comma, TokenKind.Colon, TokenKind.Period, TokenKind.Semicolon, TokenKind.LeftParen,
                TokenKind.RightParen, TokenKind.LeftBrace, TokenKind.RightBrace, TokenKind.LessThan, TokenKind.GreaterThan,
                TokenKind.RArrow, TokenKind.Star, TokenKind.At, TokenKind.Slash, TokenKind.Plus, TokenKind.Minus,
            },
            Kinds("= , : . ; ( ) { } < > -> * @ / + -"));
    }

    [Fact]
    public void EveryKeyword()
    {
        var keywords = new Dictionary<string, TokenKind>
        {
            ["use"] = TokenKind.Use, ["type"] = TokenKind.Type, ["func"] = TokenKind.Func, ["u8"] = TokenKind.U8,
            ["u16"] = TokenKind.U16, ["u32"] = TokenKind.U32, ["u64"] = TokenKind.U64, ["s8"] = TokenKind.S8,
            ["s16"] = TokenKind.S16, ["s32"] = TokenKind.S32, ["s64"] = TokenKind.S64, ["f32"] = TokenKind.F32,
            ["f64"] = TokenKind.F64, ["char"] = TokenKind.Char, ["record"] = TokenKind.Record, ["resource"] = TokenKind.Resource,
            ["own"] = TokenKind.Own, ["borrow"] = TokenKind.Borrow, ["flags"] = TokenKind.Flags, ["variant"] = TokenKind.Variant,
            ["enum"] = TokenKind.Enum, ["bool"] = TokenKind.Bool, ["string"] = TokenKind.String, ["option"] = TokenKind.Option,
            ["result"] = TokenKind.Result, ["future"] = TokenKind.Future, ["stream"] = TokenKind.Stream,
            ["error-context"] = TokenKind.ErrorContext, ["list"] = TokenKind.List, ["map"] = TokenKind.Map,
            ["_"] = TokenKind.Underscore, ["as"] = TokenKind.As, ["from"] = TokenKind.From, ["static"] = TokenKind.Static,
            ["interface"] = TokenKind.Interface, ["tuple"] = TokenKind.Tuple, ["import"] = TokenKind.Import,
            ["export"] = TokenKind.Export, ["world"] = TokenKind.World, ["package"] = TokenKind.Package,
            ["constructor"] = TokenKind.Constructor, ["async"] = TokenKind.Async, ["include"] = TokenKind.Include,
            ["with"] = TokenKind.With,
        };
        foreach (var pair in keywords)
        {
            Assert.Equal(new[] { pair.Value }, Kinds(pair.Key));
            Assert.Equal(pair.Key, pair.Value.KeywordText());
            Assert.Equal($"keyword `{pair.Key}`", pair.Value.Describe());
        }
    }

    [Theory]
    [InlineData("apple")]
    [InlineData("apple-pear")]
    [InlineData("apple--pear")]
    [InlineData("Apple-Pear")]
    [InlineData("_a_p_")]
    [InlineData("garçon")]
    [InlineData("東京")]
    [InlineData("uses")]
    [InlineData("u128")]
    [InlineData("float32")]
    [InlineData("error-contexts")]
    public void IdentifierLikeWordsAreOneIdToken(string text)
    {
        Assert.Equal(new[] { TokenKind.Id }, Kinds(text));
    }

    [Fact]
    public void ExplicitIdentifiers()
    {
        Assert.Equal(new[] { TokenKind.ExplicitId }, Kinds("%bool"));
        Assert.Equal(new[] { TokenKind.ExplicitId }, Kinds("%a-b"));
        Assert.Equal(new[] { TokenKind.ExplicitId }, Kinds("%"));
        Assert.Equal(new[] { TokenKind.ExplicitId, TokenKind.Integer }, Kinds("%1"));
    }

    [Fact]
    public void MinusStartsArrowOrMinusNotAnIdentifier()
    {
        Assert.Equal(new[] { TokenKind.Minus, TokenKind.Id }, Kinds("-abc"));
        Assert.Equal(new[] { TokenKind.Id, TokenKind.RArrow, TokenKind.Id }, Kinds("a -> b"));
        Assert.Equal(new[] { TokenKind.Id, TokenKind.GreaterThan }, Kinds("a->"));
    }

    [Fact]
    public void IntegersAndVersions()
    {
        Assert.Equal(new[] { TokenKind.Integer, TokenKind.Period, TokenKind.Integer, TokenKind.Period, TokenKind.Integer, TokenKind.Minus, TokenKind.Id },
            Kinds("1.20.300-rc1"));
        Assert.Equal(new[] { TokenKind.Integer, TokenKind.Id }, Kinds("12ab"));
    }

    [Fact]
    public void SpansAreGlobalOffsets()
    {
        var map = new SourceMap();
        map.Add("a.wit", "xyz");
        var file = map.Add("b.wit", "  foo;");
        var tokens = Lexer.Tokenize(file, new DiagnosticBag());
        Assert.Equal(file.Offset + 2, tokens[0].Start);
        Assert.Equal(file.Offset + 5, tokens[0].End);
        Assert.Equal(TokenKind.EndOfFile, tokens[2].Kind);
        Assert.Equal(file.End, tokens[2].Start);
    }

    [Fact]
    public void SpansCountUtf8Bytes()
    {
        var (tokens, bag, map) = Lex("/* é😀 */ a $");
        Assert.Equal(new Span(13, 14), tokens[0].Span);
        var error = Assert.Single(bag.Items);
        Assert.Equal(15, error.Span.Start);
        Assert.Equal(16, map.Locate(error.Span)!.Value.Column);
        Assert.Equal(13, map.Locate(error.Span)!.Value.CharColumn);
    }

    [Fact]
    public void CommentsAreTriviaRecordedBeforeTheNextToken()
    {
        var map = new SourceMap();
        var file = map.Add("c.wit", "// one\n/* two /* nested */ */ a /// three\nb");
        var lexer = new Lexer(file, new DiagnosticBag());
        var a = lexer.Next();
        Assert.Equal(TokenKind.Id, a.Kind);
        Assert.Equal(2, a.CommentCount);
        Assert.Equal("// one\n", lexer.GetText(lexer.Comments[a.FirstComment].Start, lexer.Comments[a.FirstComment].End));
        Assert.Equal("/* two /* nested */ */", lexer.GetText(lexer.Comments[1].Start, lexer.Comments[1].End));
        var b = lexer.Next();
        Assert.Equal(1, b.CommentCount);
        Assert.Equal("/// three\n", lexer.GetText(lexer.Comments[2].Start, lexer.Comments[2].End));
        Assert.Equal(TokenKind.EndOfFile, lexer.Next().Kind);
    }

    [Fact]
    public void RawTokensIncludeTrivia()
    {
        var map = new SourceMap();
        var file = map.Add("r.wit", "a /*c*/\tb");
        var lexer = new Lexer(file, new DiagnosticBag());
        var kinds = new List<TokenKind>();
        for (var t = lexer.NextRaw(); t.Kind != TokenKind.EndOfFile; t = lexer.NextRaw()) kinds.Add(t.Kind);
        Assert.Equal(new[] { TokenKind.Id, TokenKind.Whitespace, TokenKind.Comment, TokenKind.Whitespace, TokenKind.Id }, kinds);
    }

    [Fact]
    public void CrLfIsWhitespaceAndByteOrderMarkIsSkipped()
    {
        Assert.Equal(new[] { TokenKind.Id, TokenKind.Id }, Kinds("\uFEFFa\r\nb"));
    }

    [Fact]
    public void StringLiterals()
    {
        Assert.Equal(new[] { TokenKind.StringLiteral }, Kinds("\"a \\\" b \\u{1F600} \\41\""));
    }

    [Theory]
    [InlineData("a $ b", "1:3 unexpected character '$'")]
    [InlineData("a\rb", "1:2 unexpected character '\\r'")]
    [InlineData("a\u00A0b", "1:2 unexpected character '\\u{a0}'")]
    [InlineData("x \uFEFF", "1:3 unexpected character '\\u{feff}'")]
    [InlineData("a\u000Bb", "1:2 Control code '\\u{b}'")]
    [InlineData("// \u0000", "1:4 Control code '\\u{0}'")]
    [InlineData("a\u0085", "1:2 Control code '\\u{85}'")]
    [InlineData("// \u202E", "1:4 Input contains bidirectional override codepoint EscapeUnicode(EscapeIterInner('\\u{202e}'))")]
    [InlineData("a \u0149", "1:3 Codepoint EscapeUnicode(EscapeIterInner('\\u{149}')) is discouraged by Unicode")]
    [InlineData("a /* b /* c */", "1:3 unterminated block comment")]
    [InlineData("\"abc", "1:5 unexpected end of file")]
    [InlineData("\"a\\qb\"", "1:4 invalid string escape 'q'")]
    [InlineData("\"a\tb\"", "1:3 invalid string character '\\t'")]
    [InlineData("\"\\u0041\"", "1:4 expected character '{'")]
    [InlineData("\"\\u{41\"", "1:7 expected character '}'")]
    [InlineData("\"\\u{d800}\"", "1:3 invalid unicode value 0xd800")]
    [InlineData("\"\\u{1_}\"", "1:5 trailing underscore in number")]
    [InlineData("\"\\u{fffffffff}\"", "1:13 number is too big to fit in a u32")]
    [InlineData("\"\\0g\"", "1:4 invalid hex digit 'g'")]
    [InlineData("\"\\ff\"", "1:1 invalid UTF-8: invalid utf-8 sequence of 1 bytes from index 0")]
    public void LexicalErrors(string text, string expected)
    {
        Assert.Equal(expected, FirstError(text));
    }

    [Fact]
    public void ForbiddenCodepointsAreReportedBeforeAnythingElse()
    {
        // wit-parser rejects them up front, even after an earlier syntax error.
        var result = TestSupport.ParseHelper.Parse("interface { }\n// \u202A");
        Assert.Equal("2:4 Input contains bidirectional override codepoint EscapeUnicode(EscapeIterInner('\\u{202a}'))", result.First);
    }

    [Fact]
    public void BadCharactersAreSkippedAndLexingContinues()
    {
        var (tokens, bag, _) = Lex("a # b ~ c");
        Assert.Equal(2, bag.Items.Count);
        Assert.Equal(4, tokens.Count);
    }

    [Fact]
    public void ErrorSpansAreOneCharacter()
    {
        var (_, bag, _) = Lex("ab$");
        Assert.Equal(new Span(2, 3), bag.Items[0].Span);
    }
}
