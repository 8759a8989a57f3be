using WitTools.WitParser.Model;

namespace WitTools.WitParser.Tests.Model;

public class PackageNameTests
{
    [Fact]
    public void FormatsWithAndWithoutVersion()
    {
        Assert.Equal("wasi:http", new PackageName("wasi", "http").ToString());
        Assert.Equal("wasi:http@0.2.0", new PackageName("wasi", "http", SemVersion.Parse("0.2.0")).ToString());
    }

    [Fact]
    public void QualifiesInterfaceNames()
    {
        var name = new PackageName("a", "b", SemVersion.Parse("1.0.0"));
        Assert.Equal("a:b/iface@1.0.0", name.QualifyInterface("iface"));
        Assert.Equal("a:b/iface", new PackageName("a", "b").QualifyInterface("iface"));
    }

    [Fact]
    public void EqualityIncludesVersion()
    {
        var plain = new PackageName("a", "b");
        var v1 = new PackageName("a", "b", SemVersion.Parse("1.0.0"));
        Assert.Equal(plain, new PackageName("a", "b"));
        Assert.NotEqual(plain, v1);
        Assert.Equal(v1, new PackageName("a", "b", SemVersion.Parse("1.0.0")));
        Assert.True(plain.CompareTo(v1) < 0);
    }

    [Theory]
    [InlineData("1.2.3", "1.0.0", "1")]
    [InlineData("0.2.3", "0.2.0", "0.2")]
    [InlineData("0.0.3", "0.0.3", "0.0.3")]
    [InlineData("1.2.3-rc.1+b", "1.2.3-rc.1", "1.2.3-rc.1")]
    [InlineData("2.0.0+meta", "2.0.0", "2")]
    public void ComputesCompatTracks(string version, string track, string trackString)
    {
        var v = SemVersion.Parse(version);
        Assert.Equal(track, PackageName.VersionCompatTrack(v).ToString());
        Assert.Equal(trackString, PackageName.VersionCompatTrackString(v));
    }
}
