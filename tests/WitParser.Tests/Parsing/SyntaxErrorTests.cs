using WitTools.WitParser.Tests.TestSupport;

namespace WitTools.WitParser.Tests.Parsing;

/// <summary>wit-parser's message and location for each class of syntax error (the first diagnostic).</summary>
public class SyntaxErrorTests
{
    [Theory]
    // Missing punctuation: "expected X, found Y" at the found token.
    [InlineData("interface i { type x = u32 }", "1:28 expected ';', found '}'")]
    [InlineData("interface i { f: func; }", "1:22 expected '(', found ';'")]
    [InlineData("interface i { f: func(a u32); }", "1:25 expected ':', found keyword `u32`")]
    [InlineData("interface i { f: fun(); }", "1:18 expected keyword `func`, found an identifier")]
    [InlineData("interface i { type x = list<u8; }", "1:31 expected '>', found ';'")]
    [InlineData("interface i { type x = result<_>; }", "1:32 expected ',', found '>'")]
    [InlineData("interface i { type x = map<u8>; }", "1:30 expected ',', found '>'")]
    [InlineData("interface i { use a.b; }", "1:21 expected '{', found an identifier")]
    [InlineData("interface i { use a.{b c}; }", "1:24 expected '}', found an identifier")]
    [InlineData("interface i { use a; }", "1:20 expected '.', found ';'")]
    [InlineData("world w { include a with { b } }", "1:30 expected keyword `as`, found '}'")]
    [InlineData("world w { include a }", "1:21 expected ';', found '}'")]
    [InlineData("world w { import a:b/c }", "1:24 expected ';', found '}'")]
    [InlineData("interface i { type x = u32; ", "1:29 expected `type`, `resource` or `func`, found eof")]
    [InlineData("interface i", "1:12 expected '{', found eof")]
    [InlineData("use a:b/c", "1:10 expected ';', found eof")]
    [InlineData("package a:b", "1:12 expected '{', found eof")]
    [InlineData("package a:b interface i {}", "1:13 expected '{', found keyword `interface`")]
    [InlineData("package a;", "1:10 expected ':', found ';'")]
    // "expected X, found Y" on a whole token (wit-parser's err_expected).
    [InlineData("interface i { type x = ; }", "1:24 expected a type, found ';'")]
    [InlineData("interface i { type list = u32; }", "1:20 expected an identifier or string, found keyword `list`")]
    [InlineData("interface i { type x = own<u32>; }", "1:28 expected an identifier or string, found keyword `u32`")]
    [InlineData("package a:b; foo", "1:14 expected `world`, `interface` or `use`, found an identifier")]
    [InlineData("}", "1:1 expected `world`, `interface` or `use`, found '}'")]
    [InlineData("world w { func }", "1:11 expected `import`, `export`, `include`, `use`, or type definition, found keyword `func`")]
    [InlineData("interface i { 42 }", "1:15 expected `type`, `resource` or `func`, found an integer")]
    [InlineData("interface i { resource r { type } }", "1:28 expected `constructor` or identifier, found keyword `type`")]
    [InlineData("interface i { type x = list<u8, n>; }", "1:33 expected fixed-length, found an identifier")]
    [InlineData("interface i { type x = list<u8, 4294967296>; }", "1:33 invalid list size: number too large to fit in target type")]
    [InlineData("world w { import 1; }", "1:18 expected an identifier or string, found an integer")]
    [InlineData("world w { export %: func(); }", "1:18 identifiers must have characters between '-'s")]
    // Identifiers.
    [InlineData("interface Foo {}", "1:11 invalid character in identifier 'o'")]
    [InlineData("interface a--b {}", "1:11 identifiers must have characters between '-'s")]
    [InlineData("interface a- {}", "1:11 identifiers must have characters between '-'s")]
    [InlineData("interface _a {}", "1:11 invalid character in identifier '_'")]
    [InlineData("interface a_b {}", "1:11 invalid character in identifier '_'")]
    [InlineData("interface 東京 {}", "1:11 invalid character in identifier '東'")]
    [InlineData("interface %1a {}", "1:11 identifiers must have characters between '-'s")]
    [InlineData("interface % {}", "1:11 identifiers must have characters between '-'s")]
    [InlineData("interface i { type x = Bad-Name; }", "1:24 invalid character in identifier 'a'")]
    // Versions (semver crate messages on the whole version).
    [InlineData("package a:b@01.0.0;", "1:13 invalid leading zero in major version number")]
    [InlineData("package a:b@1.00.0;", "1:13 invalid leading zero in minor version number")]
    [InlineData("package a:b@1.0.0-01;", "1:13 invalid leading zero in pre-release identifier")]
    [InlineData("package a:b@99999999999999999999.0.0;", "1:13 value of major version number exceeds u64::MAX")]
    [InlineData("package a:b@1 .0.0;", "1:13 unexpected character ' ' after major version number")]
    [InlineData("package a:b@1.0;", "1:16 expected '.', found ';'")]
    [InlineData("package a:b@1.0.0-pre.;", "1:22 expected '{', found '.'")]
    [InlineData("package a:b@v1;", "1:13 expected an integer, found an identifier")]
    // Attributes.
    [InlineData("@foo interface i {}", "1:2 unknown attribute `foo`")]
    [InlineData("@since interface i {}", "1:8 expected '(', found keyword `interface`")]
    [InlineData("@since(feature = x) interface i {}", "1:8 expected `version`, found `feature`")]
    [InlineData("@unstable(version = 1.0.0) interface i {}", "1:11 expected `feature`, found `version`")]
    [InlineData("@since(version = 1.0.0 interface i {}", "1:24 expected ')', found keyword `interface`")]
    [InlineData("@deprecated(version = x) interface i {}", "1:23 expected an integer, found an identifier")]
    [InlineData("@external-id(abc) world w {}", "1:14 expected a string literal, found an identifier")]
    [InlineData("@since(version = 1.0.0) package a:b {}", "1:25 cannot place attributes on nested packages")]
    [InlineData("@since(version = 1.0.0) package a:b;", "1:25 cannot place attributes on nested packages")]
    // Packages.
    [InlineData("package a:b;\npackage c:d;", "2:12 expected '{', found ';'")]
    public void FirstDiagnostic(string text, string expected)
    {
        Assert.Equal(expected, ParseHelper.Parse(text).First);
    }

