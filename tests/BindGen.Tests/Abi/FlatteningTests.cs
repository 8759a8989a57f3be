using System.Linq;
using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Tests.Abi;

// Expected values follow CanonicalABI.md "Flattening" (flatten_type, flatten_variant/join, flatten_functype).
public class FlatteningTests
{
    private const CoreType I32 = CoreType.I32;
    private const CoreType I64 = CoreType.I64;
    private const CoreType F32 = CoreType.F32;
    private const CoreType F64 = CoreType.F64;

    [Fact]
    public void Primitives_flatten_to_one_core_value_and_strings_to_two()
    {
        Assert.Equal(new[] { I32 }, AbiType.Bool.Flat.Types);
        Assert.Equal(new[] { I32 }, AbiType.S16.Flat.Types);
        Assert.Equal(new[] { I64 }, AbiType.U64.Flat.Types);
        Assert.Equal(new[] { F32 }, AbiType.F32.Flat.Types);
        Assert.Equal(new[] { F64 }, AbiType.F64.Flat.Types);
        Assert.Equal(new[] { I32 }, AbiType.Char.Flat.Types);
        Assert.Equal(new[] { I32, I32 }, AbiType.String.Flat.Types);
        Assert.Equal(new[] { I32 }, AbiType.Own("r").Flat.Types);
        Assert.Equal(new[] { I32 }, AbiType.Stream(AbiType.U8).Flat.Types);
        Assert.Equal(new[] { I32 }, AbiType.ErrorContext.Flat.Types);
    }

    [Fact]
    public void Records_concatenate_and_fixed_lists_repeat()
    {
        var record = AbiType.Record("r", ("a", AbiType.F64), ("b", AbiType.String), ("c", AbiType.U8));
        Assert.Equal(new[] { F64, I32, I32, I32 }, record.Flat.Types);
        Assert.Equal(new[] { F32, I64, F32, I64 }, AbiType.FixedList(AbiType.Tuple(AbiType.F32, AbiType.S64), 2).Flat.Types);
    }

    [Fact]
    public void Variant_payload_slots_are_joined_per_position()
    {
        Assert.Equal(new[] { I32, I32 }, AbiType.Option(AbiType.U8).Flat.Types);
        Assert.Equal(new[] { I32, F32 }, AbiType.Option(AbiType.F32).Flat.Types);
        Assert.Equal(new[] { I32, I64 }, AbiType.Result(AbiType.U64, AbiType.F32).Flat.Types);
        Assert.Equal(new[] { I32, I32 }, AbiType.Result(AbiType.F32, AbiType.U32).Flat.Types);
        Assert.Equal(new[] { I32, F32 }, AbiType.Result(AbiType.F32, AbiType.F32).Flat.Types);
        Assert.Equal(new[] { I32, I64 }, AbiType.Result(AbiType.F64, AbiType.F32).Flat.Types);
        Assert.Equal(new[] { I32 }, AbiType.Result(null, null).Flat.Types);
        Assert.Equal(
            new[] { I32, I32, I64, I32 },
            AbiType.Result(AbiType.String, AbiType.Tuple(AbiType.F32, AbiType.F64, AbiType.U8)).Flat.Types);
        Assert.Equal(
            new[] { I32, I64, I32 },
            AbiType.Variant("v", ("a", null), ("b", AbiType.U64), ("c", AbiType.String)).Flat.Types);
    }

    [Fact]
    public void Huge_fixed_lists_keep_an_exact_count_and_a_capped_list()
    {
        var list = AbiType.FixedList(AbiType.U8, 100_000);
        Assert.Equal(100_000, list.Flat.Count);
        Assert.Equal(FlatTypes.Cap, list.Flat.Types.Count);
        Assert.False(list.Flat.IsComplete);
    }

    [Fact]
    public void Flat_forms_are_kept_up_to_max_flat_params_plus_one_and_longer_ones_only_counted()
    {
        Assert.Equal(Flattening.MaxFlatParams + 1, FlatTypes.Cap);
        AbiType Fields(int n, AbiType field) => AbiType.Tuple(Enumerable.Repeat(field, n).ToArray());

        var seventeen = Fields(17, AbiType.F64);
        Assert.True(seventeen.Flat.IsComplete);
        Assert.Equal(Enumerable.Repeat(F64, 17), seventeen.Flat.Types);

        // no longer copied whole into every containing type: a prefix and the exact count
        var twenty = Fields(20, AbiType.F64);
        Assert.Equal(20, twenty.Flat.Count);
        Assert.Equal(Enumerable.Repeat(F64, FlatTypes.Cap), twenty.Flat.Types);
        Assert.False(twenty.Flat.IsComplete);
        var outer = AbiType.Record("outer", ("a", AbiType.U8), ("b", twenty), ("c", AbiType.F32));
        Assert.Equal(22, outer.Flat.Count);
        Assert.Equal(new[] { I32 }.Concat(Enumerable.Repeat(F64, FlatTypes.Cap - 1)), outer.Flat.Types);

        // a variant: the discriminant plus the joined payload, complete while it fits
        var fits = AbiType.Option(Fields(16, AbiType.F32));
        Assert.Equal(new[] { I32 }.Concat(Enumerable.Repeat(F32, 16)), fits.Flat.Types);
        Assert.True(fits.Flat.IsComplete);
        var overflows = AbiType.Variant("v", ("a", Fields(17, AbiType.F32)), ("b", AbiType.U64));
        Assert.Equal(18, overflows.Flat.Count);
        Assert.Equal(new[] { I32, I64 }.Concat(Enumerable.Repeat(F32, FlatTypes.Cap - 2)), overflows.Flat.Types);
        Assert.False(overflows.Flat.IsComplete);

        // what signatures need is there: a 17-value record is spilled, a 16-value one passed flat
        Assert.True(Flattening.Signature(new AbiFunction("f", new[] { new AbiParam("r", seventeen) }, null), AbiConvention.Lift).ParamsSpilled);
        var sixteen = Flattening.Signature(new AbiFunction("f", new[] { new AbiParam("r", Fields(16, AbiType.S64)) }, null), AbiConvention.Lift);
        Assert.Equal(Enumerable.Repeat(I64, 16), sixteen.Params);
    }

