using System.Collections.Generic;
using System.IO;
using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>Every world of the WASI 0.2.12 corpus and of wit-examples: `generate --stubs` output compiles
/// with zero errors and zero warnings.</summary>
public sealed class GuestCompileTests
{
    public static IEnumerable<object[]> WasiPackages() =>
        from package in new[] { "io", "clocks", "random", "filesystem", "sockets", "cli", "http" }
        from target in new[] { Target.Net10, Target.Net8 }
        select new object[] { package, target };

    [Theory]
    [MemberData(nameof(WasiPackages))]
    public void EveryWasiWorldCompiles(string package, Target target)
    {
        var load = GuestCompiler.Load(Path.Combine(GuestCompiler.CorpusRoot, "wasi-0.2.12", package));
        var worlds = GuestCompiler.Worlds(load).ToList();
        Assert.NotEmpty(worlds);
        foreach (var (name, id) in worlds)
        {
            var files = GuestCompiler.Generate(load, id).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).ToList();
            var (problems, _) = GuestCompiler.Compile(files, target: target);
            Assert.True(problems.Count == 0, name + ":\n" + GuestCompiler.Describe(problems));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FactorizationCompilesInBothMemoryModesAndMappings(bool emulated)
    {
        var load = GuestCompiler.Load(global::WitTools.Tests.Shared.RepositoryPaths.Example("factorization"));
        foreach (var mapping in new[] { ResultMapping.Exceptions, ResultMapping.Result })
        {
            var (_, id) = GuestCompiler.Worlds(load).Single();
            var files = GuestCompiler.Generate(load, id, mapping: mapping).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text);
            var (problems, _) = GuestCompiler.Compile(files, emulated);
            Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
        }
    }

