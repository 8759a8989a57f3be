using System;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Abi;

// Expected values follow CanonicalABI.md (component-model 6d28164): flatten_functype with opts.async_, the built-ins'
// core types (canon_* definitions) and wit-parser's Function::find_futures_and_streams for the numbering.
public class AsyncAbiTests
{
    private static AbiFunction Load(string functions, string name)
    {
        var loaded = WitLoader.LoadText("a.wit", "package ex:a;\ninterface i {\n" + functions + "\n}\n", FeatureSet.None);
        Assert.True(loaded.Success, loaded.RenderDiagnostics());
        var resolve = loaded.Resolve!;
        var iface = resolve.Interfaces[resolve.Packages[loaded.MainPackages.Single()].Interfaces["i"]];
        return new ResolveAbi(resolve).Function(iface.Functions[name]);
    }

    [Fact]
    public void Futures_and_streams_are_numbered_params_first_payloads_before_their_type()
    {
        // wit-parser's own example: func(x: future<future<u32>>, y: u32) -> stream<u8>
        var f = Load("f: func(x: future<future<u32>>, y: u32) -> stream<u8>;", "f");
        Assert.Equal(new[] { "future<u32>", "future<future<u32>>", "stream<u8>" }, AsyncAbi.AsyncValues(f).Select(v => v.Type.ToString()));
        Assert.Equal(new[] { 0, 1, 2 }, AsyncAbi.AsyncValues(f).Select(v => v.Index));
    }

    [Fact]
    public void Every_occurrence_counts_and_named_types_are_entered_but_handles_are_not()
    {
        var f = Load("""
            resource r;
            record body { data: stream<u8>, done: future }
            type chunks = stream<list<u8>>;
            variant v { a(future<string>), b, c(chunks) }
            g: func(a: body, b: stream<u8>, c: borrow<r>, d: v) -> result<tuple<future<u32>, stream>, error-context>;
            """, "g");
        Assert.Equal(
            new[] { "stream<u8>", "future", "stream<u8>", "future<string>", "chunks", "future<u32>", "stream" },
            AsyncAbi.AsyncValues(f).Select(v => v.Type.ToString()));
        Assert.Equal(new[] { AsyncValueKind.Stream, AsyncValueKind.Future }, AsyncAbi.AsyncValues(f).Take(2).Select(v => v.Kind));
    }

    [Fact]
    public void Buffer_elements_have_the_payloads_size_and_alignment()
    {
        var f = Load("""
            record row { id: u64, name: string, ok: bool }
            h: func(a: stream<row>, b: future<u16>, c: stream, d: stream<string>);
            """, "h");
        var values = AsyncAbi.AsyncValues(f);
        Assert.Equal((24L, 8), (values[0].ElementSize, values[0].ElementAlign));
        Assert.Equal((2L, 2), (values[1].ElementSize, values[1].ElementAlign));
        Assert.Equal((0L, 1), (values[2].ElementSize, values[2].ElementAlign));
        Assert.Null(values[2].Element);
        Assert.Equal((8L, 4), (values[3].ElementSize, values[3].ElementAlign));
        Assert.True(AsyncAbi.HasAsyncHandles(f.Params[0].Type));
        Assert.False(AsyncAbi.HasAsyncHandles(AbiType.List(AbiType.String)));
        Assert.True(AsyncAbi.HasAsyncHandles(AbiType.Option(AbiType.ErrorContext)));
    }

