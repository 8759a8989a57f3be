using System.Linq;
using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Tests.Abi;

public class AbiPlannerTests
{
    private static readonly AbiType Bytes = AbiType.List(AbiType.U8);

    // variant { a(u64), b(f32), c(string), d } flattens to [i32, i64, i32]
    private static readonly AbiType Mixed = AbiType.Variant(
        "mixed", ("a", AbiType.U64), ("b", AbiType.F32), ("c", AbiType.String), ("d", null));

    private static readonly AbiType Point = AbiType.Record("point", ("x", AbiType.S32), ("y", AbiType.S32));

    private static string Both(AbiFunction function) =>
        PlanPrinter.Print(AbiPlanner.Plan(function, AbiConvention.Lift)) + "\n" +
        PlanPrinter.Print(AbiPlanner.Plan(function, AbiConvention.Lower));

    [Fact]
    public void String_params_and_a_spilled_result()
    {
        var function = new AbiFunction("read", AbiType.Result(Bytes, AbiType.String), ("path", AbiType.String), ("limit", AbiType.U32));
        Snapshot.Verify(Both(function), "read");

        var lift = AbiPlanner.Plan(function, AbiConvention.Lift);
        Assert.Equal(ResultLocation.ReturnedPointer, lift.ResultLocation);
        Assert.True(lift.NeedsPostReturn);
        Assert.Equal((12L, 4), (lift.ResultArea!.Size, lift.ResultArea.Align));

        var lower = AbiPlanner.Plan(function, AbiConvention.Lower);
        Assert.Equal(ResultLocation.OutPointer, lower.ResultLocation);
        Assert.False(lower.NeedsPostReturn);
        Assert.Equal(3, lower.OutPointerIndex);
        Assert.Equal(PlanDirection.Lower, lower.ParamsDirection);
        Assert.Equal(PlanDirection.Lift, lower.ResultDirection);
    }

    /// <summary>The canonical option string-encoding reaches every string of a function's plans, in both directions
    /// (flat params, spilled results, nested in lists and variants) with its alignment; locations, core signature and
    /// layouts are the same as for UTF-8.</summary>
    [Theory]
    [InlineData(StringEncoding.Utf8, 1)]
    [InlineData(StringEncoding.Utf16, 2)]
    [InlineData(StringEncoding.Latin1Utf16, 2)]
    public void String_encoding_is_carried_by_every_string_plan(StringEncoding encoding, int alignment)
    {
        var function = new AbiFunction("read", AbiType.Result(AbiType.List(AbiType.String), AbiType.String), ("path", AbiType.String), ("value", Mixed));
        foreach (var convention in new[] { AbiConvention.Lift, AbiConvention.Lower })
        {
            var plan = AbiPlanner.Plan(function, convention, encoding);
            var utf8 = AbiPlanner.Plan(function, convention);
            Assert.Null(plan.Error);
            Assert.Equal(utf8.Signature!.ToString(), plan.Signature!.ToString());
            var strings = Strings(plan.Params.Select(p => p.Plan).Append(plan.Result!)).ToList();
            Assert.Equal(4, strings.Count); // path, the variant's case c, the ok list's elements, the error
            Assert.All(strings, s => Assert.Equal((encoding, alignment), (s.Encoding, s.Alignment)));
            Assert.Equal(
                Strings(utf8.Params.Select(p => p.Plan).Append(utf8.Result!)).Select(s => (s.Pointer.ToString(), s.Length.ToString())),
                strings.Select(s => (s.Pointer.ToString(), s.Length.ToString())));
        }
        Assert.True(AbiPlanner.TryLift(AbiType.String, PlanStorage.Memory, encoding, out var lift, out _));
        Assert.Equal(encoding, Assert.IsType<StringPlan>(lift!.Root).Encoding);
        string printed = PlanPrinter.Print(lift);
        Assert.Equal(encoding != StringEncoding.Utf8, printed.Contains("; " + StringEncodings.CanonicalName(encoding) + " align 2"));
    }

