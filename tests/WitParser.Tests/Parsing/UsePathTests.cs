using WitTools.WitParser.Parsing;

namespace WitTools.WitParser.Tests.Parsing;

/// <summary>Standalone paths (world selectors), as wit-parser's parse_use_path reads them.</summary>
public class UsePathTests
{
    [Fact]
    public void LocalName()
    {
        var path = Parser.ParseUsePath("my-world", out var error);
        Assert.Null(error);
        Assert.True(path!.IsLocal);
        Assert.Equal("my-world", path.Name.Name);
    }

    [Fact]
    public void QualifiedNameWithVersion()
    {
        var path = Parser.ParseUsePath("wasi:cli/command@0.2.0", out var error);
        Assert.Null(error);
        Assert.Equal("wasi:cli@0.2.0", path!.Package!.ToString());
        Assert.Equal("command", path.Name.Name);
    }

    [Theory]
    [InlineData("a b", "trailing tokens in path specifier")]
    [InlineData("a:b", "expected `/`, found eof")]
    [InlineData("", "expected an identifier or string, found eof")]
    [InlineData("Bad", "invalid character in identifier 'a'")]
    [InlineData("a:b/c@1", "expected '.', found eof")]
    public void Errors(string text, string message)
    {
        Assert.Null(Parser.ParseUsePath(text, out var error));
        Assert.Equal(message, error);
    }
}
