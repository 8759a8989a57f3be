using System;
using System.Buffers.Binary;
using System.Linq;
using System.Reflection;
using System.Text;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;

namespace WitTools.BindGen.Tests.Guest.Differential;

/// <summary>
/// Converts between the oracle's <see cref="WitValue"/> and objects of the generated C# types, by reflection
/// over the generated types and the mapping of docs/type-mapping.md: records via their positional constructor,
/// variants via nested case records, enums and flags as enum values, options as <c>T?</c>/<c>Option&lt;T&gt;</c>,
/// results as <c>Result&lt;T, E&gt;</c>, tuples as <c>ValueTuple</c>, lists as arrays, chars as <see cref="Rune"/>.
/// </summary>
internal static class CSharpValues
{
    private const BindingFlags Instance = BindingFlags.Public | BindingFlags.Instance;

    public static object? ToCSharp(WitValue value, WitValueType type, Type target)
    {
        switch (type, value)
        {
            case (PrimitiveType, BoolValue b): return b.Value;
            case (PrimitiveType, IntegerValue i): return i.Kind switch
            {
                WitTypeKind.S8 => (sbyte)i.Value,
                WitTypeKind.U8 => (byte)i.Value,
                WitTypeKind.S16 => (short)i.Value,
                WitTypeKind.U16 => (ushort)i.Value,
                WitTypeKind.S32 => (int)i.Value,
                WitTypeKind.U32 => (uint)i.Value,
                WitTypeKind.S64 => (long)i.Value,
                _ => (object)(ulong)i.Value,
            };
            case (PrimitiveType, F32Value f): return f.Value;
            case (PrimitiveType, F64Value f): return f.Value;
            case (PrimitiveType, CharValue c): return new Rune(c.Scalar);
            case (PrimitiveType, StringValue s): return s.Value;
            case (ListType l, ListValue items):
            {
                var element = target.GetElementType() ?? throw Mismatch(type, target);
                var array = Array.CreateInstance(element, items.Items.Count);
                for (int i = 0; i < items.Items.Count; i++) array.SetValue(ToCSharp(items.Items[i], l.Element, element), i);
                return array;
            }
            case (TupleType t, TupleValue items):
            {
                var args = target.GetGenericArguments();
                return Activator.CreateInstance(target, items.Items.Select((v, i) => ToCSharp(v, t.Items[i], args[i])).ToArray());
            }
            case (RecordType r, RecordValue fields):
            {
                var ctor = RecordConstructor(target, r.Fields.Count);
                var ps = ctor.GetParameters();
                return ctor.Invoke(fields.Fields.Select((f, i) => ToCSharp(f.Value, r.Fields[i].Type!, ps[i].ParameterType)).ToArray());
            }
            case (VariantType v, VariantValue c):
            {
                var caseType = CaseType(target, c.CaseName);
                var payloadType = v.Cases.Single(x => x.Name == c.CaseName).Type;
                var ctor = caseType.GetConstructors().Single(x => x.GetParameters().Length == (payloadType == null ? 0 : 1));
                return ctor.Invoke(payloadType == null ? [] : [ToCSharp(c.Payload!, payloadType, ctor.GetParameters()[0].ParameterType)]);
            }
            case (EnumType e, EnumValue c): return Enum.ToObject(target, e.Names.ToList().IndexOf(c.CaseName));
            case (FlagsType f, FlagsValue set):
            {
                ulong bits = 0;
                for (int i = 0; i < f.Names.Count; i++) if (set.Names.Contains(f.Names[i])) bits |= 1UL << i;
                return Enum.ToObject(target, bits);
            }
            case (OptionType o, OptionValue option):
            {
                if (IsGeneric(target, "Option`1"))
                {
                    return option.Payload == null
                        ? target.GetProperty("None", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)
                        : target.GetMethod("Some")!.Invoke(null, [ToCSharp(option.Payload, o.Payload, target.GetGenericArguments()[0])]);
                }
                var payload = Nullable.GetUnderlyingType(target) ?? target;
                return option.Payload == null ? null : ToCSharp(option.Payload, o.Payload, payload);
            }
            case (ResultType r, ResultValue result):
            {
                if (!IsGeneric(target, "Result`2")) throw Mismatch(type, target);
                var args = target.GetGenericArguments();
                var payloadType = result.IsOk ? r.Ok : r.Err;
                var argType = args[result.IsOk ? 0 : 1];
                object? payload = payloadType == null ? Activator.CreateInstance(argType) : ToCSharp(result.Payload!, payloadType, argType);
                return target.GetMethod(result.IsOk ? "Ok" : "Err")!.Invoke(null, [payload]);
            }
        }
        throw Mismatch(type, target);
    }

