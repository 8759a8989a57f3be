using WitTools.WitParser.Lexing;

namespace WitTools.WitParser.Tests.Lexing;

public class IdentifierRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("abc")]
    [InlineData("abc-def")]
    [InlineData("a0")]
    [InlineData("ABC")]
    [InlineData("ABC-def-GHI")]
    [InlineData("is-XML")]
    [InlineData("x-0")]
    [InlineData("a1-23-4b5c-67DE")]
    public void Valid(string id)
    {
        Assert.Null(IdentifierRules.Validate(id));
    }

    [Theory]
    [InlineData("", "identifiers must have characters between '-'s")]
    [InlineData("a-", "identifiers must have characters between '-'s")]
    [InlineData("a--b", "identifiers must have characters between '-'s")]
    [InlineData("0a", "invalid character in identifier '0'")]
    [InlineData("Ab", "invalid character in identifier 'b'")]
    [InlineData("aB", "invalid character in identifier 'B'")]
    [InlineData("a-Bc", "invalid character in identifier 'c'")]
    [InlineData("a_b", "invalid character in identifier '_'")]
    [InlineData("a.b", "invalid character in identifier '.'")]
    [InlineData("ça", "invalid character in identifier 'ç'")]
    [InlineData("a\u200Cb", "invalid character in identifier '\\u{200c}'")]
    public void Invalid(string id, string message)
    {
        Assert.Equal(message, IdentifierRules.Validate(id));
    }
}
