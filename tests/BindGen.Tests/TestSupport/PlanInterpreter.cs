using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;
using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Tests.TestSupport;

/// <summary>
/// Executes memory plans over a byte array, the way generated code would: only what the plan says (offsets,
/// access widths, element sizes, discriminant slots) is used, so comparing with Wasmtime tests the plans.
/// </summary>
internal static class PlanInterpreter
{
    // ---- lifting ----

    public static WitValue Lift(ValuePlan plan, byte[] memory, int @base)
    {
        switch (plan)
        {
            case ScalarPlan scalar:
            {
                var bits = Read(memory, @base, (MemoryLocation)scalar.Location);
                return plan.Type.Kind switch
                {
                    AbiTypeKind.Bool => WitValue.Bool(bits != 0),
                    AbiTypeKind.S8 => WitValue.S8((sbyte)bits),
                    AbiTypeKind.U8 => WitValue.U8((byte)bits),
                    AbiTypeKind.S16 => WitValue.S16((short)bits),
                    AbiTypeKind.U16 => WitValue.U16((ushort)bits),
                    AbiTypeKind.S32 => WitValue.S32((int)bits),
                    AbiTypeKind.U32 => WitValue.U32((uint)bits),
                    AbiTypeKind.S64 => WitValue.S64(bits),
                    AbiTypeKind.U64 => WitValue.U64((ulong)bits),
                    AbiTypeKind.F32 => WitValue.F32(BitConverter.Int32BitsToSingle((int)bits)),
                    AbiTypeKind.F64 => WitValue.F64(BitConverter.Int64BitsToDouble(bits)),
                    AbiTypeKind.Char => WitValue.Char((int)bits),
                    AbiTypeKind.Flags => WitValue.Flags(plan.Type.FlagNames.Where((_, i) => ((bits >> i) & 1) != 0).ToArray()),
                    _ => throw new NotSupportedException(plan.Type.Kind.ToString()),
                };
            }
            case StringPlan str:
            {
                int pointer = (int)Read(memory, @base, (MemoryLocation)str.Pointer);
                int length = (int)Read(memory, @base, (MemoryLocation)str.Length);
                return WitValue.String(Encoding.UTF8.GetString(memory, pointer, length));
            }
            case ListPlan list:
            {
                int pointer = (int)Read(memory, @base, (MemoryLocation)list.Pointer);
                int length = (int)Read(memory, @base, (MemoryLocation)list.Length);
                Assert.Equal(0, pointer % list.ElementAlign);
                var items = new WitValue[length];
                for (int i = 0; i < length; i++) items[i] = Lift(list.Element, memory, pointer + i * (int)list.ElementSize);
                return WitValue.List(items);
            }
            case RecordPlan record:
                return plan.Type.Kind == AbiTypeKind.Tuple
                    ? WitValue.Tuple(record.Fields.Select(f => Lift(f.Plan, memory, @base)).ToArray())
                    : WitValue.Record(record.Fields.Select(f => (f.Name, Lift(f.Plan, memory, @base))).ToArray());
            case VariantPlan variant:
            {
                int discriminant = (int)Read(memory, @base, (MemoryLocation)variant.Discriminant);
                var @case = variant.Cases[discriminant];
                var payload = @case.Payload is null ? null : Lift(@case.Payload, memory, @base);
                return plan.Type.Kind switch
                {
                    AbiTypeKind.Enum => WitValue.Enum(@case.Name),
                    AbiTypeKind.Option => discriminant == 0 ? WitValue.None() : WitValue.Some(payload!),
                    AbiTypeKind.Result => discriminant == 0 ? WitValue.Ok(payload) : WitValue.Err(payload),
                    _ => WitValue.Variant(@case.Name, payload),
                };
            }
            default:
                throw new NotSupportedException(plan.GetType().Name);
        }
    }

    private static long Read(byte[] memory, int @base, MemoryLocation location)
    {
        int address = @base + (int)location.Offset;
        return location.Access switch
        {
            MemoryAccess.U8 => memory[address],
            MemoryAccess.S8 => (sbyte)memory[address],
            MemoryAccess.U16 => BitConverter.ToUInt16(memory, address),
            MemoryAccess.S16 => BitConverter.ToInt16(memory, address),
            MemoryAccess.I32 or MemoryAccess.F32 => BitConverter.ToInt32(memory, address),
            _ => BitConverter.ToInt64(memory, address),
        };
    }

    // ---- lowering ----

    /// <summary>A growable linear memory with a bump allocator starting at 16.</summary>
    public sealed class Memory
    {
        private byte[] _bytes = new byte[64];
        private int _top = 16;

        public int Alloc(long size, int align)
        {
            int pointer = (_top + align - 1) / align * align;
            _top = pointer + (int)size;
            if (_top > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_top, _bytes.Length * 2));
            return pointer;
        }

        public byte[] Image => _bytes.AsSpan(0, _top).ToArray();

