using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>
/// Compiles the factorization bindings with WIT_EMULATED_MEMORY, plus an implementation and a harness, and
/// runs them: imports go to a test host that checks the lowered core values and memory; exports are
/// called with core values and their results are read back at the offsets the canonical ABI defines
/// (computed by hand here, independently of the Abi layer). Every allocation must be freed.
/// </summary>
public sealed class EmulatedMemoryTests
{
    private const string Harness = """
using System.Collections.Generic;
using Wit;
using Wit.Wittools.Factorization;

namespace Wit.Wittools.Factorization
{
    public static partial class FactorizerWorld
    {
        private static partial Factorize.IFactorize CreateFactorize() => new Impl();
    }

    internal sealed class Impl : Factorize.IFactorize
    {
        public Types.Factorization Factor(ulong n, Types.Algorithm algorithm, ulong? budget)
        {
            if (n < 2) throw new WitException<Types.FactorError>(new Types.FactorError.NoFactorization(n));
            var factors = new List<Types.PrimePower>();
            ulong rest = n;
            for (ulong p = 2; p * p <= rest; p++)
            {
                uint e = 0;
                while (rest % p == 0) { rest /= p; e++; }
                if (e > 0) factors.Add(new Types.PrimePower(p, e));
            }
            if (rest > 1) factors.Add(new Types.PrimePower(rest, 1));
            return new Types.Factorization(n, factors.ToArray());
        }

        public bool IsPrime(ulong n) => Factor(n, Types.Algorithm.Automatic, null).Factors.Length == 1 && Factor(n, Types.Algorithm.Automatic, null).Factors[0].Exponent == 1;

        public Factorize.Batch CreateBatch(Types.ReportOptions options) => new MyBatch(options);

        public Factorize.Batch BatchMerge(Factorize.Batch a, Factorize.Batch b) => new MyBatch(Types.ReportOptions.Verify);
    }

    internal sealed class MyBatch : Factorize.Batch
    {
        public static int Destroyed;
        private readonly List<ulong> _items = new();
        public MyBatch(Types.ReportOptions options) => Options = options;
        public Types.ReportOptions Options { get; }
        public override uint Push(ulong n) { _items.Add(n); return (uint)(_items.Count - 1); }
        public override Result<Types.Factorization, Types.FactorError>[] Run() => new Result<Types.Factorization, Types.FactorError>[0];
        public override uint Len() => (uint)_items.Count;
        protected override void OnDestroy() => Destroyed++;
    }

    public static class Harness
    {
        private static void Check(bool ok, string what)
        {
            if (!ok) throw new System.Exception("check failed: " + what);
        }

        private static void Trap(System.Action action, string message)
        {
            try
            {
                action();
            }
            catch (WitTrapException e)
            {
                Check(e.Message.Contains(message), "trap message `" + e.Message + "` contains `" + message + "`");
                return;
            }
            throw new System.Exception("no trap: " + message);
        }

        public static string Run()
        {
            string? seen = null;
            WitTestHost.Handler = (module, name, args) =>
            {
                switch (name)
                {
                    case "report":
                        seen = module + " " + (long)args[0] + " " + (int)args[1] + " " + System.Text.Encoding.UTF8.GetString(WitMemory.Bytes, (int)args[2], (int)args[3]);
                        return null;
                    case "[resource-new]batch": return (int)args[0] + 100;
                    case "[resource-rep]batch": return (int)args[0] - 100;
                }
                throw new System.Exception("unexpected import " + name);
            };

            // an import lowering a string; its memory is freed after the call
            Progress.Report(42, 50, "h\u00e9llo");
            Check(seen == "wittools:factorization/progress@0.1.0 42 50 h\u00e9llo", "report: " + seen);
            Check(WitMemory.Live.Count == 0, "leak after import");

            // factor(12, trial-division, none) -> ok({ n: 12, factors: [2^2, 3^1] }), spilled to a returned area
            int ret = FactorizerWorld.__Export_Factorize_Factor(12, 0, 0, 0);
            Check(WitMemory.LoadU8(ret) == 0, "ok discriminant");
            Check(WitMemory.LoadI64(ret + 8) == 12, "n");
            int ptr = WitMemory.LoadI32(ret + 16), len = WitMemory.LoadI32(ret + 20);
            Check(len == 2, "factor count");
            Check(WitMemory.LoadI64(ptr) == 2 && WitMemory.LoadI32(ptr + 8) == 2, "2^2");
            Check(WitMemory.LoadI64(ptr + 16) == 3 && WitMemory.LoadI32(ptr + 24) == 1, "3^1");
            FactorizerWorld.__Export_Factorize_FactorPost(ret);
            Check(WitMemory.Live.Count == 0, "leak after post-return");

            // factor(1, .., some(5)) -> err(no-factorization(1)), thrown as WitException<FactorError>
            ret = FactorizerWorld.__Export_Factorize_Factor(1, 0, 1, 5);
            Check(WitMemory.LoadU8(ret) == 1, "err discriminant");
            Check(WitMemory.LoadU8(ret + 8) == 0 && WitMemory.LoadI64(ret + 16) == 1, "no-factorization(1)");
            FactorizerWorld.__Export_Factorize_FactorPost(ret);
            Check(WitMemory.Live.Count == 0, "leak after error post-return");

            Check(FactorizerWorld.__Export_Factorize_IsPrime(13) == 1 && FactorizerWorld.__Export_Factorize_IsPrime(15) == 0, "is-prime");

            // invalid input traps
            Trap(() => FactorizerWorld.__Export_Factorize_Factor(12, 7, 0, 0), "invalid discriminant 7");
            Trap(() => FactorizerWorld.__Export_Factorize_Factor(12, 0, 2, 0), "invalid discriminant 2");
            int bad = WitMemory.Alloc(2, 1);
            WitMemory.StoreU8(bad, 0xC3);
            WitMemory.StoreU8(bad + 1, 0x28);
            Trap(() => WitMemory.LiftString(bad, 2), "invalid UTF-8");
            WitMemory.Free(bad);
            Trap(() => WitMemory.LiftChar(0xD800), "invalid char");
            Trap(() => WitMemory.LiftChar(0x110000), "invalid char");
            // Not a trap: the canonical ABI lifts any nonzero bool as true, as Wasmtime does.
            if (!WitMemory.LiftBool(2) || WitMemory.LiftBool(0)) throw new System.Exception("bool lifting");
            Trap(() => WitMemory.LoadI32(1 << 30), "out-of-bounds");
            Trap(() => WitMemory.LoadI32(18), "misaligned");

            // an exported resource: constructor, methods through the rep, destructor
            int handle = FactorizerWorld.__Export_Factorize_CreateBatch(4);
            Check(handle == 101, "handle from [resource-new]");
            Check(FactorizerWorld.__Export_Factorize_Batch_Push(1, 10) == 0 && FactorizerWorld.__Export_Factorize_Batch_Push(1, 7) == 1, "push");
            Check(FactorizerWorld.__Export_Factorize_Batch_Len(1) == 2, "len");
            FactorizerWorld.__Dtor_Factorize_Batch(1);
            Check(MyBatch.Destroyed == 1, "the destructor runs OnDestroy");
            Trap(() => FactorizerWorld.__Export_Factorize_Batch_Len(1), "unknown resource rep 1");
            return "ok";
        }
    }
}
""";

