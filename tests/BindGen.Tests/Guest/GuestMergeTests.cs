using System.IO;
using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Guest;

/// <summary><see cref="GuestGenerator.Merge"/>: several worlds in one project, with one C# type per WIT
/// interface, one runtime per root namespace, and clear errors when worlds cannot coexist.</summary>
public sealed class GuestMergeTests
{
    private const string Shared = "package demo:shared;\ninterface log {\n    enum level { info, warn }\n    record entry { level: level, text: string }\n    write: func(e: entry) -> result<_, string>;\n}\n";

    private static LoadResult LoadText(string text)
    {
        var load = WitLoader.LoadText("test.wit", text, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        return load;
    }

    private static WorldId World(LoadResult load, string name) => GuestCompiler.Worlds(load).Single(w => w.Name.EndsWith("/" + name)).Id;

    private static GuestResult Generate(LoadResult load, string world, GuestOptions? options = null)
    {
        var result = GuestGenerator.Generate(load.Resolve!, World(load, world), options ?? new GuestOptions());
        Assert.True(result.Success, string.Join("\n", GuestCompiler.Errors(result, load.Resolve!)));
        return result;
    }

    private static void AssertCompiles(GuestMergeResult merged, bool emulated = false)
    {
        Assert.True(merged.Success, string.Join("\n", merged.Errors.Select(e => e.Message)));
        var (problems, _) = GuestCompiler.Compile(merged.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text), emulated);
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }

    [Fact]
    public void Two_worlds_of_one_package_share_interface_files_and_one_runtime()
    {
        var load = LoadText("package demo:app;\ninterface log {\n    record entry { text: string }\n    write: func(e: entry);\n}\n"
            + "world a { import log; import run: func(); }\nworld b { import log; import now: func() -> u64; import tick: func() -> option<option<u8>>; }\n");
        var a = Generate(load, "a");
        var b = Generate(load, "b");
        // the interface's files are identical, whichever world asked for them
        Assert.Equal(a.Files.Single(f => f.Name == "Demo.App.Log.cs").Text, b.Files.Single(f => f.Name == "Demo.App.Log.cs").Text);

        var merged = GuestGenerator.Merge(new[] { a, b });
        AssertCompiles(merged);
        AssertCompiles(merged, emulated: true);
        Assert.Equal(new[] { "Demo.App.Log.cs", "Demo.App.Log.Imports.cs", "Demo.App.AWorld.cs", "a.wit", "Demo.App.BWorld.cs", "b.wit", "WitRuntime.cs" },
            merged.Files.Select(f => f.Name));
        // the runtime holds what either world uses (b's option<option<T>>)
        Assert.Contains("struct Option<", merged.Files.Single(f => f.Kind == GuestFileKind.Runtime).Text);
        Assert.DoesNotContain("struct Option<", a.Files.Single(f => f.Kind == GuestFileKind.Runtime).Text);
    }

    [Fact]
    public void Worlds_of_two_resolves_sharing_a_dependency_merge_into_one_namespace()
    {
        var one = LoadText(Shared.Replace("package demo:shared;", "package demo:one;\nworld one { import demo:shared/log; import go: func(); }\npackage demo:shared {") + "}\n");
        var two = LoadText(Shared.Replace("package demo:shared;", "package demo:two;\nworld two { import demo:shared/log; import demo:shared/log2; }\npackage demo:shared {") + "interface log2 { use log.{entry}; read: func() -> list<entry>; }\n}\n");
        var merged = GuestGenerator.Merge(new[] { Generate(one, "one"), Generate(two, "two") });
        AssertCompiles(merged);
        Assert.Single(merged.Files, f => f.Name == "Demo.Shared.Log.cs");
        Assert.Single(merged.Files, f => f.Kind == GuestFileKind.Runtime);
    }

    [Fact]
    public void Two_namespaces_get_two_runtimes_and_cabi_realloc_once()
    {
        var load = LoadText("package demo:app;\ninterface log { write: func(text: string); }\nworld a { import log; }\nworld b { import log; }\n");
        var merged = GuestGenerator.Merge(new[] { Generate(load, "a", new GuestOptions { RootNamespace = "One" }), Generate(load, "b", new GuestOptions { RootNamespace = "Two" }) });
        AssertCompiles(merged);
        var runtimes = merged.Files.Where(f => f.Kind == GuestFileKind.Runtime).ToList();
        Assert.Equal(new[] { "One", "Two" }, runtimes.Select(r => r.RootNamespace));
        Assert.Equal(1, runtimes.Count(r => r.Text.Contains("EntryPoint = \"cabi_realloc\"")));
        Assert.Equal(2, merged.Files.Count(f => f.Name == "Demo.App.Log.cs"));
    }

