using System;
using System.Collections.Generic;

namespace WitTools.BindGen.Abi;

/// <summary>
/// Builds lift/lower plans: per type (<see cref="TryLift"/>, <see cref="TryLower"/>) and per function
/// (<see cref="Plan"/>). Plans are trees, built recursively, so the builder bounds nesting depth and the
/// total number of nodes (a DAG of named types can describe an exponentially large tree) and reports a
/// clear error instead of overflowing the stack or memory. Nothing here throws on bad input.
/// </summary>
public static class AbiPlanner
{
    /// <summary>Deepest type nesting a plan is built for.</summary>
    public const int MaxDepth = 500;

    /// <summary>Most plan nodes built for one type or function.</summary>
    public const int MaxNodes = 200_000;

    public static bool TryLift(AbiType type, PlanStorage storage, out LiftPlan? plan, out string? error) =>
        TryLift(type, storage, StringEncoding.Utf8, out plan, out error);

    public static bool TryLift(AbiType type, PlanStorage storage, StringEncoding encoding, out LiftPlan? plan, out string? error) =>
        TryLift(type, storage, encoding, PlanSharing.None, out plan, out error);

    /// <summary>The lift plan of <paramref name="type"/>; with <see cref="PlanSharing.NamedTypes"/> nested shared types
    /// become <see cref="SharedTypePlan"/> leaves (the root itself is always planned).</summary>
    public static bool TryLift(AbiType type, PlanStorage storage, StringEncoding encoding, PlanSharing sharing, out LiftPlan? plan, out string? error)
    {
        var root = BuildTypePlan(type, storage, PlanDirection.Lift, encoding, sharing, out error);
        plan = root is null ? null : new LiftPlan(type, storage, root);
        return plan is not null;
    }

    public static bool TryLower(AbiType type, PlanStorage storage, out LowerPlan? plan, out string? error) =>
        TryLower(type, storage, StringEncoding.Utf8, out plan, out error);

    public static bool TryLower(AbiType type, PlanStorage storage, StringEncoding encoding, out LowerPlan? plan, out string? error) =>
        TryLower(type, storage, encoding, PlanSharing.None, out plan, out error);

    /// <summary>The lower plan of <paramref name="type"/>, sharing like <see cref="TryLift(AbiType, PlanStorage, StringEncoding, PlanSharing, out LiftPlan?, out string?)"/>.</summary>
    public static bool TryLower(AbiType type, PlanStorage storage, StringEncoding encoding, PlanSharing sharing, out LowerPlan? plan, out string? error)
    {
        var root = BuildTypePlan(type, storage, PlanDirection.Lower, encoding, sharing, out error);
        plan = root is null ? null : new LowerPlan(type, storage, root);
        return plan is not null;
    }

    private static ValuePlan? BuildTypePlan(AbiType type, PlanStorage storage, PlanDirection direction, StringEncoding encoding, PlanSharing sharing, out string? error)
    {
        error = Check(type);
        if (error is not null) return null;
        if (storage == PlanStorage.Flat && !type.Flat.IsComplete)
        {
            error = "type flattens to " + type.Flat.Count + " core values, too many for a flat plan";
            return null;
        }
        var builder = new Builder(direction, encoding, sharing);
        var root = storage == PlanStorage.Flat ? builder.Flat(type, 0, type.Flat.Types, 0) : builder.Memory(type, 0, 0, share: false);
        error = builder.Error;
        return error is null ? root : null;
    }

    private static string? Check(AbiType type)
    {
        if (type.Error is not null) return type.Error;
        if (type.Depth > MaxDepth) return "type nesting too deep (more than " + MaxDepth + " levels) to plan";
        return null;
    }

    /// <summary>The plan for <paramref name="function"/> under <paramref name="convention"/>, with strings in
    /// <paramref name="encoding"/> (the canonical option <c>string-encoding</c>; it applies to both directions).</summary>
    public static FunctionAbiPlan Plan(AbiFunction function, AbiConvention convention, StringEncoding encoding = StringEncoding.Utf8) =>
        Plan(function, convention, encoding, PlanSharing.None);

