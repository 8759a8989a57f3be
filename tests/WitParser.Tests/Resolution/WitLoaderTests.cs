using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.WitParser.Tests.Resolution;

/// <summary>End-to-end loading of real WIT text through the public facade.</summary>
public class WitLoaderTests
{
    private static string FirstError(LoadResult result)
    {
        Assert.False(result.Success);
        return DiagnosticRenderer.Render(result.Diagnostics[0], result.Sources);
    }

    [Fact]
    public void LoadsAPackageWithDependencies()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("app/app.wit", "package my:app;\n\nworld app {\n  import my:dep/api;\n}\n")
            .AddFile("app/deps/dep/api.wit", "package my:dep;\n\ninterface types {\n  type id = u32;\n}\n\ninterface api {\n  use types.{id};\n  get: func() -> id;\n}\n");
        var result = WitLoader.Load("app", FeatureSet.None, fs);
        Assert.True(result.Success, result.RenderDiagnostics());
        var resolve = result.Resolve!;
        Assert.Equal(new[] { "my:dep", "my:app" }, resolve.Packages.Items.Select(p => p.Name.ToString()));
        var app = resolve.Packages[result.MainPackages.Single()];
        var world = resolve.Worlds[app.Worlds["app"]];
        // The interface the import uses is imported too, before it.
        Assert.Equal(new[] { "my:dep/types", "my:dep/api" }, world.Imports.Keys.Select(k => resolve.NameWorldKey(k)));
    }

    [Fact]
    public void FeatureGatesFollowTheFeatureSet()
    {
        const string text = "package my:gates;\n\ninterface i {\n  @unstable(feature = fancy)\n  fancy: func();\n  plain: func();\n}\n";
        var off = WitLoader.LoadText("g.wit", text, FeatureSet.None);
        Assert.True(off.Success, off.RenderDiagnostics());
        Assert.Equal(new[] { "plain" }, off.Resolve!.Interfaces.Items[0].Functions.Keys);
        var on = WitLoader.LoadText("g.wit", text, new FeatureSet(new[] { "fancy" }));
        Assert.Equal(new[] { "fancy", "plain" }, on.Resolve!.Interfaces.Items[0].Functions.Keys);
        var all = WitLoader.LoadText("g.wit", text, FeatureSet.All);
        Assert.Equal(2, all.Resolve!.Interfaces.Items[0].Functions.Count);
    }

    [Fact]
    public void MissingForeignInterfaceIsReportedAtItsUse()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package a:root;\n\ninterface i {\n  use a:dep/nope.{t};\n}\n")
            .AddFile("p/deps/dep.wit", "package a:dep;\n\ninterface yes {\n  type t = u8;\n}\n");
        Assert.Equal(
            "failed to resolve directory while parsing WIT for path [p]: interface 'nope' not found in package 'a:dep'\n" +
            "     --> p/root.wit:4:13\n" +
            "      |\n" +
            "    4 |   use a:dep/nope.{t};\n" +
            "      |             ^---",
            FirstError(WitLoader.Load("p", FeatureSet.None, fs)));
    }

    [Fact]
    public void SyntaxErrorsCarryTheDirectoryContext()
    {
        var fs = new InMemoryWitFileSystem().AddFile("p/a.wit", "package a:b;\n\ninterface {\n");
        Assert.StartsWith("failed to resolve directory while parsing WIT for path [p]: failed to parse package: p: ",
            FirstError(WitLoader.Load("p", FeatureSet.None, fs)));
    }

    [Fact]
    public void IncludeWithRenameAcrossPackages()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package a:root;\n\nworld top {\n  include a:dep/base with { run as go }\n}\n")
            .AddFile("p/deps/dep.wit", "package a:dep;\n\nworld base {\n  export run: func();\n}\n");
        var result = WitLoader.Load("p", FeatureSet.None, fs);
        Assert.True(result.Success, result.RenderDiagnostics());
        var resolve = result.Resolve!;
        var top = resolve.Worlds[resolve.Packages[result.MainPackages[0]].Worlds["top"]];
        Assert.Equal(new[] { "go" }, top.Exports.Keys.Select(k => k.ToString()));
    }
}
