using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Tests.TestSupport;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Parsing;

/// <summary>Error recovery: all errors of a file are reported, and no input makes the parser throw or hang.</summary>
public class RecoveryTests
{
    private const string ValidFile = """
        /// docs
        package demo:all@1.2.3-pre.1+b7;

        use other:pkg/iface@2.0.0 as alias;

        @since(version = 1.0.0)
        interface types {
          use alias.{thing, other as renamed};
          type a = list<tuple<u8, string>>;
          type b = list<u32, 4>;
          type c = map<string, option<result<u8, string>>>;
          type d = result<_, string>;
          type e = future<stream<u8>>;
          type f = error-context;
          record rec { x: f64, y: borrow<res> }
          flags fl { read, write }
          variant var { none, some(s64) }
          enum en { one, two }
          resource res {
            constructor(init: own<res>);
            get: func() -> u32;
            make: static func(n: char) -> res;
          }
          @deprecated(version = 1.1.0)
          run: func(a: bool, b: %type) -> result;
        }

        world app {
          import types;
          import log: func(msg: string);
          import labelled: types;
          export inline: interface {
            go: func();
          }
          include base with { a as b }
          @unstable(feature = fancy)
          export demo:all/types@1.2.3;
        }

        package nested:pkg {
          interface n {}
        }
        """;

    [Fact]
    public void TheReferenceFileIsValid()
    {
        ParseHelper.ParseValid(ValidFile);
    }

    [Fact]
    public void ReportsEveryErrorInAFile()
    {
        var result = ParseHelper.Parse("""
            interface a {
              type x = ;
              f: func(a: ) -> u32;
              record r { a: u32 b: u32 }
              g: func();
            }
            world w {
              import ;
              export e: func() -> ;
            }
            interface b { type y = list<u8; }
            """);
        var lines = result.Diagnostics.Items.Select(d => result.Map.Locate(d.Span)!.Value.Line).ToArray();
        Assert.Equal(new[] { 2, 3, 4, 8, 9, 11 }, lines);
        Assert.Equal(new[]
        {
            "expected a type, found ';'",
            "expected a type, found ')'",
            "expected '}', found an identifier",
            "expected an identifier or string, found ';'",
            "expected a type, found ';'",
            "expected '>', found ';'",
        }, result.Messages);
    }

    [Fact]
    public void RecoveredTreeKeepsTheGoodItems()
    {
        var result = ParseHelper.Parse("""
            interface a {
              type broken = ;
              good: func();
              bad: func(;
              also-good: func() -> u32;
            }
            world w { import a; }
            """);
        Assert.Equal(2, result.Diagnostics.Items.Count);
        var iface = Assert.IsType<InterfaceSyntax>(result.Tree.Items[0]);
        Assert.Contains(iface.Items.OfType<NamedFuncSyntax>(), f => f.Name.Name == "good");
        Assert.Contains(iface.Items.OfType<NamedFuncSyntax>(), f => f.Name.Name == "also-good");
        Assert.IsType<WorldSyntax>(result.Tree.Items[1]);
    }

    [Fact]
    public void MissingClosingBraceStillParsesTheNextItem()
    {
        var result = ParseHelper.Parse("interface a {\n  f: func();\n\ninterface b {}\nworld w {}\n");
        Assert.Equal("4:1 expected `type`, `resource` or `func`, found keyword `interface`", result.First);
        Assert.Single(result.Diagnostics.Items);
        Assert.Equal(3, result.Tree.Items.Count);
    }

    [Fact]
    public void GarbageBetweenItemsIsOneErrorPerRun()
    {
        var result = ParseHelper.Parse("interface a {}\n1 2 3 4 5 6\ninterface b {}\n! ? ~\nworld w {}");
        Assert.Equal(4, result.Diagnostics.Items.Count); // one parse error for the integers, three bad characters
        Assert.Equal(3, result.Tree.Items.Count);
    }