    [Fact]
    public void Whether_a_type_holds_futures_streams_or_error_contexts_is_known_from_its_children()
    {
        var row = AbiType.Record("row", ("id", AbiType.U64), ("tags", AbiType.List(AbiType.String)));
        Assert.False(row.HasFuturesOrStreams);
        Assert.False(row.HasErrorContext);
        var deep = AbiType.Stream(AbiType.U8);
        for (int i = 0; i < 10_000; i++) deep = i % 2 == 0 ? AbiType.Option(deep) : AbiType.Tuple(row, deep);
        Assert.True(deep.HasFuturesOrStreams);
        Assert.False(deep.HasErrorContext);
        Assert.True(AbiType.Map(AbiType.String, AbiType.Future(null)).HasFuturesOrStreams);
        Assert.True(AbiType.Variant("v", ("a", row), ("b", AbiType.Result(null, AbiType.ErrorContext))).HasErrorContext);
        Assert.False(AbiType.Variant("v", ("a", row), ("b", AbiType.Result(null, AbiType.ErrorContext))).HasFuturesOrStreams);
        // sync subtrees are not entered, and the stream at the bottom is still found, once
        Assert.Single(AsyncAbi.AsyncValues(new AbiFunction("f", new[] { new AbiParam("x", deep) }, null)));
    }

    [Fact]
    public void Async_signatures_follow_flatten_functype()
    {
        // lower: at most 4 flat params (MAX_FLAT_ASYNC_PARAMS), any result through an out-pointer, an i32 status
        var spilled = Load("f: async func(a: string, b: string, c: u8) -> u32;", "f");
        var lower = Flattening.Signature(spilled, AbiConvention.Lower);
        Assert.Equal("(i32, i32) -> (i32)", lower.ToString());
        Assert.True(lower.ParamsSpilled && lower.ResultsSpilled);
        var flat = Load("f: async func(a: u32, b: u64, c: f32, d: f64);", "f");
        Assert.Equal("(i32, i64, f32, f64) -> (i32)", Flattening.Signature(flat, AbiConvention.Lower).ToString());

        // lift with callback: up to 16 flat params, an i32 callback code; results go to task.return, which spills past 16
        var lift = Flattening.Signature(spilled, AbiConvention.Lift);
        Assert.Equal("(i32, i32, i32, i32, i32) -> (i32)", lift.ToString());
        Assert.Equal("(i32) -> ()", lift.TaskReturn!.ToString());
        var wide = Load("record w { a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, h: u64, i: u64, j: u64, k: u64, l: u64, m: u64, n: u64, o: u64, p: u64, q: u64 }\nf: async func() -> w;", "f");
        var wideLift = Flattening.Signature(wide, AbiConvention.Lift);
        Assert.Equal("(i32) -> ()", wideLift.TaskReturn!.ToString());
        Assert.True(wideLift.TaskReturn.ParamsSpilled);
        var none = Flattening.Signature(Load("f: async func();", "f"), AbiConvention.Lift);
        Assert.Equal("() -> ()", none.TaskReturn!.ToString());
    }

    [Fact]
    public void Async_plans_put_lift_results_in_task_return_and_lower_results_behind_the_out_pointer()
    {
        var f = Load("f: async func(a: string) -> string;", "f");
        var lift = AbiPlanner.Plan(f, AbiConvention.Lift);
        Assert.Equal(ResultLocation.TaskReturnParams, lift.ResultLocation);
        Assert.False(lift.NeedsPostReturn);
        var lower = AbiPlanner.Plan(f, AbiConvention.Lower);
        Assert.Equal(ResultLocation.OutPointer, lower.ResultLocation);
        Assert.Equal(2, lower.OutPointerIndex);
        Assert.Equal((8L, 4), (lower.ResultArea!.Size, lower.ResultArea.Align));
    }

