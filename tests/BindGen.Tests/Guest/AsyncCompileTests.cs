using System.Collections.Generic;
using System.IO;
using System.Linq;
using WitTools.BindGen.Binding;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>
/// The async bindings compile with zero warnings: every world of every WASI 0.3.0 package (wasi:http `service` and
/// `middleware` included) and the async fixture, with stubs, on net8.0 and net10.0, for wasm32 and emulated memory.
/// </summary>
public sealed class AsyncCompileTests
{
    public static IEnumerable<object[]> Targets() =>
        from target in new[] { Target.Net10, Target.Net8 }
        from emulated in new[] { false, true }
        select new object[] { target, emulated };

    private static string Fixture => Path.Combine(global::WitTools.Tests.Shared.RepositoryPaths.Root, "tests", "BindGen.Tests", "Guest", "wit", "async");

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryWasi_0_3_0_world_compiles(Target target, bool emulated)
    {
        var worlds = new List<string>();
        foreach (var package in Directory.GetDirectories(Path.Combine(GuestCompiler.CorpusRoot, "wasi-0.3.0")).OrderBy(d => d, System.StringComparer.Ordinal))
        {
            var load = GuestCompiler.Load(package);
            foreach (var (name, id) in GuestCompiler.Worlds(load))
            {
                var files = GuestCompiler.Generate(load, id, stubs: true).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).ToList();
                var (problems, _) = GuestCompiler.Compile(files, emulated, target: target);
                Assert.True(problems.Count == 0, name + ":\n" + GuestCompiler.Describe(problems));
                worlds.Add(name);
            }
        }
        Assert.Equal(8, worlds.Count);
        Assert.Contains("wasi:http@0.3.0/service", worlds);
        Assert.Contains("wasi:http@0.3.0/middleware", worlds);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void The_async_fixture_compiles_in_both_result_mappings(Target target, bool emulated)
    {
        var load = GuestCompiler.Load(Fixture);
        foreach (var mapping in new[] { ResultMapping.Exceptions, ResultMapping.Result })
        {
            foreach (var (name, id) in GuestCompiler.Worlds(load))
            {
                var files = GuestCompiler.Generate(load, id, stubs: true, mapping: mapping).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).ToList();
                var (problems, _) = GuestCompiler.Compile(files, emulated, target: target);
                Assert.True(problems.Count == 0, name + " (" + mapping + "):\n" + GuestCompiler.Describe(problems));
            }
        }
    }
}