    [Theory]
    // Each broken snippet gives exactly these errors: no cascades after recovery.
    [InlineData("interface i {\n  type x = u32\n  f: func();\n  g: func()\n}\n", "3:3 expected ';', found an identifier|5:1 expected ';', found '}'")]
    [InlineData("interface i {\n  record r { a: u32; b: u32 }\n  f: func();\n}\n", "2:20 expected '}', found ';'")]
    [InlineData("interface i {\n  f: func(a: u32 b: u32) -> u32;\n  g: func();\n}\n", "2:18 expected ')', found an identifier")]
    [InlineData("world w {\n  import foo\n  export bar;\n}\n", "3:3 expected ';', found keyword `export`")]
    [InlineData("interface i {\n  enum e { a, b c }\n  variant v { x(u32, y }\n  flags f { q w }\n}\n",
        "2:17 expected '}', found an identifier|3:20 expected ')', found ','|4:15 expected '}', found an identifier")]
    [InlineData("interface foo bar {}\ninterface ok {}\n", "1:15 expected '{', found an identifier")]
    [InlineData("interface i {\n  resource r {\n    constructor(a: u32;\n    m: func();\n    bad\n    s: static func();\n  }\n}\n",
        "3:23 expected ')', found ';'|6:5 expected ':', found an identifier")]
    [InlineData("@since(version = 1.0)\ninterface i {}\n@foo(bar)\nworld w {}\n", "1:21 expected '.', found ')'|3:2 unknown attribute `foo`")]
    [InlineData("interface i { f: func() -> }\ninterface j {}\n", "1:28 expected a type, found '}'")]
    [InlineData("package a:b\ninterface i {}\nworld w {}\n", "2:1 expected '{', found keyword `interface`")]
    public void RecoveryWithoutCascades(string text, string expected)
    {
        var result = ParseHelper.Parse(text);
        var actual = result.Diagnostics.Items.Select(d =>
        {
            var loc = result.Map.Locate(d.Span)!.Value;
            return $"{loc.Line}:{loc.Column} {d.Message}";
        });
        Assert.Equal(expected, string.Join("|", actual));
    }