    private static AbiFunction Function(int u32Params, AbiType? result, bool isAsync = false) =>
        new("f", Enumerable.Range(0, u32Params).Select(i => new AbiParam("p" + i, AbiType.U32)), result, isAsync);

    [Theory]
    [InlineData(AbiConvention.Lift)]
    [InlineData(AbiConvention.Lower)]
    public void Sixteen_flat_params_pass_directly_seventeen_spill(AbiConvention convention)
    {
        var sixteen = Flattening.Signature(Function(16, null), convention);
        Assert.False(sixteen.ParamsSpilled);
        Assert.Equal(Enumerable.Repeat(I32, 16), sixteen.Params);
        Assert.Empty(sixteen.Results);

        var seventeen = Flattening.Signature(Function(17, null), convention);
        Assert.True(seventeen.ParamsSpilled);
        Assert.Equal(new[] { I32 }, seventeen.Params);

        // the limit counts flat values, not WIT parameters
        var strings = new AbiFunction("g", null, Enumerable.Range(0, 8).Select(i => ("s" + i, AbiType.String)).ToArray());
        Assert.False(Flattening.Signature(strings, convention).ParamsSpilled);
        var moreStrings = new AbiFunction("g", null, Enumerable.Range(0, 9).Select(i => ("s" + i, AbiType.String)).ToArray());
        Assert.True(Flattening.Signature(moreStrings, convention).ParamsSpilled);
    }

    [Theory]
    [InlineData(AbiConvention.Lift)]
    [InlineData(AbiConvention.Lower)]
    public void One_flat_result_is_returned_directly(AbiConvention convention)
    {
        var signature = Flattening.Signature(Function(1, AbiType.F64), convention);
        Assert.False(signature.ResultsSpilled);
        Assert.Equal(new[] { I32 }, signature.Params);
        Assert.Equal(new[] { F64 }, signature.Results);
    }

    [Fact]
    public void Lifted_functions_return_a_pointer_to_spilled_results()
    {
        var signature = Flattening.Signature(Function(16, AbiType.String), AbiConvention.Lift);
        Assert.True(signature.ResultsSpilled);
        Assert.Equal(16, signature.Params.Count);
        Assert.Equal(new[] { I32 }, signature.Results);
        Assert.Equal("(i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) -> (i32)", signature.ToString());
    }

    [Fact]
    public void Lowered_functions_take_an_out_pointer_for_spilled_results()
    {
        // the out-pointer comes after the limit check, so 16 flat params + out-pointer = 17
        var signature = Flattening.Signature(Function(16, AbiType.String), AbiConvention.Lower);
        Assert.True(signature.ResultsSpilled);
        Assert.Equal(17, signature.Params.Count);
        Assert.Empty(signature.Results);

        var spilledBoth = Flattening.Signature(Function(17, AbiType.Option(AbiType.U8)), AbiConvention.Lower);
        Assert.Equal(new[] { I32, I32 }, spilledBoth.Params);
        Assert.Empty(spilledBoth.Results);
        Assert.True(spilledBoth.ParamsSpilled && spilledBoth.ResultsSpilled);
    }

    [Fact]
    public void Async_lower_spills_past_four_params_and_returns_a_status()
    {
        var four = Flattening.Signature(Function(4, AbiType.U32, isAsync: true), AbiConvention.Lower);
        Assert.False(four.ParamsSpilled);
        Assert.Equal(new[] { I32, I32, I32, I32, I32 }, four.Params); // + out-pointer for the result
        Assert.Equal(new[] { I32 }, four.Results);
        Assert.True(four.IsAsync);

        var five = Flattening.Signature(Function(5, null, isAsync: true), AbiConvention.Lower);
        Assert.True(five.ParamsSpilled);
        Assert.Equal(new[] { I32 }, five.Params);
        Assert.Equal(new[] { I32 }, five.Results);
    }

    [Fact]
    public void Async_lift_returns_a_callback_code_and_results_go_to_task_return()
    {
        var signature = Flattening.Signature(Function(2, AbiType.String, isAsync: true), AbiConvention.Lift);
        Assert.Equal(new[] { I32, I32 }, signature.Params);
        Assert.Equal(new[] { I32 }, signature.Results);
        Assert.NotNull(signature.TaskReturn);
        Assert.Equal(new[] { I32, I32 }, signature.TaskReturn!.Params);
        Assert.Empty(signature.TaskReturn.Results);
    }
}
