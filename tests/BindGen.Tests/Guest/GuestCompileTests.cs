using System.Collections.Generic;
using System.IO;
using System.Linq;
using WitTools.BindGen.Guest;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>Every world of the WASI 0.2.12 corpus and of wit-examples: `generate --stubs` output compiles
/// with zero errors and zero warnings.</summary>
public sealed class GuestCompileTests
{
    public static IEnumerable<object[]> WasiPackages() =>
        new[] { "io", "clocks", "random", "filesystem", "sockets", "cli", "http" }.Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(WasiPackages))]
    public void EveryWasiWorldCompiles(string package)
    {
        var load = GuestCompiler.Load(Path.Combine(GuestCompiler.CorpusRoot, "wasi-0.2.12", package));
        var worlds = GuestCompiler.Worlds(load).ToList();
        Assert.NotEmpty(worlds);
        foreach (var (name, id) in worlds)
        {
            var files = GuestCompiler.Generate(load, id).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).ToList();
            var (problems, _) = GuestCompiler.Compile(files);
            Assert.True(problems.Count == 0, name + ":\n" + GuestCompiler.Describe(problems));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FactorizationCompilesInBothMemoryModesAndMappings(bool emulated)
    {
        var load = GuestCompiler.Load(Path.Combine(GuestCompiler.RepoRoot, "wit-examples", "factorization"));
        foreach (var mapping in new[] { ResultMapping.Exceptions, ResultMapping.Result })
        {
            var (_, id) = GuestCompiler.Worlds(load).Single();
            var files = GuestCompiler.Generate(load, id, mapping: mapping).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text);
            var (problems, _) = GuestCompiler.Compile(files, emulated);
            Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
        }
    }

    [Fact]
    public void KitchenSinkIsRejectedWithTheAbiReason()
    {
        // its record holds `tuple<>`, which the canonical ABI (wasmparser) rejects
        var load = GuestCompiler.Load(Path.Combine(GuestCompiler.RepoRoot, "wit-examples", "kitchen-sink"));
        foreach (var (_, id) in GuestCompiler.Worlds(load))
        {
            var generated = GuestGenerator.Generate(load.Resolve!, id, new GuestOptions());
            Assert.False(generated.Success);
            Assert.Empty(generated.Files);
            Assert.Contains("kitchen-sink.wit:29:5: function `type`: parameter `record`: tuple type must have at least one type", generated.Errors[0]);
        }
    }
}
