using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.AbiOracle.Probing;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;

namespace WitTools.AbiOracle.Reference;

/// <summary>
/// A plain, independent C# canonical-ABI codec over byte arrays: the shape a differential test takes with
/// generated code in the loop, and a cross-check of the oracle itself.
/// <see cref="Encode"/> allocates exactly like the probe and Wasmtime (a bump allocator from address 16; the
/// value first, then each string/list body depth-first as it is stored), so its images equal Wasmtime's byte
/// for byte. <see cref="Decode"/> validates in Wasmtime's order and traps with Wasmtime's messages.
/// Recursion follows the type, whose depth is bounded by whoever built it (the generator, or the WAT parser's limit).
/// </summary>
public static class ReferenceCodec
{
    /// <summary>Lowers <paramref name="value"/> into a fresh memory image; the value sits at address 16.</summary>
    public static MemoryImage Encode(WitValue value, WitValueType type)
    {
        var writer = new Writer();
        var root = writer.Allocate(CanonicalLayout.Align(type), CanonicalLayout.Size(type));
        writer.Store(value, type, root);
        return new MemoryImage(writer.ToArray(), root, CanonicalLayout.Size(type), CanonicalLayout.Align(type));
    }

    /// <summary>
    /// Lifts the value at <paramref name="pointer"/>. Memory is <paramref name="memory"/> followed by zeros up to
    /// <paramref name="memorySize"/> bytes (default: just the image). The root is checked like the probe's
    /// one-element list, so a bad root pointer gives the same messages as <see cref="AbiProbe.LiftTrap"/>.
    /// </summary>
    /// <exception cref="AbiTrapException">The bytes are not a valid value; the message is Wasmtime's.</exception>
    public static WitValue Decode(byte[] memory, int pointer, WitValueType type, long memorySize = -1)
    {
        var reader = new Reader(memory, memorySize < 0 ? memory.Length : memorySize);
        var root = unchecked((uint)pointer);
        reader.CheckList(root, 1, CanonicalLayout.Size(type), CanonicalLayout.Align(type));
        return reader.Load(type, root);
    }

    /// <summary>Decodes, returning the trap message instead of throwing (null when the bytes are valid).</summary>
    public static string? DecodeTrap(byte[] memory, int pointer, WitValueType type, long memorySize = -1)
    {
        try
        {
            Decode(memory, pointer, type, memorySize);
            return null;
        }
        catch (AbiTrapException e)
        {
            return e.Message;
        }
    }

    private sealed class Writer
    {
        private byte[] _memory = new byte[256];
        private int _heap = ProbeWat.HeapBase;

        public int Allocate(int align, int size)
        {
            var start = CanonicalLayout.AlignTo(_heap, align);
            var end = start + size;
            if (end > _memory.Length) Array.Resize(ref _memory, Math.Max(end, _memory.Length * 2));
            _heap = end;
            return start;
        }

        public byte[] ToArray() => _memory.AsSpan(0, _heap).ToArray();

        public void Store(WitValue value, WitValueType type, int ptr)
        {
            switch (value)
            {
                case BoolValue b:
                    _memory[ptr] = b.Value ? (byte)1 : (byte)0;
                    break;
                case IntegerValue i:
                    WriteInt(ptr, CanonicalLayout.Size(type), (ulong)(i.Value & ulong.MaxValue));
                    break;
                case F32Value f:
                    BinaryPrimitives.WriteInt32LittleEndian(_memory.AsSpan(ptr), BitConverter.SingleToInt32Bits(f.Value));
                    break;
                case F64Value f:
                    BinaryPrimitives.WriteInt64LittleEndian(_memory.AsSpan(ptr), BitConverter.DoubleToInt64Bits(f.Value));
                    break;
                case CharValue c:
                    WriteInt(ptr, 4, (uint)c.Scalar);
                    break;
                case StringValue s:
                {
                    var bytes = Encoding.UTF8.GetBytes(s.Value);
                    var body = Allocate(1, bytes.Length);
                    bytes.CopyTo(_memory, body);
                    WriteInt(ptr, 4, (uint)body);
                    WriteInt(ptr + 4, 4, (uint)bytes.Length);
                    break;
                }
                case ListValue l:
                {
                    var element = ((ListType)type).Element;
                    var size = CanonicalLayout.Size(element);
                    var body = Allocate(CanonicalLayout.Align(element), size * l.Items.Count);
                    WriteInt(ptr, 4, (uint)body);
                    WriteInt(ptr + 4, 4, (uint)l.Items.Count);
                    for (var i = 0; i < l.Items.Count; i++) Store(l.Items[i], element, body + i * size);
                    break;
                }
                case TupleValue t:
                    StoreFields(t.Items, type, ptr);
                    break;
                case RecordValue r:
                    StoreFields(r.Fields.Select(f => f.Value).ToArray(), type, ptr);
                    break;
                case FlagsValue f:
                {
                    var names = ((FlagsType)type).Names;
                    ulong bits = 0;
                    foreach (var name in f.Names) bits |= 1UL << IndexOf(names, name);
                    WriteInt(ptr, CanonicalLayout.Size(type), bits);
                    break;
                }
                case EnumValue e:
                    WriteInt(ptr, CanonicalLayout.Size(type), (ulong)IndexOf(((EnumType)type).Names, e.CaseName));
                    break;
                default:
                {
                    var (index, payload, payloadType) = Case(value, type);
                    WriteInt(ptr, CanonicalLayout.DiscriminantSize(CaseCount(type)), (ulong)index);
                    if (payload != null) Store(payload, payloadType!, ptr + CanonicalLayout.PayloadOffset(type));
                    break;
                }
            }
        }

