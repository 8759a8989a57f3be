using System.Linq;
using WitTools.WitParser.Resolution;

namespace WitTools.WitParser.Tests.Resolution;

public class InMemoryWitFileSystemTests
{
    [Fact]
    public void ListsDirectChildrenSortedWithKinds()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("root/b.wit", "b")
            .AddFile("root/a.wit", "a")
            .AddFile("root/deps/x/x.wit", "x")
            .AddDirectory("root/empty");
        var entries = fs.ListDirectory("root")!;
        Assert.Equal(new[] { "a.wit", "b.wit", "deps/", "empty/" }, entries.Select(e => e.ToString()));
        Assert.True(fs.DirectoryExists("root/deps/x"));
        Assert.True(fs.FileExists("./root//a.wit"));
        Assert.False(fs.DirectoryExists("root/a.wit"));
        Assert.Null(fs.ListDirectory("missing"));
    }

    [Fact]
    public void ReadsUtf8StrictlyAndReportsMissingFiles()
    {
        var fs = new InMemoryWitFileSystem().AddFile("ok.wit", "héllo").AddFile("bad.wit", new byte[] { 0xc3, 0x28 });
        Assert.Equal("héllo", fs.ReadText("ok.wit").Text);
        Assert.Equal(WitFileReadStatus.InvalidUtf8, fs.ReadText("bad.wit").Status);
        Assert.Equal(WitFileReadStatus.NotFound, fs.ReadText("nope.wit").Status);
    }
}