    /// <summary>The plan for <paramref name="function"/>; with <see cref="PlanSharing.NamedTypes"/> its memory plans
    /// leave shared types (even a whole spilled result or parameter) to the types' own plans.</summary>
    public static FunctionAbiPlan Plan(AbiFunction function, AbiConvention convention, StringEncoding encoding, PlanSharing sharing)
    {
        foreach (var p in function.Params)
        {
            var problem = Check(p.Type);
            if (problem is not null) return FunctionAbiPlan.Invalid(function, convention, null, "parameter `" + p.Name + "`: " + problem);
        }
        if (function.Result is not null && Check(function.Result) is { } resultProblem)
            return FunctionAbiPlan.Invalid(function, convention, null, "result: " + resultProblem);

        var signature = Flattening.Signature(function, convention);
        var paramsDirection = convention == AbiConvention.Lift ? PlanDirection.Lift : PlanDirection.Lower;
        var resultDirection = convention == AbiConvention.Lift ? PlanDirection.Lower : PlanDirection.Lift;

        // parameters
        var paramBuilder = new Builder(paramsDirection, encoding, sharing);
        var paramPlans = new List<FieldPlan>(function.Params.Count);
        TypeLayout? paramsArea = null;
        ParamsLocation paramsLocation;
        if (signature.ParamsSpilled)
        {
            paramsLocation = ParamsLocation.ParamsPointer;
            var types = new AbiType[function.Params.Count];
            for (int i = 0; i < types.Length; i++) types[i] = function.Params[i].Type;
            paramsArea = SizeAlign.Record(types);
            for (int i = 0; i < types.Length; i++)
                paramPlans.Add(new FieldPlan(function.Params[i].Name, paramBuilder.Memory(types[i], paramsArea.FieldOffsets[i], 0)));
        }
        else
        {
            paramsLocation = ParamsLocation.CoreParams;
            int slot = 0;
            foreach (var p in function.Params)
            {
                paramPlans.Add(new FieldPlan(p.Name, paramBuilder.Flat(p.Type, slot, signature.Params, 0)));
                slot += (int)p.Type.Flat.Count;
            }
        }
        if (paramBuilder.Error is not null) return FunctionAbiPlan.Invalid(function, convention, signature, paramBuilder.Error);

        // result
        var resultBuilder = new Builder(resultDirection, encoding, sharing);
        ValuePlan? result = null;
        TypeLayout? resultArea = null;
        var resultLocation = ResultLocation.None;
        if (function.Result is { } resultType)
        {
            bool inMemory = signature.ResultsSpilled;
            if (inMemory)
            {
                resultArea = SizeAlign.Record(new[] { resultType });
                result = resultBuilder.Memory(resultType, 0, 0);
                resultLocation = signature.IsAsync
                    ? (convention == AbiConvention.Lift ? ResultLocation.TaskReturnPointer : ResultLocation.OutPointer)
                    : (convention == AbiConvention.Lift ? ResultLocation.ReturnedPointer : ResultLocation.OutPointer);
            }
            else if (signature.IsAsync)
            {
                // async lower always spills (ResultsSpilled); here: async lift handing flat results to task.return
                result = resultBuilder.Flat(resultType, 0, signature.TaskReturn!.Params, 0);
                resultLocation = ResultLocation.TaskReturnParams;
            }
            else
            {
                result = resultBuilder.Flat(resultType, 0, signature.Results, 0);
                resultLocation = ResultLocation.CoreResults;
            }
        }
        if (resultBuilder.Error is not null) return FunctionAbiPlan.Invalid(function, convention, signature, resultBuilder.Error);

        return new FunctionAbiPlan(function, convention, signature, null, paramsLocation, paramPlans, paramsArea, resultLocation, result, resultArea);
    }

    private sealed class Builder
    {
        private readonly PlanDirection _direction;
        private readonly StringEncoding _encoding;
        private readonly bool _share;
        private int _nodes;

        public Builder(PlanDirection direction, StringEncoding encoding, PlanSharing sharing)
        {
            _direction = direction;
            _encoding = encoding;
            _share = sharing == PlanSharing.NamedTypes;
        }

        public string? Error { get; private set; }

        private bool Budget(int depth)
        {
            if (Error is not null) return false;
            if (++_nodes > MaxNodes)
            {
                Error = "the ABI plan needs more than " + MaxNodes + " steps; the types are too large to bind";
                return false;
            }
            if (depth > MaxDepth)
            {
                Error = "type nesting too deep (more than " + MaxDepth + " levels) to plan";
                return false;
            }
            return true;
        }