        private void StoreFields(IReadOnlyList<WitValue> values, WitValueType type, int ptr)
        {
            var types = type.Children.ToArray();
            var offsets = CanonicalLayout.FieldOffsets(type);
            for (var i = 0; i < values.Count; i++) Store(values[i], types[i], ptr + offsets[i]);
        }

        private void WriteInt(int ptr, int size, ulong bits)
        {
            for (var i = 0; i < size; i++) _memory[ptr + i] = (byte)(bits >> (8 * i));
        }

        private static int IndexOf(IReadOnlyList<string> names, string name)
        {
            for (var i = 0; i < names.Count; i++)
                if (names[i] == name) return i;
            throw new ArgumentException($"`{name}` is not a case of the type");
        }

        private static (int Index, WitValue? Payload, WitValueType? PayloadType) Case(WitValue value, WitValueType type)
        {
            switch (value, type)
            {
                case (OptionValue o, OptionType t):
                    return o.Payload == null ? (0, null, null) : (1, o.Payload, t.Payload);
                case (ResultValue r, ResultType t):
                    return r.IsOk ? (0, r.Payload, t.Ok) : (1, r.Payload, t.Err);
                case (VariantValue v, VariantType t):
                {
                    var index = IndexOf(t.Cases.Select(c => c.Name).ToArray(), v.CaseName);
                    return (index, v.Payload, t.Cases[index].Type);
                }
                default:
                    throw new ArgumentException($"value {value} does not fit type {type}");
            }
        }
    }

    private static int CaseCount(WitValueType type) => type is VariantType v ? v.Cases.Count : 2;

    private sealed class Reader(byte[] memory, long memorySize)
    {
        public void CheckList(uint ptr, uint count, int elementSize, int elementAlign)
        {
            // Wasmtime checks the bounds before the alignment.
            if ((ulong)ptr + (ulong)count * (ulong)elementSize > (ulong)memorySize)
                throw new AbiTrapException("list pointer/length out of bounds of memory");
            if (ptr % elementAlign != 0) throw new AbiTrapException("list pointer is not aligned");
        }

