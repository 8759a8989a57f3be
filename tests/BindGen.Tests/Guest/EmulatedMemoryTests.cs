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
        public static int Disposed;
        private readonly List<ulong> _items = new();
        public MyBatch(Types.ReportOptions options) => Options = options;
        public Types.ReportOptions Options { get; }
        public override uint Push(ulong n) { _items.Add(n); return (uint)(_items.Count - 1); }
        public override Result<Types.Factorization, Types.FactorError>[] Run() => new Result<Types.Factorization, Types.FactorError>[0];
        public override uint Len() => (uint)_items.Count;
        public override void Dispose() => Disposed++;
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
            Trap(() => WitMemory.LiftBool(2), "invalid bool");
            Trap(() => WitMemory.LoadI32(1 << 30), "out-of-bounds");
            Trap(() => WitMemory.LoadI32(18), "misaligned");

            // an exported resource: constructor, methods through the rep, destructor
            int handle = FactorizerWorld.__Export_Factorize_CreateBatch(4);
            Check(handle == 101, "handle from [resource-new]");
            Check(FactorizerWorld.__Export_Factorize_Batch_Push(1, 10) == 0 && FactorizerWorld.__Export_Factorize_Batch_Push(1, 7) == 1, "push");
            Check(FactorizerWorld.__Export_Factorize_Batch_Len(1) == 2, "len");
            FactorizerWorld.__Dtor_Factorize_Batch(1);
            Check(MyBatch.Disposed == 1, "destructor disposes");
            Trap(() => FactorizerWorld.__Export_Factorize_Batch_Len(1), "unknown resource rep 1");
            return "ok";
        }
    }
}
""";

    [Fact]
    public void FactorizationRunsOverEmulatedMemory()
    {
        var load = GuestCompiler.Load(Path.Combine(GuestCompiler.RepoRoot, "wit-examples", "factorization"));
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var sources = GuestCompiler.Generate(load, id, stubs: false).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(Harness);
        var (problems, compilation) = GuestCompiler.Compile(sources, emulated: true, assemblyName: "EmulatedFactorization");
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));

        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        var context = new AssemblyLoadContext("emulated", isCollectible: true);
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            var run = assembly.GetType("Wit.Wittools.Factorization.Harness")!.GetMethod("Run")!;
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