    [Fact]
    public void Every_wasi_world_merged_into_one_namespace_compiles()
    {
        var results = new[] { "io", "clocks", "random", "filesystem", "sockets", "cli", "http" }
            .SelectMany(package =>
            {
                var load = GuestCompiler.Load(Path.Combine(GuestCompiler.CorpusRoot, "wasi-0.2.12", package));
                return GuestCompiler.Worlds(load).Select(w => GuestCompiler.Generate(load, w.Id, stubs: true));
            })
            .ToList();
        // wasi:cli/command exports wasi:cli/run, wasi:http/proxy exports wasi:http/incoming-handler: no clash
        var merged = GuestGenerator.Merge(results);
        Assert.True(merged.Success, string.Join("\n", merged.Errors.Select(e => e.Message)));
        Assert.Equal(9, results.Count);
        foreach (var target in new[] { Target.Net10, Target.Net8 })
        {
            var (problems, _) = GuestCompiler.Compile(merged.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text), target: target);
            Assert.True(problems.Count == 0, target + ":\n" + GuestCompiler.Describe(problems));
        }
        Assert.Single(merged.Files, f => f.Name == "Wasi.Io.Streams.cs");
        Assert.Single(merged.Files, f => f.Kind == GuestFileKind.Runtime);
    }

    [Fact]
    public void Importing_and_exporting_one_interface_from_two_worlds_shares_its_types()
    {
        var load = LoadText("package demo:app;\ninterface math {\n    record pair { a: s32, b: s32 }\n    add: func(p: pair) -> s32;\n}\nworld user { import math; }\nworld provider { export math; }\n");
        var merged = GuestGenerator.Merge(new[] { Generate(load, "user"), Generate(load, "provider") });
        Assert.True(merged.Success, string.Join("\n", merged.Errors.Select(e => e.Message)));
        Assert.Contains(merged.Files, f => f.Name == "Demo.App.Math.Imports.cs");
        Assert.Contains(merged.Files, f => f.Name == "Demo.App.Math.Exports.cs");
        var (problems, _) = GuestCompiler.Compile(merged.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text)
            .Append("namespace Wit.Demo.App { public static partial class ProviderWorld { private static partial global::Wit.Demo.App.Math.IMath CreateMath() => null!; } }"));
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }

    [Fact]
    public void Two_worlds_exporting_one_name_are_an_error_naming_both()
    {
        var load = LoadText("package demo:app;\ninterface math { add: func(a: s32, b: s32) -> s32; }\nworld a { export math; }\nworld b { export math; export run: func(); }\n");
        var merged = GuestGenerator.Merge(new[] { Generate(load, "a"), Generate(load, "b") });
        var error = Assert.Single(merged.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal("worlds `demo:app/a` and `demo:app/b` both export `demo:app/math#add`; a component exports each name once: generate only one of the worlds that export it", error.Message);
        Assert.DoesNotContain(merged.Files, f => f.Name == "Demo.App.BWorld.cs");
    }

    [Fact]
    public void Resources_imported_by_one_world_and_exported_by_another_cannot_share_a_namespace()
    {
        var load = LoadText("package demo:app;\ninterface store { resource blob { size: func() -> u32; } }\nworld user { import store; }\nworld provider { export store; }\n");
        var user = Generate(load, "user");
        var provider = Generate(load, "provider");
        var error = Assert.Single(GuestGenerator.Merge(new[] { user, provider }).Errors);
        Assert.StartsWith("worlds `demo:app/user` and `demo:app/provider` need different code for `Demo.App.Store.cs` in the namespace `Wit`", error.Message);
        Assert.EndsWith("generate them into different namespaces", error.Message);
        var separate = GuestGenerator.Merge(new[] { user, Generate(load, "provider", new GuestOptions { RootNamespace = "Provided" }) });
        Assert.True(separate.Success);
        var (problems, _) = GuestCompiler.Compile(separate.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text)
            .Append("namespace Provided.Demo.App { public static partial class ProviderWorld { private static partial global::Provided.Demo.App.Store.IStore CreateStore() => null!; } }"));
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }

    [Fact]
    public void Different_options_in_one_namespace_are_an_error()
    {
        var load = LoadText("package demo:app;\ninterface math { div: func(a: s32, b: s32) -> result<s32, string>; }\nworld a { import math; }\nworld b { import math; }\n");
        var merged = GuestGenerator.Merge(new[] { Generate(load, "a"), Generate(load, "b", new GuestOptions { ResultMapping = ResultMapping.Result }) });
        Assert.Equal("worlds `demo:app/a` and `demo:app/b` are generated into the namespace `Wit` with different options (result mapping `exceptions` and result mapping `result`); generate them into different namespaces",
            Assert.Single(merged.Errors).Message);
    }

    [Fact]
    public void Two_versions_of_a_package_under_one_name_are_an_error()
    {
        const string Dep = "package demo:dep@{0} {{ interface api {{ f: func() -> u{1}; }} }}\n";
        var one = LoadText("package demo:one;\nworld one { import demo:dep/api@1.0.0; }\n" + string.Format(Dep, "1.0.0", 8));
        var two = LoadText("package demo:two;\nworld two { import demo:dep/api@2.0.0; }\n" + string.Format(Dep, "2.0.0", 16));
        var error = Assert.Single(GuestGenerator.Merge(new[] { Generate(one, "one"), Generate(two, "two") }).Errors);
        Assert.StartsWith("worlds `demo:one/one` and `demo:two/two` need different code for `Demo.Dep.Api", error.Message);
    }
}

