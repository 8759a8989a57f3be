using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Runtime;
using WitTools.BindGen.Guest;
using WitTools.BindGen.Host;
using WitTools.BindGen.Tests.Guest;
using WitTools.Tests.Shared;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using SharedSnapshot = WitTools.Tests.Shared.Snapshot;

namespace WitTools.BindGen.Tests.Host;

/// <summary>
/// The host side of the binding model (<see cref="BindingBuilder.BuildHost"/>) and its printer: what is decided (names,
/// contracts, roles, slots, refusals with their location), the generated text (snapshot), and that it compiles with zero
/// warnings for the examples and WASI worlds.
/// </summary>
public sealed class HostGeneratorTests
{
    private static string WitDir(string name, [System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "wit", name);

    private static GuestResult Generate(LoadResult load, WorldId world, ResultMapping mapping = ResultMapping.Exceptions)
    {
        var result = HostGenerator.Generate(load.Resolve!, world, new GuestOptions { ResultMapping = mapping });
        Assert.True(result.Success, string.Join("\n", GuestCompiler.Errors(result, load.Resolve!)));
        return result;
    }

    private static void CompilesClean(GuestResult result)
    {
        var (problems, _) = GuestCompiler.Compile(result.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text));
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }

    private static HostBindingResult Build(string wit, string world)
    {
        var load = WitLoader.LoadText("test.wit", wit, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        var id = GuestCompiler.Worlds(load).Single(w => w.Name.EndsWith("/" + world)).Id;
        return BindingBuilder.BuildHost(load.Resolve!, id, BindingOptions.Default);
    }

    private static void CompilesClean(string wit, string world)
    {
        var load = WitLoader.LoadText("test.wit", wit, FeatureSet.None);
        var id = GuestCompiler.Worlds(load).Single(w => w.Name.EndsWith("/" + world)).Id;
        CompilesClean(Generate(load, id));
    }

    private static string[] Errors(string wit, string world)
    {
        var load = WitLoader.LoadText("test.wit", wit, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        var id = GuestCompiler.Worlds(load).Single(w => w.Name.EndsWith("/" + world)).Id;
        var result = BindingBuilder.BuildHost(load.Resolve!, id, BindingOptions.Default);
        Assert.False(result.Success);
        return result.Diagnostics.Select(d => load.Resolve!.SourceMap.RenderLocation(d.Span) + ": " + d.Message).ToArray();
    }

    [Fact]
    public void FactorizationSnapshot()
    {
        var load = GuestCompiler.Load(RepositoryPaths.Example("factorization"));
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var result = Generate(load, id);
        CompilesClean(result);
        var runtime = result.Files.Single(f => f.Kind == GuestFileKind.Runtime);
        var manifest = new System.Text.StringBuilder("// files\n");
        foreach (var file in result.Files) manifest.Append("//   ").Append(file.Kind.ToString().ToLowerInvariant().PadRight(9)).Append(file.Name).Append('\n');
        manifest.Append(RuntimeSummary.Of(runtime.Text));
        string bindings = string.Concat(result.Files.Where(f => f.Kind == GuestFileKind.Bindings).Select(f => "// ---- " + f.Name + "\n" + f.Text));
        SharedSnapshot.Match(manifest + bindings, "factorization-host", "cs");
    }

    [Fact]
    public void TheSameCSharpTypesAsTheGuest()
    {
        // records, variants, enums and flags are printed from the same declarations: identical text
        var load = GuestCompiler.Load(RepositoryPaths.Example("factorization"));
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var host = Generate(load, id).Files.Single(f => f.Name == "Wittools.Factorization.Types.cs").Text;
        var guest = GuestCompiler.Generate(load, id, stubs: false).Files.Single(f => f.Name == "Wittools.Factorization.Types.cs").Text;
        string Declarations(string text) => text.Substring(0, text.IndexOf("/// <summary>Conversions", System.StringComparison.Ordinal) is var i and >= 0 ? i
            : text.IndexOf("/// <summary>The canonical-ABI codecs", System.StringComparison.Ordinal));
        Assert.Equal(Declarations(guest).Replace("public static partial class", "public static unsafe partial class"), Declarations(host));
    }

    [Fact]
    public void TheHostRuntimeIsTheSharedFilesUsedAndTheHostFiles()
    {
        var host = new RuntimeFeatures { Host = true };
        var hostFiles = new[] { "Host/WitNative.cs", "Host/WitEngine.cs", "Host/WitStore.cs", "Host/WitLinker.cs", "Host/WitHostValues.cs", "Host/WitHostResources.cs" };
        Assert.Equal(hostFiles, GuestRuntime.FilePaths(host));
        host.Option = true;
        Assert.Equal(new[] { "Shared/Option.cs", "Shared/WitEquality.cs" }.Concat(hostFiles), GuestRuntime.FilePaths(host));
    }

    [Fact]
    public void FactorizationCompilesCleanWithEitherResultMapping()
    {
        var load = GuestCompiler.Load(RepositoryPaths.Example("factorization"));
        var (_, id) = GuestCompiler.Worlds(load).Single();
        CompilesClean(Generate(load, id));
        CompilesClean(Generate(load, id, ResultMapping.Result));
    }

    [Fact]
    public void TheKitchenSinkIsRefusedForItsFixedSizeList()
    {
        // everything else of it is carried; Wasmtime 50's C API cannot enable fixed-size lists
        var load = GuestCompiler.Load(RepositoryPaths.Example("kitchen-sink"));
        var (_, id) = GuestCompiler.Worlds(load).First();
        var result = HostGenerator.Generate(load.Resolve!, id, new GuestOptions());
        var error = Assert.Single(GuestCompiler.Errors(result, load.Resolve!));
        Assert.Matches(@"kitchen-sink\.wit:\d+:\d+: `quad` \(`list<f32, 4>`\) cannot cross to the host: fixed-size lists are not enabled", error);
    }

    [Fact]
    public void WasiHttpProxyIsRefusedForWasiResources()
    {
        var load = GuestCompiler.Load(WitCorpus.Package("wasi-0.2.12", "http"));
        var id = GuestCompiler.Worlds(load).Single(w => w.Name.EndsWith("/proxy")).Id;
        var errors = GuestCompiler.Errors(HostGenerator.Generate(load.Resolve!, id, new GuestOptions()), load.Resolve!);
        Assert.Contains(errors, e => e.Contains("`error` is a resource of `wasi:io/error@0.2.12`, which Wasmtime's WASI implements"));
    }

    [Theory]
    [InlineData("cli", "command")]
    [InlineData("cli", "imports")]
    public void WasiWorldsCompileClean(string package, string world)
    {
        var load = GuestCompiler.Load(WitCorpus.Package("wasi-0.2.12", package));
        var id = GuestCompiler.Worlds(load).Single(w => w.Name.EndsWith("/" + world)).Id;
        var result = Generate(load, id);
        CompilesClean(result);
        var host = result.Files.Single(f => f.Name.EndsWith(char.ToUpperInvariant(world[0]) + world.Substring(1) + "Host.cs"));
        Assert.Contains("new global::Wit.WitLinker(engine, wasi: true)", host.Text);
        // WASI preview 2 is Wasmtime's: no contract for wasi:io, wasi:clocks, ... in Instantiate
        Assert.DoesNotContain("Streams.IStreams", host.Text);
    }

    [Fact]
    public void ContractsClientsAndDispatchAreDecidedByTheModel()
    {
        var load = GuestCompiler.Load(RepositoryPaths.Example("factorization"));
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var world = BindingBuilder.BuildHost(load.Resolve!, id, BindingOptions.Default).World!;
        Assert.Equal("global::Wit.Wittools.Factorization.FactorizerHost", world.HostClass.ToString());
        Assert.False(world.UsesWasi);

        var implemented = Assert.Single(world.ImplementedContracts);
        Assert.Equal("wittools:factorization/progress@0.1.0", implemented.Instance);
        Assert.Equal("global::Wit.Wittools.Factorization.Progress.IHost", implemented.Contract.ToString());
        Assert.Equal("global::Wit.Wittools.Factorization.Progress.HostImports", implemented.Class.ToString());
        Assert.Equal("progress", implemented.Member);
        var report = Assert.Single(implemented.Functions);
        Assert.Equal(FunctionRole.HostImplementation, report.Function.Role);
        Assert.Equal("Report", report.Function.CoreMethod);
        Assert.Equal(-1, report.Slot);

        var called = Assert.Single(world.CalledContracts);
        Assert.Equal("global::Wit.Wittools.Factorization.Factorize.IFactorize", called.Contract.ToString());
        Assert.Equal("global::Wit.Wittools.Factorization.Factorize.Client", called.Class.ToString());
        Assert.Equal("Factorize", called.Member);
        Assert.Equal(new[] { "Factor", "IsPrime", "CreateBatch", "BatchMerge" }, called.Members.Select(m => m.Function.MemberName));
        Assert.Equal(Enumerable.Range(0, 7), called.Functions.Select(f => f.Slot));
        Assert.All(called.Functions, f => Assert.Equal(FunctionRole.HostCall, f.Function.Role));
        Assert.Equal("wittools:factorization/factorize@0.1.0#[method]batch.push", called.Functions.Single(f => f.Name == "[method]batch.push").QualifiedName);

        var batch = Assert.Single(called.Resources);
        Assert.False(batch.Implemented);
        Assert.Equal(new[] { "Push", "Run", "Len" }, batch.Methods.Select(m => m.Function.MemberName));
        // the guest's export contract has the same members and shapes
        var guest = BindingBuilder.Build(load.Resolve!, id, BindingOptions.Default).World!;
        var guestContract = guest.Exports.Single();
        Assert.Equal(guestContract.Contract, called.Contract);
        Assert.Equal(guestContract.Members.Select(m => (m.MemberName, m.Return, m.ThrownError, string.Join(",", m.Parameters.Select(p => p.Type)))),
            called.Members.Select(m => (m.Function.MemberName, m.Function.Return, m.Function.ThrownError, string.Join(",", m.Function.Parameters.Select(p => p.Type)))));
    }

    [Fact]
    public void HostNamesNeverTakeAGuestName()
    {
        // WIT names that the host's own members would take get the collision rule, never the other way round
        var result = Build("""
            package test:names;
            interface client {
                record client { x: u32 }
                host-imports: func();
                instantiate: func(c: client);
            }
            world w {
                import client;
                export client;
                import store: func();
            }
            """, "w");
        CompilesClean("""
            package test:names;
            interface client {
                record client { x: u32 }
                host-imports: func();
                instantiate: func(c: client);
            }
            world w {
                import client;
                export client;
                import store: func();
            }
            """, "w");
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        var iface = result.World!.Interfaces.Single();
        Assert.Equal("global::Wit.Test.Names.Client.WitClient", iface.Types.Single().Name.ToString());
        Assert.Equal("global::Wit.Test.Names.Client.WitClient2", iface.Called!.Class.ToString());
        Assert.Equal("global::Wit.Test.Names.Client.WitHostImports", iface.Implemented!.Class.ToString());
        Assert.Equal(new[] { "HostImports", "Instantiate" }, iface.Implemented.Members.Select(m => m.Function.MemberName));
        Assert.Equal("Client", iface.Called.Member); // a property of the host class, named like the interface class
        Assert.Equal(new[] { "client", "imports" }, result.World.ImplementedContracts.Select(c => c.Member));
    }

    [Fact]
    public void StreamsFuturesAndErrorContextsAreRefusedWhereTheyAreWritten()
    {
        var errors = Errors("""
            package test:refuse;
            interface api {
                type bytes = stream<u8>;
                read: func() -> bytes;
                later: func(f: future<string>);
                fail: func() -> error-context;
                fixed: func(x: list<u32, 4>);
                wait: async func();
            }
            world w { export api; }
            """, "w");
        Assert.Equal(5, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("test.wit:3:10: `bytes` (`stream<u8>`) cannot cross to the host: Wasmtime 50's component C API panics (\"not yet implemented\") when a `stream` value crosses to the host"));
        Assert.Contains(errors, e => Regex.IsMatch(e, @"^test\.wit:5:\d+: `future<string>` cannot cross to the host: .*`future` value"));
        Assert.Contains(errors, e => e.StartsWith("test.wit:6:5: `error-context` cannot cross to the host"));
        Assert.Contains(errors, e => Regex.IsMatch(e, @"^test\.wit:7:\d+: `list<u32, 4>` cannot cross to the host: fixed-size lists are not enabled"));
        Assert.Contains(errors, e => e.StartsWith("test.wit:8:5: async function `wait` is not supported by the C# host bindings yet"));
    }

    [Fact]
    public void WasiResourcesAndWorldResourcesAreRefused()
    {
        var load = GuestCompiler.Load(WitCorpus.Package("wasi-0.2.12", "cli"));
        var text = """
            package test:wasi-use;
            world w {
                import wasi:io/streams@0.2.12;
                use wasi:io/streams@0.2.12.{input-stream};
                export read-all: func(s: borrow<input-stream>) -> list<u8>;
                resource local { constructor(); }
            }
            """;
        var dir = Path.Combine(Path.GetTempPath(), "wittools-host-" + System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "deps"));
        try
        {
            File.WriteAllText(Path.Combine(dir, "w.wit"), text);
            foreach (var package in new[] { "io", "clocks" })
                CopyDirectory(WitCorpus.Package("wasi-0.2.12", package), Path.Combine(dir, "deps", package));
            var withDeps = WitLoader.Load(dir, FeatureSet.None);
            Assert.True(withDeps.Success, string.Join("\n", withDeps.Diagnostics.Select(d => d.Message)));
            var id = GuestCompiler.Worlds(withDeps).Single().Id;
            var result = BindingBuilder.BuildHost(withDeps.Resolve!, id, BindingOptions.Default);
            var errors = result.Diagnostics.Select(d => d.Message).ToList();
            Assert.Contains(errors, e => e.StartsWith("`input-stream` is a resource of `wasi:io/streams@0.2.12`, which Wasmtime's WASI implements"));
            Assert.Contains(errors, e => e.StartsWith("resource `local` is declared in the world itself"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from, "*.wit")) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void ADualInterfaceWithResourcesHasTwoContracts()
    {
        const string Wit = """
            package test:dual;
            interface store {
                resource blob { constructor(); size: func() -> u32; }
                open: func(name: string) -> blob;
                sum: func(a: u32, b: u32) -> u32;
            }
            interface plain {
                add: func(a: u32) -> u32;
            }
            world middleware {
                import store;
                export store;
                import plain;
                export plain;
            }
            """;
        var result = Build(Wit, "middleware");
        CompilesClean(Wit, "middleware");
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        var store = result.World!.Interfaces.Single(i => i.InstanceName == "test:dual/store");
        Assert.True(store.Implemented!.Resources.Single().Implemented);
        Assert.False(store.Called!.Resources.Single().Implemented);
        Assert.NotEqual(store.Implemented.Resources.Single().Name, store.Called.Resources.Single().Name);
        // the imported instance's contract is the guest's import contract, the exported one's the guest's export contract
        Assert.Equal("global::Wit.Test.Dual.Store.IHost", store.Implemented.Contract.ToString());
        Assert.Equal("global::Wit.Test.Dual.Store.IStore", store.Called.Contract.ToString());
        var plain = result.World.Interfaces.Single(i => i.InstanceName == "test:dual/plain");
        Assert.Equal("global::Wit.Test.Dual.Plain.IHost", plain.Implemented!.Contract.ToString());
        Assert.Equal("global::Wit.Test.Dual.Plain.IPlain", plain.Called!.Contract.ToString());
    }

    [Fact]
    public void Deprecated_interfaces_and_functions_are_obsolete_as_in_the_guest()
    {
        const string wit = """
            package ex:dep@1.2.0;

            @since(version = 1.0.0)
            @deprecated(version = 1.1.0)
            interface old {
              @since(version = 1.0.0)
              @deprecated(version = 1.1.0)
              record point { x: u32 }
              @since(version = 1.0.0)
              @deprecated(version = 1.1.0)
              get: func() -> point;
            }

            interface mixed {
              @since(version = 1.0.0)
              @deprecated(version = 1.1.0)
              legacy: func(x: u32) -> u32;
              now: func(x: u32) -> u32;
            }

            world w {
              import old;
              import mixed;
              export mixed;
            }
            """;
        var load = WitLoader.LoadText("test.wit", wit, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        var result = Generate(load, GuestCompiler.Worlds(load).Single().Id);
        // the host's own uses of them (dispatch, clients, the host class) compile without a warning
        CompilesClean(result);
        string Text(string name) => result.Files.Single(f => f.Name == name).Text;
        Assert.Contains("[global::System.Obsolete(\"WIT interface `ex:dep/old@1.2.0` is deprecated since version 1.1.0\")]\n    public static unsafe partial class Old", Text("Ex.Dep.Old.cs"));
        Assert.Contains("[global::System.Obsolete(\"WIT type `ex:dep/old@1.2.0.point` is deprecated since version 1.1.0\")]", Text("Ex.Dep.Old.cs"));
        // the contract the host implements (import), and the export's contract and client
        string get = "[global::System.Obsolete(\"WIT function `ex:dep/old@1.2.0#get` is deprecated since version 1.1.0\")]";
        Assert.Contains(get, Text("Ex.Dep.Old.Host.cs"));
        string legacy = "[global::System.Obsolete(\"WIT function `ex:dep/mixed@1.2.0#legacy` is deprecated since version 1.1.0\")]";
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(Text("Ex.Dep.Mixed.Host.cs"), System.Text.RegularExpressions.Regex.Escape(legacy)).Count);
        Assert.DoesNotContain("Obsolete", Text("Ex.Dep.Mixed.cs"));
    }
}