    private static System.Collections.Generic.IEnumerable<StringPlan> Strings(System.Collections.Generic.IEnumerable<ValuePlan> plans)
    {
        foreach (var plan in plans)
        {
            switch (plan)
            {
                case StringPlan s: yield return s; break;
                case ListPlan l: foreach (var x in Strings(new[] { l.Element })) yield return x; break;
                case RecordPlan r: foreach (var x in Strings(r.Fields.Select(f => f.Plan))) yield return x; break;
                case VariantPlan v: foreach (var x in Strings(v.Cases.Where(c => c.Payload is not null).Select(c => c.Payload!))) yield return x; break;
            }
        }
    }

    [Theory]
    [InlineData("utf8", StringEncoding.Utf8)]
    [InlineData(" UTF-8 ", StringEncoding.Utf8)]
    [InlineData("", StringEncoding.Utf8)]
    [InlineData("utf16", StringEncoding.Utf16)]
    [InlineData("Utf-16", StringEncoding.Utf16)]
    [InlineData("latin1+utf16", StringEncoding.Latin1Utf16)]
    [InlineData("compact-utf16", StringEncoding.Latin1Utf16)]
    public void String_encoding_spellings_parse(string text, StringEncoding expected)
    {
        Assert.True(StringEncodings.TryParse(text, out var encoding));
        Assert.Equal(expected, encoding);
    }

    [Theory]
    [InlineData("latin1")]
    [InlineData("utf32")]
    [InlineData("utf16le")]
    public void Unknown_string_encodings_are_rejected_with_the_valid_names(string text)
    {
        Assert.False(StringEncodings.TryParse(text, out _));
        Assert.Equal("unknown string encoding `" + text + "`; expected `utf8`, `utf16`, `latin1+utf16` (also spelled `compact-utf16`)", StringEncodings.UnknownMessage(text));
    }

    [Fact]
    public void Variant_payloads_are_bitcast_into_joined_slots_and_unused_slots_zeroed()
    {
        Assert.Equal(new[] { CoreType.I32, CoreType.I64, CoreType.I32 }, Mixed.Flat.Types);
        var function = new AbiFunction("pick", AbiType.Option(AbiType.F32), ("value", Mixed));
        Snapshot.Verify(Both(function), "pick");

        var lower = AbiPlanner.Plan(function, AbiConvention.Lower);
        var variant = Assert.IsType<VariantPlan>(lower.Params[0].Plan);
        var f32 = Assert.IsType<ScalarPlan>(variant.Cases[1].Payload);
        var slot = Assert.IsType<FlatLocation>(f32.Location);
        Assert.Equal((1, CoreType.I64, CoreType.F32, Bitcast.F32ToI64), (slot.Index, slot.SlotType, slot.ValueType, slot.Bitcast));
        Assert.Equal(new[] { 2 }, variant.Cases[1].UnusedSlots.Select(s => s.Index));
        Assert.Equal(new[] { 1, 2 }, variant.Cases[3].UnusedSlots.Select(s => s.Index));
        Assert.Empty(variant.Cases[2].UnusedSlots);
        var str = Assert.IsType<StringPlan>(variant.Cases[2].Payload);
        Assert.Equal(Bitcast.I32ToI64, ((FlatLocation)str.Pointer).Bitcast);
        Assert.Equal(Bitcast.None, ((FlatLocation)str.Length).Bitcast);

        var lift = AbiPlanner.Plan(function, AbiConvention.Lift);
        var liftVariant = Assert.IsType<VariantPlan>(lift.Params[0].Plan);
        Assert.Equal(Bitcast.I64ToF32, ((FlatLocation)((ScalarPlan)liftVariant.Cases[1].Payload!).Location).Bitcast);
    }

