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

    [Fact]
    public void PhysicalFileSystemReadsDisk()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "witfs-" + System.Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(dir, "sub"));
        try
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(dir, "z.wit"), "package a:b;");
            System.IO.File.WriteAllBytes(System.IO.Path.Combine(dir, "bad.wit"), new byte[] { 0xff });
            var fs = PhysicalWitFileSystem.Instance;
            Assert.Equal(new[] { "bad.wit", "sub/", "z.wit" }, fs.ListDirectory(dir)!.Select(e => e.ToString()));
            Assert.Equal("package a:b;", fs.ReadText(System.IO.Path.Combine(dir, "z.wit")).Text);
            Assert.Equal(WitFileReadStatus.InvalidUtf8, fs.ReadText(System.IO.Path.Combine(dir, "bad.wit")).Status);
            Assert.Equal(WitFileReadStatus.NotFound, fs.ReadText(System.IO.Path.Combine(dir, "none.wit")).Status);
            Assert.Equal(WitFileReadStatus.NotFound, fs.ReadText("").Status);
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }
}