    [Fact]
    public void DeletingAnyTokenIsReportedAndNeverThrows()
    {
        var map = new SourceMap();
        var tokens = Lexer.Tokenize(map.Add("ref.wit", ValidFile), new DiagnosticBag());
        // Tokens whose removal leaves a valid file: `static`, build metadata after '+' (like wit-parser, a
        // dangling '+' or '-' in a version is ignored), the last element of a comma-separated list.
        var optional = new HashSet<int>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Static) optional.Add(i);
            if (i > 0 && tokens[i - 1].Kind == TokenKind.Plus) optional.Add(i);
            // The last element of a list that allows a trailing comma (`tuple<u8, string>` -> `tuple<u8, >`).
            if (i > 0 && tokens[i - 1].Kind == TokenKind.Comma && tokens[i + 1].Kind is TokenKind.GreaterThan or TokenKind.RightParen or TokenKind.RightBrace)
            {
                optional.Add(i);
            }
        }
        int checkedCount = 0;
        foreach (var (token, index) in tokens.Select((t, i) => (t, i)))
        {
            if (token.Kind == TokenKind.EndOfFile || optional.Contains(index)) continue;
            string text = ValidFile.Remove(token.Start, token.End - token.Start).Insert(token.Start, " ");
            var result = ParseHelper.Parse(text);
            AssertNoInternalError(result);
            Assert.True(result.Diagnostics.Items.Count > 0, $"deleting token #{index} {token.Kind} '{ValidFile.Substring(token.Start, token.End - token.Start)}' gave no error");
            checkedCount++;
        }
        Assert.True(checkedCount > 200);
    }

    [Fact]
    public void DeletingAnyTokenFromOtherFilesNeverThrows()
    {
        // Prefix truncations exercise every "found eof" path.
        for (int length = 0; length <= ValidFile.Length; length += 3)
        {
            var result = ParseHelper.Parse(ValidFile.Substring(0, length));
            AssertNoInternalError(result);
        }
    }

    [Fact]
    public void RandomMutationsOfAValidFileNeverThrow()
    {
        var map = new SourceMap();
        var tokens = Lexer.Tokenize(map.Add("ref.wit", ValidFile), new DiagnosticBag());
        var random = new Random(99);
        for (int round = 0; round < 400; round++)
        {
            var text = new StringBuilder(ValidFile);
            // Apply a few edits from the end backwards so earlier token offsets stay valid.
            var picks = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(tokens.Count - 1)).Distinct().OrderByDescending(i => i);
            foreach (int i in picks)
            {
                var token = tokens[i];
                var other = tokens[random.Next(tokens.Count - 1)];
                string otherText = ValidFile.Substring(other.Start, other.End - other.Start);
                switch (random.Next(3))
                {
                    case 0: text.Remove(token.Start, token.End - token.Start); break;
                    case 1: text.Insert(token.Start, otherText + " "); break;
                    default: text.Remove(token.Start, token.End - token.Start).Insert(token.Start, otherText); break;
                }
            }
            AssertNoInternalError(ParseHelper.Parse(text.ToString()));
        }
    }

    [Fact]
    public void RandomTokenSoupTerminatesWithDiagnostics()
    {
        string[] vocabulary =
        {
            "package", "a:b", "@1.0.0", "interface", "world", "use", "type", "record", "flags", "variant", "enum", "resource",
            "func", "async", "static", "constructor", "import", "export", "include", "with", "as", "list", "map", "tuple",
            "option", "result", "own", "borrow", "future", "stream", "u32", "string", "_", "x", "%y", "1", "2.0", "{", "}",
            "(", ")", "<", ">", ",", ";", ":", ".", "=", "->", "/", "@", "-", "+", "*", "///doc\n", "/*c*/", "\"s\"",
            "$", "\u202e", "\r",
        };
        var random = new Random(1234);
        for (int round = 0; round < 300; round++)
        {
            var text = new StringBuilder();
            int count = random.Next(1, 80);
            for (int i = 0; i < count; i++) text.Append(vocabulary[random.Next(vocabulary.Length)]).Append(random.Next(3) == 0 ? "\n" : " ");
            var result = ParseHelper.Parse(text.ToString());
            AssertNoInternalError(result);
        }
    }

    [Fact]
    public void RandomCharactersNeverThrow()
    {
        var random = new Random(42);
        for (int round = 0; round < 200; round++)
        {
            var chars = new char[random.Next(0, 300)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(4) switch
                {
                    0 => (char)random.Next(0, 0x80),
                    1 => "{}()<>;:,.@/-%\"*"[random.Next(16)],
                    2 => (char)random.Next(0xD800, 0xE000), // lone surrogates
                    _ => (char)random.Next(0, 0x10000),
                };
            }
            var result = ParseHelper.Parse(new string(chars));
            AssertNoInternalError(result);
        }
    }

    [Fact]
    public void RandomBytesDecodedAsUtf8ReportErrors()
    {
        var random = new Random(7);
        for (int round = 0; round < 50; round++)
        {
            var bytes = new byte[random.Next(1, 2000)];
            random.NextBytes(bytes);
            var result = ParseHelper.Parse(Encoding.UTF8.GetString(bytes));
            Assert.NotEmpty(result.Diagnostics.Items);
            AssertNoInternalError(result);
        }
    }

    [Theory]
    [InlineData("list<", ">")]
    [InlineData("option<", ">")]
    [InlineData("tuple<", ">")]
    [InlineData("result<", ">")]
    [InlineData("future<", ">")]
    [InlineData("map<u8, ", ">")]
    public void HundredThousandNestedTypesEndInOneDiagnostic(string open, string close)
    {
        const int depth = 100_000;
        var text = new StringBuilder("interface i { type x = ");
        for (int i = 0; i < depth; i++) text.Append(open);
        text.Append("u8");
        for (int i = 0; i < depth; i++) text.Append(close);
        text.Append("; }");
        var result = ParseHelper.Parse(text.ToString());
        // map<K, V> may report once for the key and once for the value at the depth limit.
        Assert.InRange(result.Diagnostics.Items.Count, 1, open.StartsWith("map") ? 2 : 1);
        Assert.All(result.Diagnostics.Items, d => Assert.Equal("type nesting too deep", d.Message));
    }

    [Fact]
    public void UnclosedNestingEndsInDiagnostics()
    {
        var text = "interface i { type x = " + string.Concat(Enumerable.Repeat("list<", 100_000));
        var result = ParseHelper.Parse(text);
        Assert.Equal("type nesting too deep", result.Diagnostics.Items[0].Message);
        Assert.True(result.Diagnostics.Items.Count < 5);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("(")]
    [InlineData("<")]
    [InlineData("package a:b {")]
    [InlineData("interface i {")]
    [InlineData("world w { import x: interface {")]
    [InlineData("@")]
    [InlineData("/*")]
    [InlineData("%")]
    public void HundredThousandRepetitionsNeverOverflow(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 100_000));
        var result = ParseHelper.Parse(text);
        Assert.NotEmpty(result.Diagnostics.Items);
    }

    [Fact]
    public void DeeplyNestedPackagesReportNestingTooDeep()
    {
        var text = string.Concat(Enumerable.Repeat("package a:b {\n", 100_000)) + string.Concat(Enumerable.Repeat("}\n", 100_000));
        var result = ParseHelper.Parse(text);
        Assert.Equal("101:1 package nesting too deep", result.First);
        Assert.Single(result.Diagnostics.Items);
    }

    private static void AssertNoInternalError(ParseResult result)
    {
        Assert.DoesNotContain(result.Diagnostics.Items, d => d.Message.StartsWith("internal parser error", StringComparison.Ordinal));
    }
}
