using SemVersion = WitTools.WitParser.Model.SemVersion;
using System.Linq;
using WitTools.WitParser.Syntax;

namespace WitTools.WitParser.Tests.Model;

/// <summary>Version parsing (the semver crate's rules and messages, which wit-parser reports) and ordering.</summary>
public class SemVersionParsingTests
{
    [Theory]
    [InlineData("0.0.0")]
    [InlineData("1.2.3")]
    [InlineData("10.20.30-alpha")]
    [InlineData("1.0.0-alpha.1")]
    [InlineData("1.0.0-0.3.7")]
    [InlineData("1.0.0-x-y-z.--")]
    [InlineData("1.0.0+001")]
    [InlineData("1.0.0-rc.1+build.123")]
    [InlineData("18446744073709551615.0.0")]
    public void ValidVersionsRoundTrip(string text)
    {
        Assert.True(SemVersion.TryParse(text, out var version, out var error), error);
        Assert.Equal(text, version!.ToString());
    }

    [Theory]
    [InlineData("", "empty string, expected a semver version")]
    [InlineData("1", "unexpected end of input while parsing major version number")]
    [InlineData("1.2", "unexpected end of input while parsing minor version number")]
    [InlineData("1.2.", "unexpected end of input while parsing patch version number")]
    [InlineData("a.2.3", "unexpected character 'a' while parsing major version number")]
    [InlineData("1;2.3", "unexpected character ';' after major version number")]
    [InlineData("01.2.3", "invalid leading zero in major version number")]
    [InlineData("1.2.03", "invalid leading zero in patch version number")]
    [InlineData("18446744073709551616.0.0", "value of major version number exceeds u64::MAX")]
    [InlineData("1.2.3-", "empty identifier segment in pre-release identifier")]
    [InlineData("1.2.3-a..b", "empty identifier segment in pre-release identifier")]
    [InlineData("1.2.3-01", "invalid leading zero in pre-release identifier")]
    [InlineData("1.2.3+", "empty identifier segment in build metadata")]
    [InlineData("1.2.3 ", "unexpected character ' ' after patch version number")]
    [InlineData("1.2.3-a b", "unexpected character ' ' after pre-release identifier")]
    [InlineData("1.2.3+a_b", "unexpected character '_' after build metadata")]
    public void InvalidVersions(string text, string message)
    {
        Assert.False(SemVersion.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void BuildMetadataMayHaveLeadingZeros()
    {
        Assert.True(SemVersion.TryParse("1.0.0+01", out _, out _));
        Assert.True(SemVersion.TryParse("1.0.0-0a", out _, out _));
    }

    [Fact]
    public void PrecedenceFollowsSemver()
    {
        string[] ordered = { "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0" };
        var versions = ordered.Select(SemVersion.Parse).ToList();
        for (int i = 0; i + 1 < versions.Count; i++)
        {
            Assert.True(versions[i] < versions[i + 1], $"{versions[i]} < {versions[i + 1]}");
            Assert.True(versions[i + 1] > versions[i]);
        }
        Assert.Equal(SemVersion.Parse("1.2.3"), SemVersion.Parse("1.2.3"));
        Assert.NotEqual(SemVersion.Parse("1.2.3"), SemVersion.Parse("1.2.3+b"));
    }
}