        private static readonly ValuePlan Placeholder = new ScalarPlan(AbiType.U8, new MemoryLocation(0, MemoryAccess.U8));

        // ---- flat: `start` is the type's first slot in `frame` ----

        public ValuePlan Flat(AbiType type, int start, IReadOnlyList<CoreType> frame, int depth)
        {
            if (!Budget(depth)) return Placeholder;
            switch (type.Kind)
            {
                case AbiTypeKind.String:
                    return new StringPlan(type, Slot(start, frame, CoreType.I32), Slot(start + 1, frame, CoreType.I32), _encoding);
                case AbiTypeKind.List:
                case AbiTypeKind.Map:
                    return List(type, Slot(start, frame, CoreType.I32), Slot(start + 1, frame, CoreType.I32), depth);
                case AbiTypeKind.FixedList:
                {
                    var element = type.Element!;
                    int width = (int)element.Flat.Count;
                    var elements = new List<ValuePlan>((int)type.Length);
                    for (int i = 0; i < type.Length && Error is null; i++) elements.Add(Flat(element, start + i * width, frame, depth + 1));
                    return new FixedListPlan(type, elements);
                }
                case AbiTypeKind.Record:
                case AbiTypeKind.Tuple:
                {
                    var fields = new List<FieldPlan>(type.Fields.Count);
                    int slot = start;
                    foreach (var field in type.Fields)
                    {
                        fields.Add(new FieldPlan(field.Name, Flat(field.Type, slot, frame, depth + 1)));
                        slot += (int)field.Type.Flat.Count;
                    }
                    return new RecordPlan(type, fields);
                }
                case AbiTypeKind.Variant:
                case AbiTypeKind.Enum:
                case AbiTypeKind.Option:
                case AbiTypeKind.Result:
                {
                    int end = start + (int)type.Flat.Count;
                    var cases = new List<CasePlan>(type.Cases.Count);
                    for (int i = 0; i < type.Cases.Count && Error is null; i++)
                    {
                        var @case = type.Cases[i];
                        ValuePlan? payload = null;
                        int used = start + 1;
                        if (@case.Type is not null)
                        {
                            payload = Flat(@case.Type, start + 1, frame, depth + 1);
                            used += (int)@case.Type.Flat.Count;
                        }
                        var unused = new List<FlatLocation>(end - used);
                        for (int s = used; s < end; s++) unused.Add(new FlatLocation(s, frame[s], frame[s], Bitcast.None));
                        cases.Add(new CasePlan(@case.Name, i, payload, unused));
                    }
                    return new VariantPlan(type, Slot(start, frame, CoreType.I32), cases);
                }
                default:
                    return new ScalarPlan(type, Slot(start, frame, type.Flat.Types[0]));
            }
        }

        private FlatLocation Slot(int index, IReadOnlyList<CoreType> frame, CoreType valueType)
        {
            var slotType = frame[index];
            return new FlatLocation(index, slotType, valueType, Cast(slotType, valueType));
        }

        private Bitcast Cast(CoreType slot, CoreType value)
        {
            if (slot == value) return Bitcast.None;
            bool lift = _direction == PlanDirection.Lift;
            return (slot, value) switch
            {
                (CoreType.I32, CoreType.F32) => lift ? Bitcast.I32ToF32 : Bitcast.F32ToI32,
                (CoreType.I64, CoreType.F64) => lift ? Bitcast.I64ToF64 : Bitcast.F64ToI64,
                (CoreType.I64, CoreType.I32) => lift ? Bitcast.I64ToI32 : Bitcast.I32ToI64,
                (CoreType.I64, CoreType.F32) => lift ? Bitcast.I64ToF32 : Bitcast.F32ToI64,
                _ => throw new InvalidOperationException("no join puts " + value.Name() + " in a " + slot.Name() + " slot"),
            };
        }

        // ---- memory: `offset` from the current base pointer ----

