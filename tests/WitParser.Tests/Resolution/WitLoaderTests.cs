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

    [Fact]
    public void UsesOfTwoVersionsOfAPackageResolveToEach()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit",
                "package a:root;\n\nworld w {\n  import a:dep/api@1.0.0;\n  import a:dep/api@2.0.0;\n}\n")
            .AddFile("p/deps/v1/api.wit", "package a:dep@1.0.0;\n\ninterface api {\n  old: func();\n}\n")
            .AddFile("p/deps/v2/api.wit", "package a:dep@2.0.0;\n\ninterface api {\n  new: func();\n}\n");
        var result = WitLoader.Load("p", FeatureSet.None, fs);
        Assert.True(result.Success, result.RenderDiagnostics());
        var resolve = result.Resolve!;
        var world = resolve.Worlds[resolve.Packages[result.MainPackages[0]].Worlds["w"]];
        Assert.Equal(new[] { "a:dep/api@1.0.0", "a:dep/api@2.0.0" }, world.Imports.Keys.Select(k => resolve.NameWorldKey(k)));

        var missing = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package a:root;\n\nworld w {\n  import a:dep/api@3.0.0;\n}\n")
            .AddFile("p/deps/v1/api.wit", "package a:dep@1.0.0;\n\ninterface api {}\n");
        Assert.StartsWith(
            "failed to resolve directory while parsing WIT for path [p]: package 'a:dep@3.0.0' not found. known packages:\n    a:dep@1.0.0\n    a:root\n",
            FirstError(WitLoader.Load("p", FeatureSet.None, missing)));
    }

    [Fact]
    public void CycleBetweenDependencyPackagesIsRenderedAtTheUse()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package a:root;\n\ninterface r {\n  use a:x/x.{t};\n}\n")
            .AddFile("p/deps/x/x.wit", "package a:x;\n\ninterface x {\n  use a:y/y.{t};\n}\n")
            .AddFile("p/deps/y/y.wit", "package a:y;\n\ninterface y {\n  use a:x/x.{t};\n}\n");
        Assert.Equal(
            "failed to resolve directory while parsing WIT for path [p]: package `a:x` creates a dependency cycle\n" +
            "     --> p/deps/y/y.wit:4:7\n" +
            "      |\n" +
            "    4 |   use a:x/x.{t};\n" +
            "      |       ^--",
            FirstError(WitLoader.Load("p", FeatureSet.None, fs)));
    }

    [Fact]
    public void ExportOverlapIsRejectedAtTheWorld()
    {
        const string text =
            "package a:b;\n\ninterface x {\n  type t = u8;\n}\n\ninterface y {\n  use x.{t};\n}\n\n" +
            "interface z {\n  use x.{t};\n  use y.{t as u};\n}\n\nworld w {\n  export x;\n  export z;\n}\n";
        Assert.Equal(
            "interface `a:b/z` transitively depends on an interface in incompatible ways\n" +
            "     --> o.wit:16:7\n" +
            "      |\n" +
            "   16 | world w {\n" +
            "      |       ^",
            FirstError(WitLoader.LoadText("o.wit", text, FeatureSet.None)));
    }

    [Fact]
    public void SinceGatesAreCheckedAgainstThePackageVersion()
    {
        Assert.StartsWith(
            "feature gate cannot reference unreleased version 0.3.0 of package [a:b@0.2.0] (current version 0.2.0)\n     --> s.wit:4:11",
            FirstError(WitLoader.LoadText("s.wit", "package a:b@0.2.0;\n\n@since(version = 0.3.0)\ninterface i {}\n", FeatureSet.None)));
        Assert.StartsWith(
            "package [a:b] contains a feature gate with a version specifier, so it must have a version",
            FirstError(WitLoader.LoadText("s.wit", "package a:b;\n\n@since(version = 0.3.0)\ninterface i {}\n", FeatureSet.None)));
    }

    [Fact]
    public void GatedDependencyInterfacesAreDroppedWithTheirUses()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit",
                "package a:root;\n\nworld w {\n  @unstable(feature = extra)\n  import a:dep/extra;\n  import a:dep/base;\n}\n")
            .AddFile("p/deps/dep.wit",
                "package a:dep;\n\ninterface base {}\n\n@unstable(feature = extra)\ninterface extra {}\n");
        var off = WitLoader.Load("p", FeatureSet.None, fs);
        Assert.True(off.Success, off.RenderDiagnostics());
        var offWorld = off.Resolve!.Worlds.Items.Single();
        Assert.Equal(new[] { "a:dep/base" }, offWorld.Imports.Keys.Select(k => off.Resolve.NameWorldKey(k)));

        var on = WitLoader.Load("p", new FeatureSet(new[] { "extra" }), fs);
        Assert.True(on.Success, on.RenderDiagnostics());
        Assert.Equal(2, on.Resolve!.Worlds.Items.Single().Imports.Count);
    }

    /// <summary>Every package folder of the WASI corpus resolves, and every
    /// world lists the interfaces its imports use before them.</summary>
    [Fact]
    public void WasiCorpusPackagesResolve()
    {
        string root = global::WitTools.Tests.Shared.WitCorpus.Root;
        int loaded = 0;
        foreach (var release in System.IO.Directory.GetDirectories(root))
        {
            foreach (var package in System.IO.Directory.GetDirectories(release))
            {
                var result = WitLoader.Load(package, FeatureSet.None);
                Assert.True(result.Success, package + ": " + result.RenderDiagnostics());
                var resolve = result.Resolve!;
                foreach (var world in resolve.Worlds.Items)
                {
                    var seen = new System.Collections.Generic.HashSet<InterfaceId>();
                    foreach (var item in world.Imports.Values.OfType<InterfaceWorldItem>())
                    {
                        foreach (var dep in resolve.InterfaceDirectDeps(item.Id)) Assert.Contains(dep, seen);
                        seen.Add(item.Id);
                    }
                }
                loaded++;
            }
        }
        Assert.True(loaded > 0);
    }
}
