using WitTools.WitParser.Model;

namespace WitTools.WitParser.Tests.Model;

public class SemVersionTests
{
    [Theory]
    [InlineData("1.2.3")]
    [InlineData("0.0.0")]
    [InlineData("1.0.0-alpha.1")]
    [InlineData("1.0.0-x-y.0.a1")]
    [InlineData("1.0.0+build.007")]
    [InlineData("2.1.0-rc.1+sha.abc")]
    [InlineData("18446744073709551615.0.0")]
    public void RoundTripsFormatting(string text)
    {
        Assert.True(SemVersion.TryParse(text, out var v, out var error), error);
        Assert.Equal(text, v!.ToString());
    }

    [Fact]
    public void ExposesComponents()
    {
        var v = SemVersion.Parse("3.4.5-pre.2+b");
        Assert.Equal(3UL, v.Major);
        Assert.Equal(4UL, v.Minor);
        Assert.Equal(5UL, v.Patch);
        Assert.Equal("pre.2", v.Pre);
        Assert.Equal("b", v.Build);
    }

    [Theory]
    [InlineData("", "empty string, expected a semver version")]
    [InlineData("1", "unexpected end of input while parsing major version number")]
    [InlineData("1.2", "unexpected end of input while parsing minor version number")]
    [InlineData("1.2.", "unexpected end of input while parsing patch version number")]
    [InlineData("01.2.3", "invalid leading zero in major version number")]
    [InlineData("1.02.3", "invalid leading zero in minor version number")]
    [InlineData("1.2.3-01", "invalid leading zero in pre-release identifier")]
    [InlineData("1.2.3-", "empty identifier segment in pre-release identifier")]
    [InlineData("1.2.3-a..b", "empty identifier segment in pre-release identifier")]
    [InlineData("1.2.3+", "empty identifier segment in build metadata")]
    [InlineData("1.2.3x", "unexpected character 'x' after patch version number")]
    [InlineData("v1.2.3", "unexpected character 'v' while parsing major version number")]
    [InlineData("1.2.3-a_b", "unexpected character '_' after pre-release identifier")]
    [InlineData("18446744073709551616.0.0", "value of major version number exceeds u64::MAX")]
    public void RejectsLikeTheSemverCrate(string text, string message)
    {
        Assert.False(SemVersion.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void BuildMetadataMayHaveLeadingZeros()
    {
        Assert.True(SemVersion.TryParse("1.0.0+001", out _));
    }

    [Theory]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta")]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11")]
    [InlineData("1.0.0-rc.1", "1.0.0")]
    [InlineData("1.0.0", "1.0.0+build")]
    [InlineData("1.9.0", "1.10.0")]
    [InlineData("0.2.9", "1.0.0")]
    public void OrdersBySemverPrecedence(string lower, string higher)
    {
        var a = SemVersion.Parse(lower);
        var b = SemVersion.Parse(higher);
        Assert.True(a < b);
        Assert.True(b > a);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void EqualVersionsAreEqualAndHashAlike()
    {
        var a = SemVersion.Parse("1.2.3-a");
        var b = SemVersion.Parse("1.2.3-a");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, a.CompareTo(b));
    }
}