    public static WitValue FromCSharp(object? value, WitValueType type)
    {
        switch (type)
        {
            case OptionType o:
            {
                if (value != null && IsGeneric(value.GetType(), "Option`1"))
                {
                    var hasValue = (bool)value.GetType().GetProperty("HasValue")!.GetValue(value)!;
                    return hasValue ? WitValue.Some(FromCSharp(value.GetType().GetProperty("Value")!.GetValue(value), o.Payload)) : WitValue.None();
                }
                return value == null ? WitValue.None() : WitValue.Some(FromCSharp(value, o.Payload));
            }
            case PrimitiveType p:
                return p.Kind switch
                {
                    WitTypeKind.Bool => WitValue.Bool((bool)value!),
                    WitTypeKind.S8 => WitValue.S8((sbyte)value!),
                    WitTypeKind.U8 => WitValue.U8((byte)value!),
                    WitTypeKind.S16 => WitValue.S16((short)value!),
                    WitTypeKind.U16 => WitValue.U16((ushort)value!),
                    WitTypeKind.S32 => WitValue.S32((int)value!),
                    WitTypeKind.U32 => WitValue.U32((uint)value!),
                    WitTypeKind.S64 => WitValue.S64((long)value!),
                    WitTypeKind.U64 => WitValue.U64((ulong)value!),
                    WitTypeKind.F32 => WitValue.F32((float)value!),
                    WitTypeKind.F64 => WitValue.F64((double)value!),
                    WitTypeKind.Char => WitValue.Char(((Rune)value!).Value),
                    _ => WitValue.String((string)value!),
                };
            case ListType l:
                return WitValue.List(((Array)value!).Cast<object?>().Select(x => FromCSharp(x, l.Element)).ToArray());
            case TupleType t:
            {
                var items = new WitValue[t.Items.Count];
                for (int i = 0; i < items.Length; i++)
                    items[i] = FromCSharp(value!.GetType().GetField("Item" + (i + 1))!.GetValue(value), t.Items[i]);
                return WitValue.Tuple(items);
            }
            case RecordType r:
            {
                var ps = RecordConstructor(value!.GetType(), r.Fields.Count).GetParameters();
                return WitValue.Record(r.Fields.Select((f, i) => (f.Name, FromCSharp(value.GetType().GetProperty(ps[i].Name!, Instance)!.GetValue(value), f.Type!))).ToArray());
            }
            case VariantType v:
            {
                var @case = v.Cases.Single(c => DifferentialWorld.CSharpName(c.Name) == value!.GetType().Name);
                if (@case.Type == null) return WitValue.Variant(@case.Name);
                var parameter = value!.GetType().GetConstructors().Single(c => c.GetParameters().Length == 1).GetParameters()[0];
                return WitValue.Variant(@case.Name, FromCSharp(value.GetType().GetProperty(parameter.Name!, Instance)!.GetValue(value), @case.Type));
            }
            case EnumType e:
                return WitValue.Enum(e.Names[(int)Convert.ToInt64(value)]);
            case FlagsType f:
            {
                ulong bits = Convert.ToUInt64(value);
                return WitValue.Flags(f.Names.Where((_, i) => (bits & (1UL << i)) != 0).ToArray());
            }
            case ResultType r:
            {
                var t = value!.GetType();
                bool ok = (bool)t.GetProperty("IsOk")!.GetValue(value)!;
                var payloadType = ok ? r.Ok : r.Err;
                if (payloadType == null) return ok ? WitValue.Ok() : WitValue.Err();
                var payload = FromCSharp(t.GetProperty(ok ? "Value" : "Error")!.GetValue(value), payloadType);
                return ok ? WitValue.Ok(payload) : WitValue.Err(payload);
            }
        }
        throw new ArgumentException("unsupported type " + type);
    }