        public ValuePlan Memory(AbiType type, long offset, int depth, bool share = true)
        {
            if (!Budget(depth)) return Placeholder;
            if (_share && share && SharedTypePlan.IsShared(type)) return new SharedTypePlan(type, offset);
            switch (type.Kind)
            {
                case AbiTypeKind.String:
                    return new StringPlan(type, new MemoryLocation(offset, MemoryAccess.I32), new MemoryLocation(offset + SizeAlign.PointerSize, MemoryAccess.I32), _encoding);
                case AbiTypeKind.List:
                case AbiTypeKind.Map:
                    return List(type, new MemoryLocation(offset, MemoryAccess.I32), new MemoryLocation(offset + SizeAlign.PointerSize, MemoryAccess.I32), depth);
                case AbiTypeKind.FixedList:
                {
                    var element = type.Element!;
                    return new FixedListPlan(type, offset, type.Length, element.Layout.Size, Element(element, depth));
                }
                case AbiTypeKind.Record:
                case AbiTypeKind.Tuple:
                {
                    var fields = new List<FieldPlan>(type.Fields.Count);
                    for (int i = 0; i < type.Fields.Count; i++)
                    {
                        var field = type.Fields[i];
                        fields.Add(new FieldPlan(field.Name, Memory(field.Type, offset + type.Layout.FieldOffsets[i], depth + 1)));
                    }
                    return new RecordPlan(type, fields);
                }
                case AbiTypeKind.Variant:
                case AbiTypeKind.Enum:
                case AbiTypeKind.Option:
                case AbiTypeKind.Result:
                {
                    var cases = new List<CasePlan>(type.Cases.Count);
                    for (int i = 0; i < type.Cases.Count && Error is null; i++)
                    {
                        var @case = type.Cases[i];
                        var payload = @case.Type is null ? null : Memory(@case.Type, offset + type.Layout.PayloadOffset, depth + 1);
                        cases.Add(new CasePlan(@case.Name, i, payload, Array.Empty<FlatLocation>()));
                    }
                    return new VariantPlan(type, new MemoryLocation(offset, IntegerAccess(type.Layout.DiscriminantSize)), cases);
                }
                case AbiTypeKind.Flags:
                    return new ScalarPlan(type, new MemoryLocation(offset, IntegerAccess((int)type.Layout.Size)));
                default:
                    return new ScalarPlan(type, new MemoryLocation(offset, ScalarAccess(type.Kind)));
            }
        }

        private ListPlan List(AbiType type, ValueLocation pointer, ValueLocation length, int depth)
        {
            var element = type.Element!;
            return new ListPlan(type, pointer, length, Element(element, depth), element.Layout.Size, element.Layout.Align, IsCanonical(element));
        }

        /// <summary>The plan of one element, relative to its start (a shared leaf when sharing and the element is compound).</summary>
        private ValuePlan Element(AbiType element, int depth)
        {
            if (_share && SharedTypePlan.IsSharedElement(element))
                return Budget(depth + 1) ? new SharedTypePlan(element, 0) : Placeholder;
            return Memory(element, 0, depth + 1);
        }

        private static bool IsCanonical(AbiType element) => element.Kind switch
        {
            AbiTypeKind.U8 or AbiTypeKind.S8 or AbiTypeKind.U16 or AbiTypeKind.S16 or AbiTypeKind.U32 or AbiTypeKind.S32
                or AbiTypeKind.U64 or AbiTypeKind.S64 or AbiTypeKind.F32 or AbiTypeKind.F64 => true,
            _ => false,
        };

        private static MemoryAccess IntegerAccess(int size) => size switch
        {
            1 => MemoryAccess.U8,
            2 => MemoryAccess.U16,
            _ => MemoryAccess.I32,
        };

        private static MemoryAccess ScalarAccess(AbiTypeKind kind) => kind switch
        {
            AbiTypeKind.Bool or AbiTypeKind.U8 => MemoryAccess.U8,
            AbiTypeKind.S8 => MemoryAccess.S8,
            AbiTypeKind.U16 => MemoryAccess.U16,
            AbiTypeKind.S16 => MemoryAccess.S16,
            AbiTypeKind.S64 or AbiTypeKind.U64 => MemoryAccess.I64,
            AbiTypeKind.F32 => MemoryAccess.F32,
            AbiTypeKind.F64 => MemoryAccess.F64,
            // s32, u32, char, handles, future, stream, error-context
            _ => MemoryAccess.I32,
        };
    }
}
