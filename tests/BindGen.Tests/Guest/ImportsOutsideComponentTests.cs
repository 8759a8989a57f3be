using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>
/// Imports called outside a WebAssembly component (issue 11 item 5): the bindings are compiled as for wasm32 (no
/// WIT_EMULATED_MEMORY) and run here, on the test's own platform, where no host exists. Without an implementation an
/// import throws a managed exception naming the import and the contract to provide (before, the x64 process died in
/// WitMemory.LowerString); with implementations provided through <c>WitImports.Provide</c>, every kind of import —
/// freestanding functions, the world's own, resource constructors, methods and statics, results as exceptions, spans —
/// reaches them with the C# values as they are.
/// </summary>
public sealed class ImportsOutsideComponentTests
{
    private const string Wit = """
package demo:outside;

interface host-api {
    resource counter {
        constructor(start: u64);
        add: func(by: u32) -> u64;
        clone-into: static func(source: borrow<counter>) -> counter;
    }
    log: func(message: string);
    sum: func(values: list<u32>) -> u64;
    parse: func(text: string) -> result<u32, string>;
    make: func(start: u64) -> counter;
}

world app {
    import host-api;
    import now: func() -> u64;
    export run: func() -> string;
}
""";

    private const string Harness = """
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Wit;
using Wit.Demo.Outside;

namespace Wit.Demo.Outside
{
    public static partial class AppWorld
    {
        private static partial IExports CreateExports() => new App();
    }

    /// <summary>The component's logic under test: it calls its imports.</summary>
    internal sealed class App : AppWorld.IExports
    {
        public string Run()
        {
            HostApi.Log("run at " + AppWorld.Now());
            using var counter = new HostApi.Counter(5);
            counter.Add(2);
            using var copy = HostApi.Counter.CloneInto(counter);
            ulong total = HostApi.Sum(new uint[] { 1, 2, 3 });
            return counter.Add(0) + "/" + copy.Add(10) + "/" + total;
        }
    }

    /// <summary>A fake host: both import contracts of the world in one class.</summary>
    internal sealed class FakeHost : HostApi.IHost, AppWorld.IHost
    {
        public readonly List<string> Log = new();
        public ulong Now() => 42;
        void HostApi.IHost.Log(string message) => Log.Add(message);
        public ulong Sum(uint[] values)
        {
            ulong sum = 0;
            for (int i = 0; i < values.Length; i++) sum += values[i];
            return sum;
        }
        public uint Parse(string text) => uint.TryParse(text, out uint n) ? n : throw new WitException<string>("not a number: " + text);
        public HostApi.Counter Make(ulong start) => new HostApi.Counter(new FakeCounter(start, Log));
        public HostApi.Counter CreateCounter(ulong start) => Make(start);
        public HostApi.Counter CounterCloneInto(HostApi.Counter source) =>
            new HostApi.Counter(new FakeCounter(((FakeCounter)source.WitImplementation).Value, Log));
    }

    internal sealed class FakeCounter : HostApi.Counter.IHost, IDisposable
    {
        private readonly List<string> _log;
        public FakeCounter(ulong start, List<string> log) { Value = start; _log = log; }
        public ulong Value;
        public ulong Add(uint by) => Value += by;
        public void Dispose() => _log.Add("dropped " + Value);
    }

    internal sealed class Quiet : HostApi.IHost
    {
        public void Log(string message) { }
        public ulong Sum(uint[] values) => 7;
        public uint Parse(string text) => 0;
        public HostApi.Counter Make(ulong start) => throw new NotSupportedException();
        public HostApi.Counter CreateCounter(ulong start) => throw new NotSupportedException();
        public HostApi.Counter CounterCloneInto(HostApi.Counter source) => throw new NotSupportedException();
    }

    public static class Harness
    {
        private static void Check(bool ok, string what)
        {
            if (!ok) throw new Exception("check failed: " + what);
        }

        public static string NotProvided()
        {
            try
            {
                HostApi.Log("hello");
                return "no exception";
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }

        public static string NotProvidedWorldFunction()
        {
            try
            {
                AppWorld.Now();
                return "no exception";
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }

        public static string NotProvidedResource()
        {
            try
            {
                // a handle made outside a component is no implementation's
                using var adopted = new HostApi.Counter(new WitHandle(5, true));
                adopted.Add(1);
                return "no exception";
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }

        public static string Run()
        {
            var host = new FakeHost();
            using (WitImports.Provide(host))
            {
                Check(new App().Run() == "7/17/6", "the logic ran against the fake");
                Check(host.Log.SequenceEqual(new[] { "run at 42", "dropped 17", "dropped 7" }), "calls: " + string.Join(", ", host.Log));

                // results as exceptions pass through; so do spans
                Check(HostApi.Parse("12") == 12, "parse");
                try
                {
                    HostApi.Parse("x");
                    Check(false, "err throws");
                }
                catch (WitException<string> e)
                {
                    Check(e.Value == "not a number: x", "the error value");
                }
                Check(HostApi.Sum(stackalloc uint[] { 4, 5 }) == 9, "span");

                // a resource returned by an import; disposing it disposes the implementation once
                var made = HostApi.Make(3);
                Check(made.Add(1) == 4, "made");
                made.Dispose();
                made.Dispose();
                Check(host.Log.Count(l => l == "dropped 4") == 1, "disposed once");
                try
                {
                    made.Add(1);
                    Check(false, "a disposed resource throws");
                }
                catch (ObjectDisposedException)
                {
                }

                // a later Provide takes precedence while it lasts
                using (WitImports.Provide(new Quiet()))
                {
                    Check(HostApi.Sum(new uint[] { 1 }) == 7, "inner scope");
                    Check(AppWorld.Now() == 42, "the outer scope still provides the world's imports");
                }
                Check(HostApi.Sum(new uint[] { 1 }) == 1, "outer scope again");
            }
            Check(NotProvided().Contains("is a WebAssembly import"), "gone after the scope");

            // tests running in parallel each see their own implementations (AsyncLocal)
            var results = Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                var mine = new FakeHost();
                using (WitImports.Provide(mine))
                {
                    await Task.Yield();
                    HostApi.Log("task " + i);
                    await Task.Delay(1);
                    return mine.Log.Single();
                }
            }))).Result;
            Check(results.SequenceEqual(Enumerable.Range(0, 8).Select(i => "task " + i)), "parallel: " + string.Join(", ", results));
            return "ok";
        }
    }
}
""";