    /// <summary>The positional constructor of a generated record (not the copy constructor).</summary>
    private static ConstructorInfo RecordConstructor(Type record, int fields) =>
        record.GetConstructors().Single(c => c.GetParameters().Length == fields && !(fields == 1 && c.GetParameters()[0].ParameterType == record));

    private static Type CaseType(Type variant, string caseName) =>
        variant.GetNestedType(DifferentialWorld.CSharpName(caseName), BindingFlags.Public)
        ?? throw new InvalidOperationException($"{variant} has no case class for `{caseName}`");

    private static bool IsGeneric(Type type, string name) => type.IsGenericType && type.GetGenericTypeDefinition().Name == name;

    private static Exception Mismatch(WitValueType type, Type target) => new InvalidOperationException($"cannot map {type} to C# {target}");

    /// <summary>
    /// Copies one value Wasmtime lowered (at <paramref name="from"/> in <paramref name="image"/>) to
    /// <paramref name="to"/> in emulated memory, allocating every string and list it points to with the generated
    /// allocator (the export shim frees them) and rewriting only those pointers; all other bytes are Wasmtime's.
    /// </summary>
    public static void Relocate(byte[] image, int from, byte[] memory, int to, WitValueType type, Func<int, int, int> alloc, Func<byte[]> currentMemory,
        string stringEncoding = "utf8")
    {
        Array.Copy(image, from, memory, to, CanonicalLayout.Size(type));
        RelocatePointers(image, from, to, type, alloc, currentMemory, stringEncoding);
    }

    /// <summary>Bytes and alignment of a string whose length field is <paramref name="length"/> under the canonical
    /// option <c>string-encoding</c> (CanonicalABI.md, load_string_from_range).</summary>
    public static (int Bytes, int Align) StringBytes(int length, string stringEncoding) => stringEncoding switch
    {
        "utf16" => (2 * length, 2),
        "latin1+utf16" => length < 0 ? (2 * (length & int.MaxValue), 2) : (length, 2),
        _ => (length, 1),
    };

    private static void RelocatePointers(byte[] image, int from, int to, WitValueType type, Func<int, int, int> alloc, Func<byte[]> memory, string stringEncoding)
    {
        switch (type)
        {
            case PrimitiveType { Kind: WitTypeKind.String }:
            {
                int pointer = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(from)), length = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(from + 4));
                var (bytes, align) = StringBytes(length, stringEncoding);
                int target = alloc(bytes, align);
                Array.Copy(image, pointer, memory(), target, bytes);
                BinaryPrimitives.WriteInt32LittleEndian(memory().AsSpan(to), target);
                break;
            }
            case ListType l:
            {
                int pointer = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(from)), count = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(from + 4));
                int size = CanonicalLayout.Size(l.Element);
                int target = alloc(size * count, CanonicalLayout.Align(l.Element));
                BinaryPrimitives.WriteInt32LittleEndian(memory().AsSpan(to), target);
                Array.Copy(image, pointer, memory(), target, size * count);
                for (int i = 0; i < count; i++) RelocatePointers(image, pointer + i * size, target + i * size, l.Element, alloc, memory, stringEncoding);
                break;
            }
            case RecordType or TupleType:
            {
                var offsets = CanonicalLayout.FieldOffsets(type);
                var children = type.Children.ToArray();
                for (int i = 0; i < children.Length; i++) RelocatePointers(image, from + offsets[i], to + offsets[i], children[i], alloc, memory, stringEncoding);
                break;
            }
            case VariantType or OptionType or ResultType:
            {
                int cases = type is VariantType v ? v.Cases.Count : 2;
                int discriminant = CanonicalLayout.DiscriminantSize(cases) switch
                {
                    1 => image[from],
                    2 => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(from)),
                    _ => (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(from)),
                };
                WitValueType? payload = type switch
                {
                    VariantType vt => vt.Cases[discriminant].Type,
                    OptionType o => discriminant == 1 ? o.Payload : null,
                    ResultType r => discriminant == 0 ? r.Ok : r.Err,
                    _ => null,
                };
                int offset = CanonicalLayout.PayloadOffset(type);
                if (payload != null) RelocatePointers(image, from + offset, to + offset, payload, alloc, memory, stringEncoding);
                break;
            }
        }
    }
}
