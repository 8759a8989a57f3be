using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Wasmtime;
using Wasmtime.Components;
using WitTools.Benchmarks.Host.Wittools.HostBench;
using WitTools.Runtime;
using Row = WitTools.Benchmarks.Host.Wittools.HostBench.HostBenchWorld.Row;

namespace WitTools.Benchmarks;

/// <summary>
/// Per-call cost of calling a component from .NET three ways, in one run (issue 12): Wasmtime .NET's managed
/// <c>ComponentValue</c> API, the raw component C API (<c>wasmtime_component_func_call</c> with value buffers built
/// by hand, through the host runtime's P/Invoke layer), and the typed host bindings generated for wit/host-bench.wit. Three calls of wat/host-bench.wat:
/// <c>add(u32, u32) -> u32</c>, an echo of a 64 KiB <c>list&lt;u8&gt;</c>, and an echo of 100 records
/// <c>{ name: string, id: u32, score: option&lt;f64&gt; }</c>. Every way converts its inputs from and its results to
/// ordinary .NET values (byte[], records), so all do the same work.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class HostBenchmarks
{
    private const int Rows = 100;

    private readonly byte[] _bytes = new byte[64 * 1024];
    private Row[] _rows = null!;

    // managed ComponentValue API
    private Wasmtime.Engine _managedEngine = null!;
    private Component _managedComponent = null!;
    private Store _managedStore = null!;
    private ComponentFunction _managedAdd = null!;
    private ComponentFunction _managedEcho = null!;
    private ComponentFunction _managedRows = null!;

    // raw C API and typed bindings (one store each)
    private WitEngine _engine = null!;
    private WitComponent _component = null!;
    private RawInstance _raw = null!;
    private Host.WitEngine _typedEngine = null!;
    private Host.WitComponent _typedComponent = null!;
    private HostBenchHost _typed = null!;

    private sealed class Sink : HostBenchWorld.IHost
    {
        public void Log(string msg) { }
    }

    [GlobalSetup]
    public void Setup()
    {
        new Random(12).NextBytes(_bytes);
        _rows = new Row[Rows];
        for (int i = 0; i < Rows; i++) _rows[i] = new Row("row number " + i, (uint)i * 7, i % 3 == 0 ? null : i * 0.5);
        string wat = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "wat", "host-bench.wat"));

        _managedEngine = new Wasmtime.Engine(new Config().WithComponentModel(true));
        _managedComponent = Component.FromText(_managedEngine, wat);
        var linker = new ComponentLinker(_managedEngine);
        using (var root = linker.Root()) root.DefineFunction("log", (args, results) => { });
        _managedStore = new Store(_managedEngine);
        var instance = linker.Instantiate(_managedStore, _managedComponent);
        _managedAdd = instance.GetFunction("add")!;
        _managedEcho = instance.GetFunction("echo-bytes")!;
        _managedRows = instance.GetFunction("echo-rows")!;

        _engine = new WitEngine();
        _component = WitComponent.FromText(_engine, wat);
        _raw = new RawInstance(_component);
        _typedEngine = new Host.WitEngine();
        _typedComponent = Host.WitComponent.FromText(_typedEngine, wat);
        _typed = HostBenchHost.Instantiate(_typedComponent, new Sink());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _typed.Dispose();
        _typedComponent.Dispose();
        _typedEngine.Dispose();
        _component.Dispose();
        _engine.Dispose();
        _managedStore.Dispose();
        _managedComponent.Dispose();
        _managedEngine.Dispose();
    }

    // ------------------------------------------------------------------ scalar: add(u32, u32) -> u32

    [Benchmark(Baseline = true), BenchmarkCategory("scalar")]
    public uint ScalarRawCApi()
    {
        var store = _raw.Store;
        WitVal* args = store.Arena.Values(2);
        args[0].Kind = WitVal.U32;
        args[0].UInt = 20;
        args[1].Kind = WitVal.U32;
        args[1].UInt = 22;
        WitVal result = default;
        var error = WitNative.wasmtime_component_func_call(_raw.Function(0), store.Context, args, 2, &result, 1);
        store.Arena.Reset();
        if (error != IntPtr.Zero) throw new InvalidOperationException(WitNative.TakeMessage(error));
        return result.UInt;
    }

    [Benchmark, BenchmarkCategory("scalar")]
    public uint ScalarTyped() => _typed.Exports.Add(20, 22);

    [Benchmark, BenchmarkCategory("scalar")]
    public uint ScalarComponentValue() => _managedAdd.Call(ComponentValue.U32(20), ComponentValue.U32(22))!.AsU32();

    // ------------------------------------------------------------------ 64 KiB list<u8> echo

    [Benchmark(Baseline = true), BenchmarkCategory("list<u8> 64 KiB")]
    public byte[] BytesRawCApi()
    {
        var store = _raw.Store;
        WitVal* args = store.Arena.Values(1);
        WitVal* elements = store.Arena.Values(_bytes.Length);
        for (int i = 0; i < _bytes.Length; i++)
        {
            elements[i].Kind = WitVal.U8;
            elements[i].Byte = _bytes[i];
        }
        args->Kind = WitVal.List;
        args->Vec.Size = (nuint)_bytes.Length;
        args->Vec.Data = elements;
        WitVal result = default;
        var error = WitNative.wasmtime_component_func_call(_raw.Function(1), store.Context, args, 1, &result, 1);
        store.Arena.Reset();
        if (error != IntPtr.Zero) throw new InvalidOperationException(WitNative.TakeMessage(error));
        var items = (WitVal*)result.Vec.Data;
        var bytes = new byte[(int)result.Vec.Size];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = items[i].Byte;
        WitNative.wasmtime_component_val_delete(&result);
        return bytes;
    }

    [Benchmark, BenchmarkCategory("list<u8> 64 KiB")]
    public byte[] BytesTyped() => _typed.Exports.EchoBytes(_bytes);

    [Benchmark, BenchmarkCategory("list<u8> 64 KiB")]
    public byte[] BytesComponentValue()
    {
        var items = new ComponentValue[_bytes.Length];
        for (int i = 0; i < items.Length; i++) items[i] = ComponentValue.U8(_bytes[i]);
        var result = _managedEcho.Call(ComponentValue.List(items))!.AsList();
        var bytes = new byte[result.Count];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = result[i].AsU8();
        return bytes;
    }

    // ------------------------------------------------------------------ 100 records echo

    [Benchmark(Baseline = true), BenchmarkCategory("records x100")]
    public Row[] RecordsRawCApi()
    {
        var store = _raw.Store;
        var arena = store.Arena;
        WitVal* args = arena.Values(1);
        WitVal* list = arena.Values(_rows.Length);
        for (int i = 0; i < _rows.Length; i++)
        {
            var row = _rows[i];
            var fields = (WitValField*)arena.Alloc((nuint)(3 * sizeof(WitValField)));
            fields[0].Name = RawInstance.RowFields[0];
            WitHostStrings.Lower(row.Name, &fields[0].Value, arena);
            fields[1].Name = RawInstance.RowFields[1];
            fields[1].Value.Kind = WitVal.U32;
            fields[1].Value.UInt = row.Id;
            fields[2].Name = RawInstance.RowFields[2];
            fields[2].Value.Kind = WitVal.Option;
            fields[2].Value.Pointer = null;
            if (row.Score is double score)
            {
                var some = arena.Values(1);
                some->Kind = WitVal.F64;
                some->Double = score;
                fields[2].Value.Pointer = some;
            }
            list[i].Kind = WitVal.Record;
            list[i].Vec.Size = 3;
            list[i].Vec.Data = fields;
        }
        args->Kind = WitVal.List;
        args->Vec.Size = (nuint)_rows.Length;
        args->Vec.Data = list;
        WitVal result = default;
        var error = WitNative.wasmtime_component_func_call(_raw.Function(2), store.Context, args, 1, &result, 1);
        arena.Reset();
        if (error != IntPtr.Zero) throw new InvalidOperationException(WitNative.TakeMessage(error));
        var items = (WitVal*)result.Vec.Data;
        var rows = new Row[(int)result.Vec.Size];
        for (int i = 0; i < rows.Length; i++)
        {
            var fields = (WitValField*)items[i].Vec.Data;
            var name = System.Text.Encoding.UTF8.GetString((byte*)fields[0].Value.Vec.Data, (int)fields[0].Value.Vec.Size);
            rows[i] = new Row(name, fields[1].Value.UInt, fields[2].Value.Pointer == null ? null : fields[2].Value.Pointer->Double);
        }
        WitNative.wasmtime_component_val_delete(&result);
        return rows;
    }

    [Benchmark, BenchmarkCategory("records x100")]
    public Row[] RecordsTyped() => _typed.Exports.EchoRows(_rows);

    [Benchmark, BenchmarkCategory("records x100")]
    public Row[] RecordsComponentValue()
    {
        var items = new ComponentValue[_rows.Length];
        for (int i = 0; i < items.Length; i++)
        {
            var row = _rows[i];
            items[i] = ComponentValue.Record(new List<KeyValuePair<string, ComponentValue>>
            {
                new("name", ComponentValue.String(row.Name)),
                new("id", ComponentValue.U32(row.Id)),
                new("score", row.Score is double s ? ComponentValue.Some(ComponentValue.F64(s)) : ComponentValue.None()),
            });
        }
        var result = _managedRows.Call(ComponentValue.List(items))!.AsList();
        var rows = new Row[result.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            var r = result[i];
            var score = r.Field("score");
            rows[i] = new Row(r.Field("name").AsString(), r.Field("id").AsU32(), score.IsSome ? score.Payload!.AsF64() : null);
        }
        return rows;
    }
}