    [Fact]
    public void Seventeen_flat_params_are_read_from_a_params_area()
    {
        var @params = Enumerable.Range(0, 8).Select(i => ("p" + i, Point)).Append(("flag", AbiType.Bool)).ToArray();
        var function = new AbiFunction("many", null, @params);
        var plan = AbiPlanner.Plan(function, AbiConvention.Lift);
        Assert.Equal(ParamsLocation.ParamsPointer, plan.ParamsLocation);
        Assert.Equal((68L, 4), (plan.ParamsArea!.Size, plan.ParamsArea.Align));
        Assert.Equal(64, plan.ParamsArea.FieldOffsets[8]);
        Assert.False(plan.NeedsPostReturn);
        Snapshot.Verify(PlanPrinter.Print(plan), "many");
    }

    [Fact]
    public void Fixed_size_lists_unroll_when_flat_and_loop_in_memory()
    {
        var vec = AbiType.FixedList(AbiType.F32, 3);
        var function = new AbiFunction("scale", AbiType.FixedList(Point, 2), ("v", vec), ("m", AbiType.Map(AbiType.String, vec)));
        Snapshot.Verify(Both(function), "scale");
    }

    [Fact]
    public void Async_functions_use_task_return_and_out_pointers()
    {
        var function = new AbiFunction("fetch", new[] { new AbiParam("url", AbiType.String), new AbiParam("handle", AbiType.Own("request")) }, AbiType.Result(AbiType.U32, AbiType.ErrorContext), isAsync: true);
        Snapshot.Verify(Both(function), "fetch");
        Assert.Equal(ResultLocation.TaskReturnParams, AbiPlanner.Plan(function, AbiConvention.Lift).ResultLocation);
        Assert.Equal(ResultLocation.OutPointer, AbiPlanner.Plan(function, AbiConvention.Lower).ResultLocation);
    }

    [Fact]
    public void Type_plans_in_memory_and_flat()
    {
        var record = AbiType.Record(
            "entry",
            ("name", AbiType.String),
            ("tags", AbiType.List(AbiType.String)),
            ("mode", AbiType.Flags("mode", new[] { "read", "write" })),
            ("size", AbiType.Option(AbiType.U64)),
            ("kind", AbiType.Enum("kind", new[] { "file", "dir" })),
            ("owner", AbiType.Borrow("user")));
        Assert.True(AbiPlanner.TryLift(record, PlanStorage.Memory, out var lift, out var error), error);
        Assert.True(AbiPlanner.TryLower(record, PlanStorage.Flat, out var lower, out error), error);
        Snapshot.Verify(PlanPrinter.Print(lift!) + "\n" + PlanPrinter.Print(lower!), "entry");
    }

    [Fact]
    public void Invalid_or_too_deep_types_give_errors_not_exceptions()
    {
        var bad = new AbiFunction("bad", null, ("f", AbiType.Flags("f", Enumerable.Range(0, 33).Select(i => "f" + i))));
        var plan = AbiPlanner.Plan(bad, AbiConvention.Lift);
        Assert.Equal("parameter `f`: cannot have more than 32 flags", plan.Error);
        Assert.Null(plan.Signature);

        var deep = AbiType.U8;
        for (int i = 0; i < 100_000; i++) deep = AbiType.List(deep);
        Assert.False(AbiPlanner.TryLift(deep, PlanStorage.Memory, out _, out var error));
        Assert.Contains("nesting too deep", error);
        Assert.Contains("nesting too deep", AbiPlanner.Plan(new AbiFunction("deep", deep), AbiConvention.Lower).Error);

        // a DAG of named records doubling at each level would be an enormous tree
        var wide = AbiType.U8;
        for (int i = 0; i < 25; i++) wide = AbiType.Record("r" + i, ("a", wide), ("b", wide));
        Assert.False(AbiPlanner.TryLift(wide, PlanStorage.Memory, out _, out error));
        Assert.Contains("more than", error);
    }
}