        public WitValue Load(WitValueType type, uint ptr)
        {
            switch (type)
            {
                case PrimitiveType p:
                    return LoadPrimitive(p.Kind, ptr);
                case ListType l:
                {
                    var body = (uint)ReadInt(ptr, 4);
                    var count = (uint)ReadInt(ptr + 4, 4);
                    var size = CanonicalLayout.Size(l.Element);
                    CheckList(body, count, size, CanonicalLayout.Align(l.Element));
                    var items = new WitValue[count];
                    for (var i = 0u; i < count; i++) items[i] = Load(l.Element, body + i * (uint)size);
                    return new ListValue(items);
                }
                case TupleType t:
                    return new TupleValue(LoadFields(t, ptr));
                case RecordType r:
                {
                    var values = LoadFields(r, ptr);
                    return new RecordValue(r.Fields.Select((f, i) => (f.Name, values[i])).ToArray());
                }
                case FlagsType f:
                {
                    var bits = ReadInt(ptr, CanonicalLayout.Size(f));
                    // Bits beyond the declared flags are ignored, as Wasmtime does.
                    return new FlagsValue(f.Names.Where((_, i) => (bits >> i & 1) != 0).ToArray());
                }
                case EnumType e:
                    return WitValue.Enum(e.Names[Discriminant(ptr, e.Names.Count)]);
                case OptionType o:
                    return new OptionValue(Discriminant(ptr, 2) == 0 ? null : Load(o.Payload, ptr + (uint)CanonicalLayout.PayloadOffset(o)));
                case ResultType r:
                {
                    var ok = Discriminant(ptr, 2) == 0;
                    var payload = ok ? r.Ok : r.Err;
                    return new ResultValue(ok, payload == null ? null : Load(payload, ptr + (uint)CanonicalLayout.PayloadOffset(r)));
                }
                case VariantType v:
                {
                    var @case = v.Cases[Discriminant(ptr, v.Cases.Count)];
                    return new VariantValue(@case.Name,
                        @case.Type == null ? null : Load(@case.Type, ptr + (uint)CanonicalLayout.PayloadOffset(v)));
                }
                default:
                    throw new ArgumentException($"unsupported type {type}", nameof(type));
            }
        }

        private WitValue[] LoadFields(WitValueType type, uint ptr)
        {
            var types = type.Children.ToArray();
            var offsets = CanonicalLayout.FieldOffsets(type);
            var values = new WitValue[types.Length];
            for (var i = 0; i < types.Length; i++) values[i] = Load(types[i], ptr + (uint)offsets[i]);
            return values;
        }

        private int Discriminant(uint ptr, int cases)
        {
            var value = ReadInt(ptr, CanonicalLayout.DiscriminantSize(cases));
            if (value >= (ulong)cases) throw new AbiTrapException($"discriminant {value} out of range [0..{cases})");
            return (int)value;
        }

        private WitValue LoadPrimitive(WitTypeKind kind, uint ptr)
        {
            switch (kind)
            {
                case WitTypeKind.Bool: return WitValue.Bool(ReadInt(ptr, 1) != 0);
                case WitTypeKind.S8: return WitValue.S8((sbyte)ReadInt(ptr, 1));
                case WitTypeKind.U8: return WitValue.U8((byte)ReadInt(ptr, 1));
                case WitTypeKind.S16: return WitValue.S16((short)ReadInt(ptr, 2));
                case WitTypeKind.U16: return WitValue.U16((ushort)ReadInt(ptr, 2));
                case WitTypeKind.S32: return WitValue.S32((int)ReadInt(ptr, 4));
                case WitTypeKind.U32: return WitValue.U32((uint)ReadInt(ptr, 4));
                case WitTypeKind.S64: return WitValue.S64((long)ReadInt(ptr, 8));
                case WitTypeKind.U64: return WitValue.U64(ReadInt(ptr, 8));
                case WitTypeKind.F32: return WitValue.F32(BitConverter.Int32BitsToSingle((int)ReadInt(ptr, 4)));
                case WitTypeKind.F64: return WitValue.F64(BitConverter.Int64BitsToDouble((long)ReadInt(ptr, 8)));
                case WitTypeKind.Char:
                {
                    var scalar = ReadInt(ptr, 4);
                    if (scalar > 0x10FFFF || scalar is >= 0xD800 and <= 0xDFFF)
                        throw new AbiTrapException("converted integer out of range for `char`");
                    return WitValue.Char((int)scalar);
                }
                default:
                {
                    var body = (uint)ReadInt(ptr, 4);
                    var length = (uint)ReadInt(ptr + 4, 4);
                    if ((ulong)body + length > (ulong)memorySize)
                        throw new AbiTrapException("string pointer/length out of bounds of memory");
                    var bytes = new byte[length];
                    for (var i = 0u; i < length; i++) bytes[i] = Byte(body + i);
                    if (Utf8.FindError(bytes) is { } error) throw new AbiTrapException(error);
                    return WitValue.String(Encoding.UTF8.GetString(bytes));
                }
            }
        }

        private ulong ReadInt(uint ptr, int size)
        {
            ulong value = 0;
            for (var i = 0; i < size; i++) value |= (ulong)Byte(ptr + (uint)i) << (8 * i);
            return value;
        }

        // Bytes past the image (but inside memorySize) read as zero; bounds were checked by the caller's list/string check.
        private byte Byte(uint address) => address < memory.Length ? memory[address] : (byte)0;
    }
}