        public void Write(int address, long bits, MemoryAccess access)
        {
            int width = access switch
            {
                MemoryAccess.U8 or MemoryAccess.S8 => 1,
                MemoryAccess.U16 or MemoryAccess.S16 => 2,
                MemoryAccess.I32 or MemoryAccess.F32 => 4,
                _ => 8,
            };
            for (int i = 0; i < width; i++) _bytes[address + i] = (byte)(bits >> (8 * i));
        }
    }

    public static void Lower(ValuePlan plan, WitValue value, Memory memory, int @base)
    {
        switch (plan)
        {
            case ScalarPlan scalar:
                Store(memory, @base, scalar.Location, value switch
                {
                    BoolValue b => b.Value ? 1 : 0,
                    IntegerValue i => (long)(ulong)(UInt128)(i.Value & ulong.MaxValue),
                    F32Value f => BitConverter.SingleToInt32Bits(f.Value),
                    F64Value d => BitConverter.DoubleToInt64Bits(d.Value),
                    CharValue c => c.Scalar,
                    FlagsValue flags => plan.Type.FlagNames.Select((n, i) => flags.Names.Contains(n) ? 1L << i : 0).Sum(),
                    _ => throw new NotSupportedException(value.GetType().Name),
                });
                break;
            case StringPlan str:
            {
                var (pointer, length) = WriteString(memory, ((StringValue)value).Value);
                Store(memory, @base, str.Pointer, pointer);
                Store(memory, @base, str.Length, length);
                break;
            }
            case ListPlan list:
            {
                var items = ((ListValue)value).Items;
                int pointer = memory.Alloc(items.Count * list.ElementSize, list.ElementAlign);
                for (int i = 0; i < items.Count; i++) Lower(list.Element, items[i], memory, pointer + i * (int)list.ElementSize);
                Store(memory, @base, list.Pointer, pointer);
                Store(memory, @base, list.Length, items.Count);
                break;
            }
            case RecordPlan record:
            {
                var fields = FieldValues(value);
                for (int i = 0; i < record.Fields.Count; i++) Lower(record.Fields[i].Plan, fields[i], memory, @base);
                break;
            }
            case VariantPlan variant:
            {
                var (@case, payload) = SelectCase(variant, value);
                Store(memory, @base, variant.Discriminant, @case.Discriminant);
                if (@case.Payload is not null) Lower(@case.Payload, payload!, memory, @base);
                break;
            }
            default:
                throw new NotSupportedException(plan.GetType().Name);
        }
    }

    // ---- shared by both lowering walkers (memory and flat) ----

    private static IReadOnlyList<WitValue> FieldValues(WitValue value) =>
        value is TupleValue t ? t.Items : ((RecordValue)value).Fields.Select(f => f.Value).ToArray();

    /// <summary>The case a variant-like value (enum, variant, option, result) selects, and its payload.</summary>
    private static (CasePlan Case, WitValue? Payload) SelectCase(VariantPlan variant, WitValue value)
    {
        (int index, WitValue? payload) = value switch
        {
            EnumValue e => (variant.Cases.ToList().FindIndex(c => c.Name == e.CaseName), null),
            VariantValue v => (variant.Cases.ToList().FindIndex(c => c.Name == v.CaseName), v.Payload),
            OptionValue o => (o.Payload is null ? 0 : 1, o.Payload),
            ResultValue r => (r.IsOk ? 0 : 1, r.Payload),
            _ => throw new NotSupportedException(value.GetType().Name),
        };
        return (variant.Cases[index], payload);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 into a new block of <paramref name="memory"/>.</summary>
    private static (int Pointer, int Length) WriteString(Memory memory, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        int pointer = memory.Alloc(bytes.Length, 1);
        for (int i = 0; i < bytes.Length; i++) memory.Write(pointer + i, bytes[i], MemoryAccess.U8);
        return (pointer, bytes.Length);
    }

    private static void Store(Memory memory, int @base, ValueLocation location, long bits)
    {
        var m = (MemoryLocation)location;
        memory.Write(@base + (int)m.Offset, bits, m.Access);
    }

    // ---- flat (slots hold raw bit patterns; i32/f32 values are zero-extended) ----

    /// <summary>Lowers into <paramref name="slots"/>, counting writes per slot in <paramref name="writes"/>.</summary>
    public static void LowerFlat(ValuePlan plan, WitValue value, ulong[] slots, int[] writes, Memory memory)
    {
        switch (plan)
        {
            case ScalarPlan scalar:
                Put(scalar.Location, value switch
                {
                    BoolValue b => b.Value ? 1UL : 0,
                    IntegerValue i => (ulong)(UInt128)(i.Value & (((FlatLocation)scalar.Location).ValueType == CoreType.I64 ? ulong.MaxValue : uint.MaxValue)),
                    F32Value f => (uint)BitConverter.SingleToInt32Bits(f.Value),
                    F64Value d => (ulong)BitConverter.DoubleToInt64Bits(d.Value),
                    CharValue c => (ulong)c.Scalar,
                    FlagsValue flags => (ulong)plan.Type.FlagNames.Select((n, i) => flags.Names.Contains(n) ? 1L << i : 0).Sum(),
                    _ => throw new NotSupportedException(value.GetType().Name),
                });
                break;
            case StringPlan str:
            {
                var (pointer, length) = WriteString(memory, ((StringValue)value).Value);
                Put(str.Pointer, (ulong)pointer);
                Put(str.Length, (ulong)length);
                break;
            }
            case ListPlan list:
            {
                var items = ((ListValue)value).Items;
                int pointer = memory.Alloc(items.Count * list.ElementSize, list.ElementAlign);
                for (int i = 0; i < items.Count; i++) Lower(list.Element, items[i], memory, pointer + i * (int)list.ElementSize);
                Put(list.Pointer, (ulong)pointer);
                Put(list.Length, (ulong)items.Count);
                break;
            }
            case RecordPlan record:
            {
                var fields = FieldValues(value);
                for (int i = 0; i < record.Fields.Count; i++) LowerFlat(record.Fields[i].Plan, fields[i], slots, writes, memory);
                break;
            }
            case VariantPlan variant:
            {
                var (@case, payload) = SelectCase(variant, value);
                Put(variant.Discriminant, (ulong)@case.Discriminant);
                if (@case.Payload is not null) LowerFlat(@case.Payload, payload!, slots, writes, memory);
                foreach (var unused in @case.UnusedSlots) Put(unused, 0);
                break;
            }
            default:
                throw new NotSupportedException(plan.GetType().Name);
        }

        void Put(ValueLocation location, ulong bits)
        {
            var slot = (FlatLocation)location;
            // a value never needs more bits than its own core type; wider slots hold it zero-extended
            slots[slot.Index] = bits;
            writes[slot.Index]++;
        }
    }

    public static WitValue LiftFlat(ValuePlan plan, ulong[] slots, byte[] memory)
    {
        switch (plan)
        {
            case ScalarPlan scalar:
            {
                var slot = (FlatLocation)scalar.Location;
                ulong bits = slots[slot.Index];
                if (slot.ValueType is CoreType.I32 or CoreType.F32) bits &= uint.MaxValue; // wrap an i64 slot
                return plan.Type.Kind switch
                {
                    AbiTypeKind.Bool => WitValue.Bool(bits != 0),
                    AbiTypeKind.S8 => WitValue.S8((sbyte)bits),
                    AbiTypeKind.U8 => WitValue.U8((byte)bits),
                    AbiTypeKind.S16 => WitValue.S16((short)bits),
                    AbiTypeKind.U16 => WitValue.U16((ushort)bits),
                    AbiTypeKind.S32 => WitValue.S32((int)bits),
                    AbiTypeKind.U32 => WitValue.U32((uint)bits),
                    AbiTypeKind.S64 => WitValue.S64((long)bits),
                    AbiTypeKind.U64 => WitValue.U64(bits),
                    AbiTypeKind.F32 => WitValue.F32(BitConverter.Int32BitsToSingle((int)bits)),
                    AbiTypeKind.F64 => WitValue.F64(BitConverter.Int64BitsToDouble((long)bits)),
                    AbiTypeKind.Char => WitValue.Char((int)bits),
                    AbiTypeKind.Flags => WitValue.Flags(plan.Type.FlagNames.Where((_, i) => ((bits >> i) & 1) != 0).ToArray()),
                    _ => throw new NotSupportedException(plan.Type.Kind.ToString()),
                };
            }
            case StringPlan str:
                return WitValue.String(Encoding.UTF8.GetString(memory, (int)slots[((FlatLocation)str.Pointer).Index], (int)slots[((FlatLocation)str.Length).Index]));
            case ListPlan list:
            {
                int pointer = (int)slots[((FlatLocation)list.Pointer).Index];
                int length = (int)slots[((FlatLocation)list.Length).Index];
                var items = new WitValue[length];
                for (int i = 0; i < length; i++) items[i] = Lift(list.Element, memory, pointer + i * (int)list.ElementSize);
                return WitValue.List(items);
            }
            case RecordPlan record:
                return plan.Type.Kind == AbiTypeKind.Tuple
                    ? WitValue.Tuple(record.Fields.Select(f => LiftFlat(f.Plan, slots, memory)).ToArray())
                    : WitValue.Record(record.Fields.Select(f => (f.Name, LiftFlat(f.Plan, slots, memory))).ToArray());
            case VariantPlan variant:
            {
                int discriminant = (int)slots[((FlatLocation)variant.Discriminant).Index];
                var @case = variant.Cases[discriminant];
                var payload = @case.Payload is null ? null : LiftFlat(@case.Payload, slots, memory);
                return plan.Type.Kind switch
                {
                    AbiTypeKind.Enum => WitValue.Enum(@case.Name),
                    AbiTypeKind.Option => discriminant == 0 ? WitValue.None() : WitValue.Some(payload!),
                    AbiTypeKind.Result => discriminant == 0 ? WitValue.Ok(payload) : WitValue.Err(payload),
                    _ => WitValue.Variant(@case.Name, payload),
                };
            }
            default:
                throw new NotSupportedException(plan.GetType().Name);
        }
    }
}