    [Fact]
    public void DanglingVersionPrefixIsIgnoredLikeWitParser()
    {
        // wit-parser eats the '-' but only extends the version over the identifiers after it.
        var result = ParseHelper.Parse("package a:b@1.0.0-;");
        Assert.Empty(result.Diagnostics.Items);
        Assert.Equal("1.0.0", result.Tree.Package!.Version!.ToString());
    }

    [Fact]
    public void ExpectedTokenErrorsUnderlineOneCharacter()
    {
        var rendered = ParseHelper.Parse("interface i { type x = u32\n  type y = u32; }", "x.wit").RenderFirst();
        Assert.Equal("""
            expected ';', found keyword `type`
                 --> x.wit:2:3
                  |
                2 |   type y = u32; }
                  |   ^
            """.Replace("\r\n", "\n"), rendered);
    }

    [Fact]
    public void ErrExpectedUnderlinesTheWholeToken()
    {
        var rendered = ParseHelper.Parse("interface i {\n  type option = u32;\n}", "x.wit").RenderFirst();
        Assert.Equal("""
            expected an identifier or string, found keyword `option`
                 --> x.wit:2:8
                  |
                2 |   type option = u32;
                  |        ^-----
            """.Replace("\r\n", "\n"), rendered);
    }

    [Fact]
    public void EndOfFileErrorsPointPastTheLastLine()
    {
        var result = ParseHelper.Parse("interface i {\n  type x = u32;\n");
        Assert.Equal("3:1 expected `type`, `resource` or `func`, found eof", result.First);
    }

    [Fact]
    public void TypeNestingTooDeep()
    {
        string deep = "interface i { type x = " + Repeat("list<", 100) + "u32" + Repeat(">", 100) + "; }";
        var result = ParseHelper.Parse(deep);
        Assert.Equal($"1:{24 + 500} type nesting too deep", result.First);
        Assert.Single(result.Diagnostics.Items);

        string ok = "interface i { type x = " + Repeat("list<", 99) + "u32" + Repeat(">", 99) + "; }";
        Assert.Empty(ParseHelper.Parse(ok).Diagnostics.Items);
    }

    [Fact]
    public void PackageNestingTooDeep()
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 101; i++) text.Append("package a:b").Append(i).Append(" {\n");
        for (int i = 0; i < 101; i++) text.Append("}\n");
        var result = ParseHelper.Parse(text.ToString());
        Assert.Equal("101:1 package nesting too deep", result.First);
        Assert.Single(result.Diagnostics.Items);
    }

    private static string Repeat(string s, int count) => new System.Text.StringBuilder().Insert(0, s, count).ToString();
}