/// <summary>The source generator carries <see cref="RuntimeFeatures"/> as text between its steps.</summary>
public sealed class RuntimeFeaturesTests
{
    [Fact]
    public void Every_part_round_trips_through_its_text()
    {
        foreach (var property in typeof(RuntimeFeatures).GetProperties().Where(p => p.PropertyType == typeof(bool)))
        {
            var features = new RuntimeFeatures();
            property.SetValue(features, true);
            var parsed = RuntimeFeatures.Parse(features.ToString());
            Assert.True((bool)property.GetValue(parsed)!, property.Name + " is missing from RuntimeFeatures.Parts");
            var union = new RuntimeFeatures();
            union.UnionWith(features);
            Assert.True((bool)property.GetValue(union)!, property.Name);
        }
    }
}

/// <summary>Namespaces of packages with versions.</summary>
public sealed class GuestVersionNamespaceTests
{
    private const string Wit = "package demo:app;\nworld one { import demo:dep/api@1.0.0; }\nworld two { import demo:dep/api@2.0.0; }\nworld plain { import demo:other/api@1.0.0; }\n"
        + "package demo:dep@1.0.0 { interface api { f: func() -> u8; } }\npackage demo:dep@2.0.0 { interface api { f: func() -> u16; } }\n"
        + "package demo:other@1.0.0 { interface api { g: func(); } }\n";

    [Fact]
    public void Two_versions_in_the_resolved_wit_get_version_segments_in_every_world_and_merge()
    {
        var load = WitLoader.LoadText("test.wit", Wit, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        var results = new[] { "one", "two", "plain" }
            .Select(w => GuestGenerator.Generate(load.Resolve!, GuestCompiler.Worlds(load).Single(x => x.Name.EndsWith("/" + w)).Id, new GuestOptions()))
            .ToList();
        // each world uses one version only, yet names it with its version: the two never meet under one name
        Assert.Contains(results[0].Files, f => f.Name == "Demo.Dep.V1_0_0.Api.cs");
        Assert.Contains(results[1].Files, f => f.Name == "Demo.Dep.V2_0_0.Api.cs");
        // a package with one version keeps the short namespace
        Assert.Contains(results[2].Files, f => f.Name == "Demo.Other.Api.cs");
        var merged = GuestGenerator.Merge(results);
        Assert.True(merged.Success, string.Join("\n", merged.Errors.Select(e => e.Message)));
        var (problems, _) = GuestCompiler.Compile(merged.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text));
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }
}

/// <summary>One world that imports and exports the same interface (middleware).</summary>
public sealed class GuestImportAndExportTests
{
    [Fact]
    public void A_world_importing_and_exporting_one_interface_compiles_with_one_class()
    {
        var load = WitLoader.LoadText("test.wit", "package demo:app;\ninterface math {\n    record pair { a: s32, b: s32 }\n    add: func(p: pair) -> s32;\n}\nworld middle { import math; export math; }\n", FeatureSet.None);
        Assert.True(load.Success);
        var result = GuestGenerator.Generate(load.Resolve!, GuestCompiler.Worlds(load).Single().Id, new GuestOptions { Stubs = true });
        Assert.True(result.Success, string.Join("\n", GuestCompiler.Errors(result, load.Resolve!)));
        Assert.Equal(new[] { "Demo.App.Math.cs", "Demo.App.Math.Imports.cs", "Demo.App.Math.Exports.cs" }, result.Files.Select(f => f.Name).Take(3));
        var (problems, _) = GuestCompiler.Compile(result.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text));
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }
}