/// <summary>The component instantiated for the raw C API calls: the log import defined, the three functions looked up.</summary>
internal sealed unsafe class RawInstance : IDisposable
{
    public static readonly WitNativeVec[] RowFields = { WitHostStrings.Name("name"), WitHostStrings.Name("id"), WitHostStrings.Name("score") };

    private readonly WitNativeFunc* _functions;

    public RawInstance(WitComponent component)
    {
        var linker = component.Engine.Linker(typeof(RawInstance), engine =>
        {
            var l = new WitLinker(engine, wasi: false);
            l.Root(root => root.Function("log", &Log));
            return l;
        });
        Store = new WitStore(component.Engine);
        Store.Own(this);
        var instance = linker.Instantiate(Store, component);
        _functions = Store.Functions(3);
        _functions[0] = WitExports.Function(Store, &instance, null, "add");
        _functions[1] = WitExports.Function(Store, &instance, null, "echo-bytes");
        _functions[2] = WitExports.Function(Store, &instance, null, "echo-rows");
    }

    public WitStore Store { get; }

    public WitNativeFunc* Function(int index) => &_functions[index];

    [UnmanagedCallersOnly]
    private static IntPtr Log(IntPtr env, IntPtr context, IntPtr type, WitVal* args, nuint argCount, WitVal* results, nuint resultCount) => IntPtr.Zero;

    public void Dispose() => Store.Dispose();
}