    private const string ShapesHarness = """
using System.Collections.Generic;
using System.Linq;
using Wit;

namespace Wit.Test.Shapes
{
    public static partial class ShapesWorld
    {
        private static partial Service.IService CreateService() => new ServiceImpl();
        private static partial IExports CreateExports() => new RunImpl();
    }

    internal sealed class ServiceImpl : Service.IService
    {
        public Service.Session CreateSession(string name) => new MySession(name);
        public string? Handle(Kinds.Point p, Kinds.Shape s, bool flag) => s switch
        {
            Kinds.Shape.Empty => null,
            Kinds.Shape.Circle c => p.X + "," + p.Y + " circle " + c.Payload + " " + flag,
            Kinds.Shape.Polygon g => "polygon " + string.Join(";", g.Payload.Select(q => q.X + "," + q.Y)),
            Kinds.Shape.Value v => "value " + v.Payload,
            _ => "?",
        };
        public Service.Session Open(string name) => new MySession(name);
        public string Describe(Service.Session s) => "session " + s.Name();
        public Service.Session Relay(Service.Session s) => s;
    }

    internal sealed class MySession : Service.Session
    {
        private readonly string _name;
        public MySession(string name) => _name = name;
        public override uint Send(byte[] data) => data.Length == 0 ? throw new WitException<string>("empty") : (uint)data.Sum(b => b);
        public override string Name() => _name;
    }

    internal sealed class RunImpl : ShapesWorld.IExports
    {
        public static string Seen = "";
        public void Run(string[] args)
        {
            Seen = string.Join("|", args);
            if (args.Length == 0) throw new WitException<uint>(7);
        }
    }

    public static class Harness
    {
        private static void Check(bool ok, string what)
        {
            if (!ok) throw new System.Exception("check failed: " + what);
        }

        /// <summary>What a host does to hand a string to the guest: allocate with cabi_realloc, copy the bytes.</summary>
        private static (int Ptr, int Len) HostString(string text)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            int ptr = WitMemory.Realloc(0, 0, 1, bytes.Length);
            new System.Span<byte>(bytes).CopyTo(WitMemory.Span(ptr, bytes.Length));
            return (ptr, bytes.Length);
        }

        private static string ReadString(int ptr, int len) => System.Text.Encoding.UTF8.GetString(WitMemory.Span(ptr, len));

        public static string Run()
        {
            var dropped = new List<int>();
            var log = new List<string>();
            WitTestHost.Handler = (module, name, args) =>
            {
                switch (name)
                {
                    case "try-parse":
                    {
                        // result<point, string> written to the out-pointer (last core param)
                        string text = ReadString((int)args[0], (int)args[1]);
                        int ret = (int)args[2];
                        if (text == "bad")
                        {
                            var (p, l) = HostString("not a point");
                            WitMemory.StoreU8(ret, 1);
                            WitMemory.StoreI32(ret + 4, p);
                            WitMemory.StoreI32(ret + 8, l);
                            return null;
                        }
                        WitMemory.StoreU8(ret, 0);
                        WitMemory.StoreI32(ret + 4, int.Parse(text.Split(',')[0]));
                        WitMemory.StoreI32(ret + 8, int.Parse(text.Split(',')[1]));
                        return null;
                    }
                    case "spill":
                    {
                        // 17 u64 params in a memory area (core param 0), tuple<string, u8> result at the out-pointer
                        int area = (int)args[0], ret = (int)args[1];
                        long sum = 0;
                        for (int i = 0; i < 17; i++) sum += WitMemory.LoadI64(area + i * 8);
                        var (p, l) = HostString("sum=" + sum);
                        WitMemory.StoreI32(ret, p);
                        WitMemory.StoreI32(ret + 4, l);
                        WitMemory.StoreU8(ret + 8, 17);
                        return null;
                    }
                    case "sum":
                    {
                        long total = 0;
                        for (int i = 0; i < (int)args[1]; i++) total += (uint)WitMemory.LoadI32((int)args[0] + i * 4);
                        for (int i = 0; i < (int)args[3]; i++) total += WitMemory.LoadU8((int)args[2] + i);
                        return total;
                    }
                    case "[constructor]counter": log.Add("new " + (long)args[0]); return 5;
                    case "[method]counter.add": log.Add("add " + (int)args[0] + " " + (int)args[1]); return 42L;
                    case "[resource-drop]counter": dropped.Add((int)args[0]); return null;
                    case "now": return 123L;
                    case "[resource-new]session": return (int)args[0] + 1000;
                    case "[resource-rep]session": return (int)args[0] - 1000;
                }
                throw new System.Exception("unexpected import " + module + " " + name);
            };

            // records holding lists compare by value
            var r1 = new Kinds.Record("a", true, 1, new[] { "x", "y" });
            var r2 = new Kinds.Record("a", true, 1, new[] { "x", "y" });
            Check(r1 == r2 && r1.GetHashCode() == r2.GetHashCode(), "record value equality");
            Check(r1 != (r2 with { Tags = new[] { "x" } }), "record inequality");
            Check(new Kinds.Shape.Polygon(new[] { new Kinds.Point(1, 2) }) == new Kinds.Shape.Polygon(new[] { new Kinds.Point(1, 2) }), "variant case equality");

            // imports: results through an out-pointer, spilled params, spans, handles
            Check(Kinds.TryParse("3,4") == new Kinds.Point(3, 4), "try-parse ok");
            try
            {
                Kinds.TryParse("bad");
                Check(false, "try-parse should throw");
            }
            catch (WitException<string> e)
            {
                Check(e.Value == "not a point", "error payload " + e.Value);
            }
            var spilled = Kinds.Spill(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
            Check(spilled == ("sum=153", (byte)17), "spill " + spilled);
            Check(Kinds.Sum(new uint[] { 1, 2, 3 }, new byte[] { 10, 20 }) == 36, "sum of spans");
            Check(ShapesWorld.Now() == 123, "world-level import");
            using (var counter = new Kinds.Counter(9))
            {
                Check(counter.Add(3) == 42, "method");
            }
            Check(string.Join(",", log) == "new 9,add 5 3", "resource calls " + string.Join(",", log));
            Check(dropped.SequenceEqual(new[] { 5 }), "dropped once");
            var gone = new Kinds.Counter(1);
            gone.Dispose();
            gone.Dispose();
            Check(dropped.Count == 2, "second dispose is a no-op");
            try
            {
                gone.Add(1);
                Check(false, "use after dispose");
            }
            catch (System.ObjectDisposedException)
            {
            }
            Check(WitMemory.Live.Count == 0, "leak after imports: " + WitMemory.Live.Count);

            // exports: flat variant params with joined slots, spilled option<string> result
            int ret = ShapesWorld.__Export_Service_Handle(1, 2, 0, (long)(uint)System.BitConverter.SingleToInt32Bits(2.5f), 0, 1);
            Check(WitMemory.LoadU8(ret) == 1, "some");
            Check(ReadString(WitMemory.LoadI32(ret + 4), WitMemory.LoadI32(ret + 8)) == "1,2 circle 2.5 True", "circle text");
            ShapesWorld.__Export_Service_HandlePost(ret);
            ret = ShapesWorld.__Export_Service_Handle(0, 0, 3, 7, 0, 0);
            Check(ReadString(WitMemory.LoadI32(ret + 4), WitMemory.LoadI32(ret + 8)) == "value 7", "u64 payload");
            ShapesWorld.__Export_Service_HandlePost(ret);
            ret = ShapesWorld.__Export_Service_Handle(0, 0, 2, 0, 0, 0);
            Check(WitMemory.LoadU8(ret) == 0, "none");
            ShapesWorld.__Export_Service_HandlePost(ret);
            int points = WitMemory.Realloc(0, 0, 4, 16);
            WitMemory.StoreI32(points, 1);
            WitMemory.StoreI32(points + 4, 2);
            WitMemory.StoreI32(points + 8, 3);
            WitMemory.StoreI32(points + 12, 4);
            ret = ShapesWorld.__Export_Service_Handle(0, 0, 1, points, 2, 0);
            Check(ReadString(WitMemory.LoadI32(ret + 4), WitMemory.LoadI32(ret + 8)) == "polygon 1,2;3,4", "list payload");
            ShapesWorld.__Export_Service_HandlePost(ret);
            Check(WitMemory.Live.Count == 0, "leak after handle: " + WitMemory.Live.Count);

            // exported resource with a string constructor, a result method and a string method
            var (np, nl) = HostString("alpha");
            int handle = ShapesWorld.__Export_Service_CreateSession(np, nl);
            Check(handle == 1001, "session handle " + handle);
            var data = WitMemory.Realloc(0, 0, 1, 3);
            WitMemory.StoreU8(data, 1);
            WitMemory.StoreU8(data + 1, 2);
            WitMemory.StoreU8(data + 2, 3);
            ret = ShapesWorld.__Export_Service_Session_Send(1, data, 3);
            Check(WitMemory.LoadU8(ret) == 0 && WitMemory.LoadI32(ret + 4) == 6, "send ok");
            ShapesWorld.__Export_Service_Session_SendPost(ret);
            ret = ShapesWorld.__Export_Service_Session_Send(1, 1, 0);
            Check(WitMemory.LoadU8(ret) == 1 && ReadString(WitMemory.LoadI32(ret + 4), WitMemory.LoadI32(ret + 8)) == "empty", "send err");
            ShapesWorld.__Export_Service_Session_SendPost(ret);
            ret = ShapesWorld.__Export_Service_Describe(1);
            Check(ReadString(WitMemory.LoadI32(ret), WitMemory.LoadI32(ret + 4)) == "session alpha", "borrow param");
            ShapesWorld.__Export_Service_DescribePost(ret);
            // own<session> in: [resource-rep] finds the object, which keeps the handle; returning it hands the same handle back
            Check(ShapesWorld.__Export_Service_Relay(1001) == 1001, "relay returns the held handle");
            Check(ShapesWorld.__Export_Service_Open(np, 0) == 1002, "a new object gets a new rep");
            ShapesWorld.__Dtor_Service_Session(2);
            ShapesWorld.__Dtor_Service_Session(1);
            Check(WitMemory.Live.Count == 0, "leak after session: " + WitMemory.Live.Count);

            // world-level export: list<string> params freed, result<_, u32> via exceptions
            var (a, al) = HostString("x");
            var (b, bl) = HostString("yz");
            int list = WitMemory.Realloc(0, 0, 4, 16);
            WitMemory.StoreI32(list, a);
            WitMemory.StoreI32(list + 4, al);
            WitMemory.StoreI32(list + 8, b);
            WitMemory.StoreI32(list + 12, bl);
            ret = ShapesWorld.__Export_Run(list, 2);
            Check(RunImpl.Seen == "x|yz" && WitMemory.LoadU8(ret) == 0, "run ok");
            ShapesWorld.__Export_RunPost(ret);
            ret = ShapesWorld.__Export_Run(4, 0);
            Check(WitMemory.LoadU8(ret) == 1 && WitMemory.LoadI32(ret + 4) == 7, "run err");
            ShapesWorld.__Export_RunPost(ret);
            Check(WitMemory.Live.Count == 0, "leak after run: " + WitMemory.Live.Count);
            return "ok";
        }
    }
}
""";

    [Fact]
    public void FactorizationRunsOverEmulatedMemory() =>
        RunHarness(global::WitTools.Tests.Shared.RepositoryPaths.Example("factorization"), Harness, "Wit.Wittools.Factorization.Harness");

    [Fact]
    public void ShapesRunOverEmulatedMemory() =>
        RunHarness(Path.Combine(ThisDirectory(), "wit", "shapes"), ShapesHarness, "Wit.Test.Shapes.Harness");

    private static string ThisDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    private static void RunHarness(string witPath, string harness, string harnessType)
    {
        var load = GuestCompiler.Load(witPath);
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var sources = GuestCompiler.Generate(load, id, stubs: false).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(harness);
        var (problems, compilation) = GuestCompiler.Compile(sources, emulated: true, assemblyName: "Emulated" + harnessType);
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));

        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        var context = new AssemblyLoadContext("emulated", isCollectible: true);
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            var run = assembly.GetType(harnessType)!.GetMethod("Run")!;
            try
            {
                Assert.Equal("ok", run.Invoke(null, null));
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
}