    private static (LoadResult Load, WorldId World) Load()
    {
        var load = WitLoader.LoadText("outside.wit", Wit, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        return (load, GuestCompiler.Worlds(load).Single().Id);
    }

    /// <summary>The bindings and the harness, compiled once for the class's tests.</summary>
    private static readonly System.Lazy<byte[]> Assembly = new(() =>
    {
        var (load, world) = Load();
        var sources = GuestCompiler.Generate(load, world, stubs: false).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(Harness);
        // as for wasm32: no emulated memory
        var (problems, compilation) = GuestCompiler.Compile(sources, emulated: false, assemblyName: "Outside");
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return stream.ToArray();
    });

    private static object? Invoke(string method)
    {
        var context = new AssemblyLoadContext("outside", isCollectible: true);
        try
        {
            using var stream = new MemoryStream(Assembly.Value);
            var run = context.LoadFromStream(stream).GetType("Wit.Demo.Outside.Harness")!.GetMethod(method)!;
            try
            {
                return run.Invoke(null, null);
            }
            catch (TargetInvocationException e)
            {
                throw new Xunit.Sdk.XunitException(e.InnerException!.ToString());
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void An_import_without_an_implementation_throws_a_managed_exception_naming_the_import_and_the_contract()
    {
        string message = (string)Invoke("NotProvided")!;
        Assert.StartsWith("`demo:outside/host-api#log` is a WebAssembly import: it can only be called inside a component, and this code runs outside one (", message);
        Assert.Contains("implement `Wit.Demo.Outside.HostApi.IHost` and provide it first: `using var imports = Wit.WitImports.Provide(new MyHostApi());`", message);

        string world = (string)Invoke("NotProvidedWorldFunction")!;
        Assert.StartsWith("`demo:outside/app#now` is a WebAssembly import", world);
        Assert.Contains("implement `Wit.Demo.Outside.AppWorld.IHost`", world);

        string resource = (string)Invoke("NotProvidedResource")!;
        Assert.StartsWith("`demo:outside/host-api#counter` is a WebAssembly import", resource);
        Assert.EndsWith("implement `Wit.Demo.Outside.HostApi.Counter.IHost` and create the object with `new Wit.Demo.Outside.HostApi.Counter(implementation)`.", resource);
    }

    [Fact]
    public void Provided_implementations_receive_every_kind_of_import_with_the_csharp_values()
    {
        Assert.Equal("ok", Invoke("Run"));
    }

    [Fact]
    public void The_model_has_a_contract_per_imported_interface_world_and_resource()
    {
        var (load, world) = Load();
        var binding = BindingBuilder.Build(load.Resolve!, world, BindingOptions.Default).World!;
        var api = binding.Interfaces.Single(i => i.ModuleName == "demo:outside/host-api");
        Assert.Equal("global::Wit.Demo.Outside.HostApi.IHost", api.Host!.Contract.ToString());
        Assert.Equal(new[] { "CreateCounter", "CounterCloneInto", "Log", "Sum", "Parse", "Make" }, api.Host.Members.Select(m => m.Dispatch!.Member));
        Assert.All(api.Host.Members, m => Assert.False(m.Dispatch!.FromSelf));
        Assert.Equal("global::Wit.Demo.Outside.AppWorld.IHost", binding.Host!.Contract.ToString());
        Assert.Equal("demo:outside/app#now", binding.Host.Members.Single().Dispatch!.Import);
        var counter = api.Types.OfType<ResourceDeclaration>().Single();
        Assert.Equal("global::Wit.Demo.Outside.HostApi.Counter.IHost", counter.Host!.Contract.ToString());
        Assert.True(counter.Host.IsResource);
        var add = Assert.Single(counter.Host.Members);
        Assert.Equal(new ImportDispatch("demo:outside/host-api#[method]counter.add", counter.Host.Contract, "Add", FromSelf: true, add.Parameters), add.Dispatch);
        // the import pins a span of numbers; its contract member takes an array (no ref struct in contracts)
        var sum = api.Host.Members.Single(m => m.Dispatch!.Member == "Sum");
        Assert.IsType<CsReadOnlySpanType>(sum.Parameters.Single().Type);
        Assert.Equal(new CsArrayType(new CsPrimitiveType(CsPrimitive.UInt)), sum.Dispatch!.Parameters.Single().Type);
    }

    [Fact]
    public void An_interface_both_imported_and_exported_has_distinct_import_and_export_contracts()
    {
        var load = WitLoader.LoadText("dual.wit", "package a:b;\ninterface x {\n  i-host: func();\n  x: func();\n}\nworld w { import x; export x; }\n", FeatureSet.None);
        var binding = BindingBuilder.Build(load.Resolve!, GuestCompiler.Worlds(load).Single().Id, BindingOptions.Default).World!;
        var x = binding.Interfaces.Single();
        Assert.Equal("IX", x.Contract!.Contract.Simple);
        // `IHost` is claimed after the interface's own names: the function `i-host` keeps its name
        Assert.Equal("WitIHost", x.Host!.Contract.Simple);
        Assert.Equal(new[] { "IHost", "X" }, x.Host.Members.Select(m => m.Dispatch!.Member));
        Assert.Equal(new[] { "IHost", "WitX" }, x.Imports.Select(m => m.MemberName));
        var result = GuestGenerator.Generate(load.Resolve!, GuestCompiler.Worlds(load).Single().Id, new GuestOptions());
        var (problems, _) = GuestCompiler.Compile(result.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(
            "namespace Wit.A.B { public static partial class WWorld { private static partial X.IX CreateX() => null!; } }"));
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }

    private const string AsyncWit = """
package demo:later;

interface remote {
    fetch: async func(url: string) -> u32;
    ping: async func();
    resource conn {
        constructor();
        send: async func(x: u32) -> u32;
    }
}

world app {
    import remote;
    import tick: async func() -> u64;
}
""";

    private const string AsyncHarness = """
using System;
using System.Threading;
using System.Threading.Tasks;
using Wit.Demo.Later;

namespace Wit.Demo.Later
{
    internal sealed class FakeRemote : Remote.IHost, AppWorld.IHost
    {
        public int Pings;
        public ValueTask<uint> FetchAsync(string url, CancellationToken cancellationToken) => new((uint)url.Length);
        public async ValueTask PingAsync(CancellationToken cancellationToken) { await Task.Yield(); Pings++; }
        public Remote.Conn CreateConn() => new Remote.Conn(new FakeConn());
        public ValueTask<ulong> TickAsync(CancellationToken cancellationToken) => new(99UL);
    }

    internal sealed class FakeConn : Remote.Conn.IHost
    {
        public ValueTask<uint> SendAsync(uint x, CancellationToken cancellationToken) => new(x * 2);
    }

    public static class AsyncHarness
    {
        public static string Run()
        {
            string missing;
            try
            {
                Remote.FetchAsync("x").AsTask().GetAwaiter().GetResult();
                missing = "no exception";
            }
            catch (InvalidOperationException e)
            {
                missing = e.Message;
            }
            var host = new FakeRemote();
            using (WitImports.Provide(host))
            {
                return Task.Run(async () =>
                {
                    uint length = await Remote.FetchAsync("abcd");
                    await Remote.PingAsync();
                    ulong tick = await AppWorld.TickAsync();
                    using var conn = new Remote.Conn();
                    uint sent = await conn.SendAsync(21);
                    return length + "/" + host.Pings + "/" + tick + "/" + sent + "|" + missing;
                }).GetAwaiter().GetResult();
            }
        }
    }
}
""";

    [Fact]
    public void Async_imports_outside_a_component_call_the_provided_contract_or_say_what_is_missing()
    {
        var load = WitLoader.LoadText("later.wit", AsyncWit, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        var sources = GuestCompiler.Generate(load, GuestCompiler.Worlds(load).Single().Id, stubs: false).Files
            .Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(AsyncHarness);
        var (problems, compilation) = GuestCompiler.Compile(sources, emulated: false, assemblyName: "OutsideAsync");
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        var context = new AssemblyLoadContext("outside-async", isCollectible: true);
        try
        {
            stream.Position = 0;
            var run = context.LoadFromStream(stream).GetType("Wit.Demo.Later.AsyncHarness")!.GetMethod("Run")!;
            string result;
            try
            {
                result = (string)run.Invoke(null, null)!;
            }
            catch (TargetInvocationException e)
            {
                throw new Xunit.Sdk.XunitException(e.InnerException!.ToString());
            }
            var parts = result.Split('|');
            Assert.Equal("4/1/99/42", parts[0]);
            Assert.StartsWith("`demo:later/remote#fetch` is a WebAssembly import: it can only be called inside a component", parts[1]);
        }
        finally
        {
            context.Unload();
        }
    }
}