    [Theory]
    [InlineData(Target.Net10)]
    [InlineData(Target.Net8)]
    public void EveryExampleWorldCompilesWithStubs(Target target)
    {
        foreach (var example in new[] { "factorization", "kitchen-sink" })
        {
            var load = GuestCompiler.Load(global::WitTools.Tests.Shared.RepositoryPaths.Example(example));
            var worlds = GuestCompiler.Worlds(load).ToList();
            Assert.NotEmpty(worlds);
            foreach (var (name, id) in worlds)
            {
                var generated = GuestCompiler.Generate(load, id, stubs: true);
                var (problems, _) = GuestCompiler.Compile(generated.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text), target: target);
                Assert.True(problems.Count == 0, name + ":\n" + GuestCompiler.Describe(problems));
            }
        }
    }

    /// <summary>The utf16 and latin1+utf16 runtime helpers (only emitted when used) compile warning-free on both
    /// targets and in both memory modes, for every kitchen-sink world (strings in params, results, records,
    /// lists, options, variants, resources).</summary>
    [Theory]
    [InlineData(Target.Net10, WitTools.BindGen.Abi.StringEncoding.Utf16)]
    [InlineData(Target.Net8, WitTools.BindGen.Abi.StringEncoding.Utf16)]
    [InlineData(Target.Net10, WitTools.BindGen.Abi.StringEncoding.Latin1Utf16)]
    [InlineData(Target.Net8, WitTools.BindGen.Abi.StringEncoding.Latin1Utf16)]
    public void KitchenSinkCompilesWithEveryStringEncoding(Target target, WitTools.BindGen.Abi.StringEncoding encoding)
    {
        var load = GuestCompiler.Load(global::WitTools.Tests.Shared.RepositoryPaths.Example("kitchen-sink"));
        foreach (var (name, id) in GuestCompiler.Worlds(load))
        {
            var files = GuestCompiler.Generate(load, id, stubs: true, encoding: encoding).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).ToList();
            foreach (bool emulated in new[] { false, true })
            {
                var (problems, _) = GuestCompiler.Compile(files, emulated, target: target);
                Assert.True(problems.Count == 0, name + (emulated ? " (emulated)" : "") + ":\n" + GuestCompiler.Describe(problems));
            }
        }
        var runtime = string.Concat(GuestCompiler.Worlds(load).Select(w => GuestCompiler.Generate(load, w.Id, encoding: encoding).Files.Single(f => f.Name == "WitRuntime.cs").Text));
        Assert.Contains("LiftStringUtf16", runtime);
        Assert.Equal(encoding == WitTools.BindGen.Abi.StringEncoding.Latin1Utf16, runtime.Contains("LiftStringLatin1Utf16"));
    }

    /// <summary>WASI 0.2.12 worlds full of strings (cli: environment, args, paths; http: headers, authorities) bound
    /// with utf16 and latin1+utf16 compile without warnings on both targets.</summary>
    [Theory]
    [InlineData("cli", Target.Net10, WitTools.BindGen.Abi.StringEncoding.Utf16)]
    [InlineData("cli", Target.Net8, WitTools.BindGen.Abi.StringEncoding.Latin1Utf16)]
    [InlineData("http", Target.Net8, WitTools.BindGen.Abi.StringEncoding.Utf16)]
    [InlineData("http", Target.Net10, WitTools.BindGen.Abi.StringEncoding.Latin1Utf16)]
    public void WasiWorldsCompileWithOtherStringEncodings(string package, Target target, WitTools.BindGen.Abi.StringEncoding encoding)
    {
        var load = GuestCompiler.Load(Path.Combine(GuestCompiler.CorpusRoot, "wasi-0.2.12", package));
        foreach (var (name, id) in GuestCompiler.Worlds(load))
        {
            var files = GuestCompiler.Generate(load, id, encoding: encoding).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).ToList();
            Assert.Contains(files, f => f.Contains("LiftStringUtf16"));
            var (problems, _) = GuestCompiler.Compile(files, target: target);
            Assert.True(problems.Count == 0, name + ":\n" + GuestCompiler.Describe(problems));
        }
    }

    [Fact]
    public void EveryKitchenSinkWorldCompilesWithStubs()
    {
        var load = GuestCompiler.Load(global::WitTools.Tests.Shared.RepositoryPaths.Example("kitchen-sink"));
        var worlds = GuestCompiler.Worlds(load).ToList();
        Assert.NotEmpty(worlds);
        foreach (var (name, id) in worlds)
        {
            var generated = GuestCompiler.Generate(load, id, stubs: true);
            Assert.True(generated.Success, name + ": " + string.Join("\n", GuestCompiler.Errors(generated, load.Resolve!)));
            var (problems, _) = GuestCompiler.Compile(generated.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text));
            Assert.True(problems.Count == 0, name + ":\n" + GuestCompiler.Describe(problems));
        }
    }

    [Fact]
    public void An_unimplemented_export_is_a_compile_error_naming_the_method_to_write()
    {
        var load = GuestCompiler.Load(global::WitTools.Tests.Shared.RepositoryPaths.Example("kitchen-sink"));
        var (_, id) = GuestCompiler.Worlds(load).First(w => w.Item1.EndsWith("base"));
        var generated = GuestCompiler.Generate(load, id, stubs: false);
        var (problems, _) = GuestCompiler.Compile(generated.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text));

        var problem = Assert.Single(problems);
        Assert.Equal("CS8795", problem.Id);
        Assert.Contains("BaseWorld.CreateExports()", problem.GetMessage());
    }

    [Fact]
    public void An_empty_tuple_is_rejected_with_the_abi_reason_and_location()
    {
        // WIT parses `tuple<>`, but the canonical ABI (wasmparser) rejects it.
        var load = WitTools.WitParser.Resolution.WitLoader.LoadText("empty.wit",
            "package t:e;\nworld w {\n  import f: func(x: tuple<>);\n}\n", WitTools.WitParser.Model.FeatureSet.None);
        Assert.True(load.Success);
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var generated = GuestGenerator.Generate(load.Resolve!, id, new GuestOptions());
        Assert.False(generated.Success);
        Assert.Empty(generated.Files);
        Assert.Contains("empty.wit:3:", GuestCompiler.Errors(generated, load.Resolve!)[0]);
        Assert.Contains("tuple type must have at least one type", GuestCompiler.Errors(generated, load.Resolve!)[0]);
    }
}
