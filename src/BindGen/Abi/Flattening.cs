using System;
using System.Collections.Generic;

namespace WitTools.BindGen.Abi;

/// <summary>
/// Flattening of values into core wasm values and of functions into core signatures (CanonicalABI.md,
/// "Flattening"), for 32-bit memories (pointers and lengths are i32).
/// </summary>
public static class Flattening
{
    /// <summary>Most flat params a sync function (and an async lift) passes directly.</summary>
    public const int MaxFlatParams = 16;

    /// <summary>Most flat params an async lower passes directly.</summary>
    public const int MaxFlatAsyncParams = 4;

    /// <summary>Most flat results returned directly.</summary>
    public const int MaxFlatResults = 1;

    /// <summary>The flat types of a valid node, from its children's cached flat types.</summary>
    internal static FlatTypes Compute(AbiType type)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.S64:
            case AbiTypeKind.U64:
                return Single(CoreType.I64);
            case AbiTypeKind.F32:
                return Single(CoreType.F32);
            case AbiTypeKind.F64:
                return Single(CoreType.F64);
            case AbiTypeKind.String:
            case AbiTypeKind.List:
            case AbiTypeKind.Map:
                return PointerAndLength;
            case AbiTypeKind.FixedList:
            {
                var element = type.Element!.Flat;
                var types = new List<CoreType>();
                for (long i = 0; i < type.Length && types.Count < FlatTypes.Cap && element.Count > 0; i++)
                {
                    Append(types, element.Types);
                    if (!element.IsComplete) break;
                }
                return new FlatTypes(types, element.Count * type.Length);
            }
            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
            {
                var types = new List<CoreType>();
                long count = 0;
                bool complete = true;
                foreach (var field in type.Fields)
                {
                    if (complete) Append(types, field.Type.Flat.Types);
                    complete &= field.Type.Flat.IsComplete;
                    count += field.Type.Flat.Count;
                }
                return new FlatTypes(types, count);
            }
            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
            {
                // discriminant (u8/u16/u32 are all i32), then the per-position join of every case's payload
                var payload = new List<CoreType>();
                long payloadCount = 0;
                foreach (var @case in type.Cases)
                {
                    if (@case.Type is null) continue;
                    var flat = @case.Type.Flat;
                    payloadCount = Math.Max(payloadCount, flat.Count);
                    for (int i = 0; i < flat.Types.Count && i < FlatTypes.Cap - 1; i++)
                    {
                        if (i < payload.Count) payload[i] = CoreTypes.Join(payload[i], flat.Types[i]);
                        else payload.Add(flat.Types[i]);
                    }
                }
                var types = new List<CoreType>(payload.Count + 1) { CoreType.I32 };
                types.AddRange(payload);
                return new FlatTypes(types, 1 + payloadCount);
            }
            default:
                // bool, integers up to 32 bits, char, flags (at most 32), handles, future, stream, error-context
                return Single(CoreType.I32);
        }
    }

    private static readonly FlatTypes[] Singles =
    {
        new(new[] { CoreType.I32 }, 1),
        new(new[] { CoreType.I64 }, 1),
        new(new[] { CoreType.F32 }, 1),
        new(new[] { CoreType.F64 }, 1),
    };

    private static readonly FlatTypes PointerAndLength = new(new[] { CoreType.I32, CoreType.I32 }, 2);

    private static FlatTypes Single(CoreType type) => Singles[(int)type];

    private static void Append(List<CoreType> target, IReadOnlyList<CoreType> source)
    {
        for (int i = 0; i < source.Count && target.Count < FlatTypes.Cap; i++) target.Add(source[i]);
    }

    /// <summary>The flat types of a sequence of values (parameters), capped like <see cref="FlatTypes"/>.</summary>
    public static FlatTypes FlattenAll(IEnumerable<AbiType> types)
    {
        var list = new List<CoreType>();
        long count = 0;
        bool complete = true;
        foreach (var type in types)
        {
            if (complete) Append(list, type.Flat.Types);
            complete &= type.Flat.IsComplete;
            count += type.Flat.Count;
        }
        return new FlatTypes(list, count);
    }

    /// <summary>
    /// The core signature of <paramref name="function"/> under <paramref name="convention"/>
    /// (the spec's <c>flatten_functype</c> with context 'lift' or 'lower'). Async funcs use the async ABI
    /// with a callback for lift. The function's types must be valid (see <see cref="AbiFunction.Error"/>).
    /// </summary>
    public static CoreSignature Signature(AbiFunction function, AbiConvention convention)
    {
        var paramTypes = new List<AbiType>(function.Params.Count);
        foreach (var p in function.Params) paramTypes.Add(p.Type);
        var flatParams = FlattenAll(paramTypes);
        var flatResults = function.Result is null ? FlatTypes.Empty : function.Result.Flat;

        var pointer = new[] { CoreType.I32 };
        if (!function.IsAsync)
        {
            bool paramsSpilled = flatParams.Count > MaxFlatParams;
            bool resultsSpilled = flatResults.Count > MaxFlatResults;
            var @params = new List<CoreType>(paramsSpilled ? pointer : flatParams.Types);
            IReadOnlyList<CoreType> results = flatResults.Types;
            if (resultsSpilled)
            {
                if (convention == AbiConvention.Lift)
                {
                    results = pointer;
                }
                else
                {
                    @params.Add(CoreType.I32);
                    results = Array.Empty<CoreType>();
                }
            }
            return new CoreSignature(@params, results, paramsSpilled, resultsSpilled, isAsync: false, taskReturn: null);
        }

        if (convention == AbiConvention.Lift)
        {
            bool paramsSpilled = flatParams.Count > MaxFlatParams;
            // results are not returned but passed to task.return, whose params spill past MAX_FLAT_PARAMS
            bool resultsSpilled = flatResults.Count > MaxFlatParams;
            var taskReturn = new CoreSignature(
                resultsSpilled ? pointer : flatResults.Types,
                Array.Empty<CoreType>(),
                resultsSpilled,
                resultsSpilled: false,
                isAsync: false,
                taskReturn: null);
            return new CoreSignature(
                paramsSpilled ? pointer : flatParams.Types,
                new[] { CoreType.I32 },
                paramsSpilled,
                resultsSpilled,
                isAsync: true,
                taskReturn);
        }
        else
        {
            bool paramsSpilled = flatParams.Count > MaxFlatAsyncParams;
            var @params = new List<CoreType>(paramsSpilled ? pointer : flatParams.Types);
            bool hasResults = flatResults.Count > 0;
            if (hasResults) @params.Add(CoreType.I32);
            return new CoreSignature(@params, new[] { CoreType.I32 }, paramsSpilled, hasResults, isAsync: true, taskReturn: null);
        }
    }
}
