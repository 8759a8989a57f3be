using System.Linq;
using WitTools.WitParser.Resolution;

namespace WitTools.WitParser.Tests.Resolution;

public class PhysicalWitFileSystemTests
{
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

    [Fact]
    public void LoaderReadsADirectoryFromDisk()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "witload-" + System.Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(dir, "deps", "dep"));
        try
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(dir, "root.wit"), "package a:root;\nworld w { import a:dep/i; }\n");
            System.IO.File.WriteAllText(System.IO.Path.Combine(dir, "deps", "dep", "i.wit"), "package a:dep;\ninterface i {}\n");
            var result = WitLoader.Load(dir, WitTools.WitParser.Model.FeatureSet.None);
            Assert.True(result.Success, result.RenderDiagnostics());
            Assert.Equal(new[] { "a:dep", "a:root" }, result.Resolve!.Packages.Items.Select(p => p.Name.ToString()));
            Assert.Equal(2, result.Sources.Files.Count);
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }
}
