using System;
using System.Collections.Generic;
using System.Linq;
using Wasmtime.Components;
using WitTools.AbiOracle.Types;

namespace WitTools.AbiOracle.Values;

/// <summary>Converts between <see cref="WitValue"/> and Wasmtime's <see cref="ComponentValue"/>.</summary>
public static class ComponentValueConverter
{
    public static ComponentValue ToComponentValue(this WitValue value) => value switch
    {
        BoolValue b => ComponentValue.Bool(b.Value),
        IntegerValue i => i.Kind switch
        {
            WitTypeKind.S8 => ComponentValue.S8((sbyte)i.Value),
            WitTypeKind.U8 => ComponentValue.U8((byte)i.Value),
            WitTypeKind.S16 => ComponentValue.S16((short)i.Value),
            WitTypeKind.U16 => ComponentValue.U16((ushort)i.Value),
            WitTypeKind.S32 => ComponentValue.S32((int)i.Value),
            WitTypeKind.U32 => ComponentValue.U32((uint)i.Value),
            WitTypeKind.S64 => ComponentValue.S64((long)i.Value),
            _ => ComponentValue.U64((ulong)i.Value),
        },
        F32Value f => ComponentValue.F32(f.Value),
        F64Value f => ComponentValue.F64(f.Value),
        CharValue c => ComponentValue.Char((uint)c.Scalar),
        StringValue s => ComponentValue.String(s.Value),
        ListValue l => ComponentValue.List(l.Items.Select(ToComponentValue).ToArray()),
        TupleValue t => ComponentValue.Tuple(t.Items.Select(ToComponentValue).ToArray()),
        RecordValue r => ComponentValue.Record(
            r.Fields.Select(f => new KeyValuePair<string, ComponentValue>(f.Name, f.Value.ToComponentValue())).ToArray()),
        VariantValue v => ComponentValue.Variant(v.CaseName, v.Payload?.ToComponentValue()!),
        EnumValue e => ComponentValue.Enum(e.CaseName),
        OptionValue o => o.Payload == null ? ComponentValue.None() : ComponentValue.Some(o.Payload.ToComponentValue()),
        ResultValue r => r.IsOk ? ComponentValue.Ok(r.Payload?.ToComponentValue()!) : ComponentValue.Err(r.Payload?.ToComponentValue()!),
        FlagsValue f => ComponentValue.Flags(f.Names.ToArray()),
        _ => throw new ArgumentException($"unsupported value {value.GetType().Name}", nameof(value)),
    };

    /// <summary>Reads a Wasmtime value as <paramref name="type"/>; throws if the shapes disagree.</summary>
    public static WitValue FromComponentValue(ComponentValue value, WitValueType type)
    {
        switch (type.Kind)
        {
            case WitTypeKind.Bool: return WitValue.Bool(value.AsBool());
            case WitTypeKind.S8: return WitValue.S8(value.AsS8());
            case WitTypeKind.U8: return WitValue.U8(value.AsU8());
            case WitTypeKind.S16: return WitValue.S16(value.AsS16());
            case WitTypeKind.U16: return WitValue.U16(value.AsU16());
            case WitTypeKind.S32: return WitValue.S32(value.AsS32());
            case WitTypeKind.U32: return WitValue.U32(value.AsU32());
            case WitTypeKind.S64: return WitValue.S64(value.AsS64());
            case WitTypeKind.U64: return WitValue.U64(value.AsU64());
            case WitTypeKind.F32: return WitValue.F32(value.AsF32());
            case WitTypeKind.F64: return WitValue.F64(value.AsF64());
            case WitTypeKind.Char: return WitValue.Char((int)value.AsChar());
            case WitTypeKind.String: return WitValue.String(value.AsString());
            case WitTypeKind.List:
            {
                var element = ((ListType)type).Element;
                return new ListValue(value.AsList().Select(v => FromComponentValue(v, element)).ToArray());
            }
            case WitTypeKind.Tuple:
            {
                var items = ((TupleType)type).Items;
                var values = value.AsTuple();
                Expect(values.Count == items.Count, "tuple arity");
                return new TupleValue(values.Select((v, i) => FromComponentValue(v, items[i])).ToArray());
            }
            case WitTypeKind.Record:
            {
                var fields = ((RecordType)type).Fields;
                var values = value.AsRecord();
                Expect(values.Count == fields.Count, "record field count");
                return new RecordValue(values.Select((v, i) =>
                {
                    Expect(v.Key == fields[i].Name, "record field order");
                    return (v.Key, FromComponentValue(v.Value, fields[i].Type!));
                }).ToArray());
            }
            case WitTypeKind.Variant:
            {
                var name = value.AsVariant();
                var @case = ((VariantType)type).Cases.FirstOrDefault(c => c.Name == name)
                    ?? throw new InvalidOperationException($"unknown variant case `{name}`");
                return new VariantValue(name, Payload(value, @case.Type));
            }
            case WitTypeKind.Enum:
                return WitValue.Enum(value.AsEnum());
            case WitTypeKind.Option:
                return new OptionValue(value.IsSome ? FromComponentValue(value.Payload!, ((OptionType)type).Payload) : null);
            case WitTypeKind.Result:
            {
                var result = (ResultType)type;
                return new ResultValue(value.IsOk, Payload(value, value.IsOk ? result.Ok : result.Err));
            }
            case WitTypeKind.Flags:
                return new FlagsValue(value.AsFlags().ToArray());
            default:
                throw new ArgumentException($"unsupported type {type}", nameof(type));
        }
    }

    private static WitValue? Payload(ComponentValue value, WitValueType? type)
    {
        ComponentValue? payload = value.Payload;
        if (type == null)
        {
            Expect(payload == null, "no payload");
            return null;
        }
        Expect(payload != null, "a payload");
        return FromComponentValue(payload!, type);
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"Wasmtime value does not match the type: expected {what}");
    }
}
