using System.IO;
using System.Linq;
using WitTools.BindGen.Tests.Guest;
using WitTools.Tests.Shared;

namespace WitTools.BindGen.Tests.Runtime;

/// <summary>The runtime files as they are in the repository compile with zero warnings (warning level 9999) for
/// both memory models and both targets; this test project compiles them too, but only as the emulated-memory,
/// net10.0 runtime. The shared files compile without the guest ones: a host can ship them alone.</summary>
public sealed class RuntimeCompileTests
{
    private static string[] Sources(params string[] folders) =>
        folders.SelectMany(f => Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "BindGen", "Runtime", f), "*.cs"))
            .OrderBy(p => p, System.StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();

    [Theory]
    [InlineData(Target.Net10, false)]
    [InlineData(Target.Net10, true)]
    [InlineData(Target.Net8, false)]
    [InlineData(Target.Net8, true)]
    public void Every_runtime_file_compiles_without_warnings(Target target, bool emulated)
    {
        var (problems, _) = GuestCompiler.Compile(Sources("Shared", "Guest"), emulated, target: target);
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }

    [Theory]
    [InlineData(Target.Net10)]
    [InlineData(Target.Net8)]
    public void The_host_runtime_compiles_with_the_shared_files_without_warnings(Target target)
    {
        var (problems, _) = GuestCompiler.Compile(Sources("Shared", "Host"), target: target);
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }

    [Theory]
    [InlineData(Target.Net10)]
    [InlineData(Target.Net8)]
    public void The_shared_files_compile_without_the_guest_ones(Target target)
    {
        var sources = Sources("Shared");
        Assert.NotEmpty(sources);
        var (problems, _) = GuestCompiler.Compile(sources, target: target);
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }
}
