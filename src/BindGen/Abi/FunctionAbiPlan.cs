using System;
using System.Collections.Generic;

namespace WitTools.BindGen.Abi;

/// <summary>Where a function's parameters travel.</summary>
public enum ParamsLocation
{
    /// <summary>As the core params, slot for slot (flat locations index the core params).</summary>
    CoreParams,

    /// <summary>In a memory area laid out as a tuple of the params (<see cref="FunctionAbiPlan.ParamsArea"/>);
    /// core param 0 points at it. Lift: the caller allocated it with <c>cabi_realloc</c>, the callee owns it
    /// (and every string/list lifted from it) and frees it after lifting. Lower: the caller allocates it and
    /// frees it after the call.</summary>
    ParamsPointer,
}

/// <summary>Where a function's result travels.</summary>
public enum ResultLocation
{
    /// <summary>The function has no result.</summary>
    None,

    /// <summary>As the core results (flat locations index the core results).</summary>
    CoreResults,

    /// <summary>Spilled; the callee returns a pointer to it (core result 0). Lift only. The area and what
    /// it points to stay valid until the post-return call (see <see cref="FunctionAbiPlan.NeedsPostReturn"/>).</summary>
    ReturnedPointer,

    /// <summary>Spilled; the caller passes a pointer to an area it owns as the last core param. Lower only.
    /// Strings and lists lifted from it were allocated by the callee through the caller's
    /// <c>cabi_realloc</c> and now belong to the caller.</summary>
    OutPointer,

    /// <summary>Async lift: as the params of <c>task.return</c> (flat locations index them).</summary>
    TaskReturnParams,

    /// <summary>Async lift: spilled; <c>task.return</c> takes a pointer to it.</summary>
    TaskReturnPointer,
}

/// <summary>
/// Everything an emitter needs to bind one function under one convention: the core signature, and for
/// every parameter and the result a plan in the right direction (lift convention: params are lifted and
/// the result lowered; lower convention: the other way round), plus the layout of spilled areas.
/// When the function's types are invalid, <see cref="Error"/> says why and the plans are empty.
/// </summary>
public sealed class FunctionAbiPlan
{
    internal FunctionAbiPlan(
        AbiFunction function,
        AbiConvention convention,
        CoreSignature? signature,
        string? error,
        ParamsLocation paramsLocation,
        IReadOnlyList<FieldPlan> @params,
        TypeLayout? paramsArea,
        ResultLocation resultLocation,
        ValuePlan? result,
        TypeLayout? resultArea)
    {
        Function = function;
        Convention = convention;
        Signature = signature;
        Error = error;
        ParamsLocation = paramsLocation;
        Params = @params;
        ParamsArea = paramsArea;
        ResultLocation = resultLocation;
        Result = result;
        ResultArea = resultArea;
    }

    internal static FunctionAbiPlan Invalid(AbiFunction function, AbiConvention convention, CoreSignature? signature, string error) =>
        new(function, convention, signature, error, ParamsLocation.CoreParams, Array.Empty<FieldPlan>(), null, ResultLocation.None, null, null);

    public AbiFunction Function { get; }
    public AbiConvention Convention { get; }

    /// <summary>Null only when the function's types are invalid.</summary>
    public CoreSignature? Signature { get; }

    public string? Error { get; }

    /// <summary>Lift convention: the callee lifts its params. Lower convention: the caller lowers them.</summary>
    public PlanDirection ParamsDirection => Convention == AbiConvention.Lift ? PlanDirection.Lift : PlanDirection.Lower;

    /// <summary>The opposite of <see cref="ParamsDirection"/>.</summary>
    public PlanDirection ResultDirection => Convention == AbiConvention.Lift ? PlanDirection.Lower : PlanDirection.Lift;

    public ParamsLocation ParamsLocation { get; }

    /// <summary>One plan per WIT parameter, in order (memory plans are relative to the params area).</summary>
    public IReadOnlyList<FieldPlan> Params { get; }

    /// <summary>Size and alignment (and per-param offsets) of the params area when spilled, else null.</summary>
    public TypeLayout? ParamsArea { get; }

    public ResultLocation ResultLocation { get; }

    /// <summary>The result's plan (memory plans are relative to the result area), or null.</summary>
    public ValuePlan? Result { get; }

    /// <summary>Size and alignment of the result area when the result is spilled, else null.</summary>
    public TypeLayout? ResultArea { get; }

    /// <summary>
    /// Sync lift only: the exported function needs a <c>post-return</c> function to free what lowering its
    /// result allocated (strings, lists, maps reachable from the result).
    /// </summary>
    public bool NeedsPostReturn =>
        Error is null && Convention == AbiConvention.Lift && !Function.IsAsync && Function.Result is { HasPointers: true };

    /// <summary>Index of the out-pointer core param for <see cref="ResultLocation.OutPointer"/>, else -1.</summary>
    public int OutPointerIndex => ResultLocation == ResultLocation.OutPointer && Signature is not null ? Signature.Params.Count - 1 : -1;
}
