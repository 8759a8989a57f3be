using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.BindGen.Runtime;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>Which runtime files a guest's <c>WitRuntime.cs</c> holds (<see cref="GuestRuntime"/>): every part the
/// bindings use, with what it needs, and compiles alone in both memory models.</summary>
public sealed class GuestRuntimeTests
{
    private static readonly string[] Always = { "Guest/WitTrapException.cs", "Guest/WitCleanup.cs", "Guest/WitMemory.cs" };

    // Host selects the host bindings' runtime instead (Host/HostGeneratorTests)
    public static IEnumerable<object[]> Features() =>
        typeof(RuntimeFeatures).GetProperties().Where(p => p.PropertyType == typeof(bool) && p.Name != nameof(RuntimeFeatures.Host)).Select(p => new object[] { p.Name });

    private static RuntimeFeatures With(string feature)
    {
        var features = new RuntimeFeatures();
        typeof(RuntimeFeatures).GetProperty(feature)!.SetValue(features, true);
        return features;
    }

    [Fact]
    public void Bindings_that_use_nothing_optional_get_the_memory_facade_and_traps()
    {
        Assert.Equal(Always.Append("Guest/CabiRealloc.cs"), GuestRuntime.FilePaths(new RuntimeFeatures()));
        Assert.Equal(Always, GuestRuntime.FilePaths(new RuntimeFeatures(), exportRealloc: false));
    }

    [Theory]
    [InlineData("Exceptions", new[] { "Shared/WitException.cs" })]
    [InlineData("Option", new[] { "Shared/Option.cs", "Shared/WitEquality.cs" })]
    [InlineData("Result", new[] { "Shared/WitException.cs", "Shared/Result.cs", "Shared/WitEquality.cs" })]
    [InlineData("Equality", new[] { "Shared/WitEquality.cs" })]
    [InlineData("Resources", new[] { "Guest/WitResources.cs", "Guest/WitImports.cs" })]
    [InlineData("TestHost", new[] { "Guest/WitTestHost.cs" })]
    [InlineData("Utf16Strings", new[] { "Guest/WitMemory.Utf16.cs" })]
    [InlineData("Latin1Utf16Strings", new[] { "Guest/WitMemory.Utf16.cs", "Guest/WitMemory.Latin1Utf16.cs" })]
    [InlineData("ExportAttributes", new[] { "Guest/WitExportAttributes.cs" })]
    [InlineData("WasmImports", new[] { "Guest/WitImports.cs", "Guest/WasmImportLinkageAttribute.cs" })]
    [InlineData("Async", new[] { "Guest/Async/WitAsyncAbi.cs", "Guest/Async/WitTask.cs", "Guest/Async/WitSubtask.cs", "Guest/WitTestHost.cs", "Guest/WasmImportLinkageAttribute.cs" })]
    [InlineData("Streams", new[] { "Guest/Async/WitAsyncAbi.cs", "Guest/Async/WitTask.cs", "Guest/Async/WitSubtask.cs", "Guest/Async/WitCopyEnd.cs", "Guest/Async/WitStream.cs", "Guest/WitTestHost.cs", "Guest/WasmImportLinkageAttribute.cs" })]
    [InlineData("ByteStreams", new[] { "Guest/Async/WitAsyncAbi.cs", "Guest/Async/WitTask.cs", "Guest/Async/WitSubtask.cs", "Guest/Async/WitCopyEnd.cs", "Guest/Async/WitStream.cs", "Guest/Async/WitByteStreams.cs", "Guest/WitTestHost.cs", "Guest/WasmImportLinkageAttribute.cs" })]
    [InlineData("Futures", new[] { "Guest/Async/WitAsyncAbi.cs", "Guest/Async/WitTask.cs", "Guest/Async/WitSubtask.cs", "Guest/Async/WitCopyEnd.cs", "Guest/Async/WitFuture.cs", "Guest/WitTestHost.cs", "Guest/WasmImportLinkageAttribute.cs" })]
    [InlineData("ErrorContext", new[] { "Guest/Async/WitErrorContext.cs", "Guest/WitTestHost.cs", "Guest/WasmImportLinkageAttribute.cs" })]
    public void Each_feature_adds_its_files_and_what_they_need(string feature, string[] files)
    {
        var paths = GuestRuntime.FilePaths(With(feature), exportRealloc: false);
        Assert.Equal(files.OrderBy(f => f), paths.Except(Always).OrderBy(f => f));
        Assert.Equal(paths, RuntimeFile.PathsIn(GuestRuntime.Text("Demo", With(feature), exportRealloc: false)));
    }

    [Fact]
    public void Every_feature_has_a_case_above()
    {
        var covered = typeof(GuestRuntimeTests).GetMethod(nameof(Each_feature_adds_its_files_and_what_they_need))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().Select(a => (string)a.GetData(null!).Single()[0]);
        Assert.Equal(Features().Select(f => (string)f[0]).OrderBy(f => f), covered.OrderBy(f => f));
    }

    [Fact]
    public void Only_the_runtime_that_exports_cabi_realloc_declares_it()
    {
        Assert.Contains("EntryPoint = \"cabi_realloc\"", GuestRuntime.Text("Demo", new RuntimeFeatures()));
        Assert.DoesNotContain("cabi_realloc\"", GuestRuntime.Text("Demo", new RuntimeFeatures(), exportRealloc: false));
    }

    /// <summary>Each feature's runtime in a namespace of its own, all in one compilation (a part that needs a file
    /// it does not select fails to find its types); only the first exports cabi_realloc.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_feature_alone_compiles_without_warnings(bool emulated)
    {
        var runtimes = Features().Select((f, i) => GuestRuntime.Text("Only" + (string)f[0], With((string)f[0]), exportRealloc: i == 0));
        var (problems, _) = GuestCompiler.Compile(runtimes, emulated);
        Assert.True(problems.Count == 0, (emulated ? "emulated" : "wasm32") + ":\n" + GuestCompiler.Describe(problems));
    }

    [Theory]
    [InlineData(Target.Net10)]
    [InlineData(Target.Net8)]
    public void Every_feature_together_compiles_without_warnings_in_both_memory_models(Target target)
    {
        var all = new RuntimeFeatures();
        foreach (var f in Features()) all.UnionWith(With((string)f[0]));
        foreach (bool emulated in new[] { false, true })
        {
            var (problems, _) = GuestCompiler.Compile(new[] { GuestRuntime.Text("Demo.App", all), GuestRuntime.Text("Other", all, exportRealloc: false) }, emulated, target: target);
            Assert.True(problems.Count == 0, target + (emulated ? " emulated" : " wasm32") + ":\n" + GuestCompiler.Describe(problems));
        }
    }
}
