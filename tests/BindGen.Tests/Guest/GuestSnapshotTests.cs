using System.IO;
using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.Tests.Shared;
using SharedSnapshot = WitTools.Tests.Shared.Snapshot;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>Snapshots of generated bindings (`*.verified.cs` next to this file; WITTOOLS_UPDATE_SNAPSHOTS=1
/// rewrites them), each also compiled with zero warnings.</summary>
public sealed class GuestSnapshotTests
{
    private static string WitDir(string name, [System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "wit", name);

    /// <summary>Snapshots what the generator decides: the file set (kind and name), the errors, which runtime files
    /// the runtime holds (not their text: tests/BindGen.Tests/Runtime tests that), the bindings and the stubs.</summary>
    private static void Check(string path, string snapshot, ResultMapping mapping = ResultMapping.Exceptions)
    {
        var load = GuestCompiler.Load(path);
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var result = GuestCompiler.Generate(load, id, stubs: true, mapping);
        var files = result.Files;
        var (problems, _) = GuestCompiler.Compile(files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text));
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
        var runtime = files.Single(f => f.Kind == GuestFileKind.Runtime);
        Assert.Equal(GuestRuntime.Text(result.RootNamespace, result.Runtime), runtime.Text);

        var manifest = new System.Text.StringBuilder("// files\n");
        foreach (var file in files) manifest.Append("//   ").Append(file.Kind.ToString().ToLowerInvariant().PadRight(9)).Append(file.Name).Append('\n');
        manifest.Append("// errors: ").Append(result.Diagnostics.Count == 0 ? "none" : string.Join("; ", GuestCompiler.Errors(result, load.Resolve!))).Append('\n');
        manifest.Append(RuntimeSummary.Of(runtime.Text));
        // the bindings are one file per interface part plus the world class: snapshot them in file order
        string bindings = string.Concat(files.Where(f => f.Kind == GuestFileKind.Bindings).Select(f => "// ---- " + f.Name + "\n" + f.Text));
        var stubs = files.Single(f => f.Kind == GuestFileKind.Stubs);
        SharedSnapshot.Match(manifest + bindings, snapshot, "cs");
        SharedSnapshot.Match(stubs.Text, snapshot + "-stubs", "cs");
    }

    [Fact]
    public void Shapes() => Check(WitDir("shapes"), "shapes");

    [Fact]
    public void ShapesWithResultMapping() => Check(WitDir("shapes"), "shapes-result", ResultMapping.Result);

    [Fact]
    public void Factorization() => Check(global::WitTools.Tests.Shared.RepositoryPaths.Example("factorization"), "factorization");

    [Fact]
    public void RuntimeIsTrimmedToWhatIsUsed()
    {
        var load = GuestCompiler.Load(Path.Combine(GuestCompiler.CorpusRoot, "wasi-0.2.12", "random"));
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var runtime = GuestCompiler.Generate(load, id, stubs: false).Files.Single(f => f.Name == "WitRuntime.cs").Text;
        var paths = WitTools.BindGen.Runtime.RuntimeFile.PathsIn(runtime);
        Assert.Contains("Guest/WitMemory.cs", paths);
        Assert.DoesNotContain("Shared/Result.cs", paths);
        Assert.DoesNotContain("Shared/Option.cs", paths);
        Assert.DoesNotContain("Guest/WitResources.cs", paths);
    }

    [Fact]
    public void TheWasi_0_3_0_commandGeneratesItsAsyncImportsAndExports()
    {
        var load = GuestCompiler.Load(Path.Combine(GuestCompiler.CorpusRoot, "wasi-0.3.0", "cli"));
        var id = GuestCompiler.Worlds(load).Single(w => w.Name.EndsWith("/command")).Id;
        var result = GuestGenerator.Generate(load.Resolve!, id, new GuestOptions());
        Assert.True(result.Success, string.Join("\n", GuestCompiler.Errors(result, load.Resolve!)));
        string all = string.Concat(result.Files.Select(f => f.Text));
        Assert.Contains("public static global::System.Threading.Tasks.ValueTask WaitUntilAsync(ulong when, global::System.Threading.CancellationToken cancellationToken = default)", all);
        Assert.Contains("EntryPoint = \"[async-lift]wasi:cli/run@0.3.0#run\"", all);
        Assert.Contains("global::Wit.WitStreamReader<byte>", all);
    }

}