    [Fact]
    public void The_builtin_table_lists_every_async_kind_once_with_the_specs_core_types()
    {
        var asyncKinds = Enum.GetValues<BuiltinKind>().Where(k => k > BuiltinKind.Realloc).ToList();
        Assert.Equal(asyncKinds, AsyncBuiltins.Table.Select(s => s.Kind));
        Assert.Equal(asyncKinds.Count, AsyncBuiltins.Table.Select(s => s.Name).Distinct().Count());
        string Sig(BuiltinKind k) => AsyncBuiltins.Spec(k).Signature!.ToString();
        Assert.Equal("() -> (i64)", Sig(BuiltinKind.StreamNew));
        Assert.Equal("(i32, i32, i32) -> (i32)", Sig(BuiltinKind.StreamRead));
        Assert.Equal("(i32, i32) -> (i32)", Sig(BuiltinKind.FutureWrite));
        Assert.Equal("(i32) -> (i32)", Sig(BuiltinKind.SubtaskCancel));
        Assert.Equal("(i32, i32) -> (i32)", Sig(BuiltinKind.WaitableSetWait));
        Assert.Equal("(i32, i32) -> ()", Sig(BuiltinKind.WaitableJoin));
        Assert.Equal("(i32, i32, i32) -> (i32)", Sig(BuiltinKind.Callback));
        Assert.Equal("(i32, i32) -> ()", Sig(BuiltinKind.ErrorContextDebugMessage));
    }

    [Fact]
    public void Builtins_get_wit_components_names()
    {
        Assert.Equal("import $root [waitable-set-new] () -> (i32)", AsyncBuiltins.Instance(BuiltinKind.WaitableSetNew).ToString());
        Assert.Equal("import [export]$root [task-cancel] () -> ()", AsyncBuiltins.Instance(BuiltinKind.TaskCancel).ToString());
        Assert.Equal("[async-lower][stream-read-2]get", AsyncBuiltins.AsyncValue(BuiltinKind.StreamRead, "ex:a/i", "get", 2).Name);
        Assert.Equal("[future-new-0][method]r.f", AsyncBuiltins.AsyncValue(BuiltinKind.FutureNew, "[export]ex:a/i", "[method]r.f", 0).Name);
        Assert.Equal("[error-context-new-latin1+utf16]", AsyncBuiltins.ErrorContext(BuiltinKind.ErrorContextNew, StringEncoding.Latin1Utf16).Name);
        var f = Load("f: async func(a: string) -> string;", "f");
        var lift = Flattening.Signature(f, AbiConvention.Lift);
        Assert.Equal("import [export]ex:a/i [task-return]f (i32, i32) -> ()", AsyncBuiltins.TaskReturn("ex:a/i", "f", lift.TaskReturn!).ToString());
        Assert.Equal("export [async-lift]ex:a/i#f (i32, i32) -> (i32)", AsyncBuiltins.AsyncExport("ex:a/i#f", lift).ToString());
        Assert.Equal("export [callback][async-lift]ex:a/i#f (i32, i32, i32) -> (i32)", AsyncBuiltins.Callback("ex:a/i#f").ToString());
        Assert.Throws<ArgumentException>(() => AsyncBuiltins.Instance(BuiltinKind.StreamRead));
        Assert.Throws<ArgumentException>(() => AsyncBuiltins.AsyncValue(BuiltinKind.WaitableJoin, "m", "f", 0));
    }

    [Fact]
    public void The_layout_report_shows_async_signatures_and_numbered_values()
    {
        var loaded = WitLoader.LoadText("a.wit", """
            package ex:a;
            interface i {
              f: async func(a: string, b: stream<u8>) -> future<string>;
            }
            """, FeatureSet.None);
        Assert.True(loaded.Success, loaded.RenderDiagnostics());
        string json = LayoutReport.ToJson(loaded.Resolve!, loaded.MainPackages, null, AbiConvention.Lift);
        Assert.Contains("\"async\": true", json);
        Assert.Contains("\"task_return\": {\n        \"params\": [\n          \"i32\"\n        ],\n        \"params_spill\": false\n      }", json);
        Assert.Contains("\"type\": \"stream<u8>\"", json);
        Assert.Contains("\"type\": \"future<string>\"", json);
        Assert.Contains("\"element_size\": 8", json);
        string lower = LayoutReport.ToJson(loaded.Resolve!, loaded.MainPackages, null, AbiConvention.Lower);
        Assert.DoesNotContain("task_return", lower);
        Assert.Contains("\"async\": true", lower);
    }
}
