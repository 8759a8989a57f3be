using WitTools.WitParser.Diagnostics;

namespace WitTools.WitParser.Tests;

public class NameSuggestionTests
{
    [Theory]
    [InlineData("prime-powr", "prime-power", 1)] // deletion
    [InlineData("factorise", "factorize", 1)] // substitution
    [InlineData("enm", "enum", 1)]
    [InlineData("u46", "u64", 1)] // adjacent swap
    [InlineData("recrod", "record", 1)]
    [InlineData("Prime-Power", "prime-power", 0)] // case is ignored
    [InlineData("abc", "xyz", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, NameSuggestion.Distance(a, b));
        Assert.Equal(expected, NameSuggestion.Distance(b, a));
    }

    [Fact]
    public void The_unique_nearest_name_within_the_allowed_distance_is_suggested()
    {
        Assert.Equal("prime-power", NameSuggestion.Nearest("prime-powr", new[] { "factorization", "prime-power", "algorithm" }));
        Assert.Equal("factorize", NameSuggestion.Nearest("factorise", new[] { "progress", "factorize", "factorizer" }));
        // the nearer of two close names
        Assert.Equal("points", NameSuggestion.Nearest("pointz", new[] { "points", "pint" }));
    }

    [Fact]
    public void Nothing_is_suggested_for_a_tie_a_distant_name_or_a_short_one()
    {
        Assert.Null(NameSuggestion.Nearest("cat", new[] { "bat", "hat" })); // two at distance 1
        Assert.Null(NameSuggestion.Nearest("prime-pwr", new[] { "prime-power-of" })); // too far
        Assert.Null(NameSuggestion.Nearest("ab", new[] { "ac" })); // below 3 characters: any name is 1 away
        Assert.Null(NameSuggestion.Nearest("abcd", new[] { "abxy" })); // 2 edits, 1 allowed for 4 characters
        Assert.Null(NameSuggestion.Nearest("same", new[] { "same" })); // not a suggestion of itself
        Assert.Null(NameSuggestion.Nearest("anything", System.Array.Empty<string>()));
    }

    [Theory]
    [InlineData("ab", 0)]
    [InlineData("abc", 1)]
    [InlineData("abcde", 1)]
    [InlineData("abcdef", 2)]
    [InlineData("a-very-long-name", 2)]
    public void The_allowed_distance_grows_with_the_length(string name, int allowed) =>
        Assert.Equal(allowed, NameSuggestion.AllowedDistance(name));
}
