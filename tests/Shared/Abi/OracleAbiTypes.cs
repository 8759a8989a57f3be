using System;
using System.Linq;
using WitTools.AbiOracle.Types;
using WitTools.BindGen.Abi;

namespace WitTools.Tests.Shared.Abi;

/// <summary>The oracle's value types as BindGen's ABI types, so layouts and plans can be checked against
/// Wasmtime. Linked into the test projects that reference both AbiOracle and BindGen.</summary>
internal static class OracleAbiTypes
{
    public static AbiType ToAbi(WitValueType type) => type switch
    {
        PrimitiveType p => p.Kind switch
        {
            WitTypeKind.Bool => AbiType.Bool,
            WitTypeKind.S8 => AbiType.S8,
            WitTypeKind.U8 => AbiType.U8,
            WitTypeKind.S16 => AbiType.S16,
            WitTypeKind.U16 => AbiType.U16,
            WitTypeKind.S32 => AbiType.S32,
            WitTypeKind.U32 => AbiType.U32,
            WitTypeKind.S64 => AbiType.S64,
            WitTypeKind.U64 => AbiType.U64,
            WitTypeKind.F32 => AbiType.F32,
            WitTypeKind.F64 => AbiType.F64,
            WitTypeKind.Char => AbiType.Char,
            _ => AbiType.String,
        },
        ListType l => AbiType.List(ToAbi(l.Element)),
        OptionType o => AbiType.Option(ToAbi(o.Payload)),
        ResultType r => AbiType.Result(r.Ok is null ? null : ToAbi(r.Ok), r.Err is null ? null : ToAbi(r.Err)),
        TupleType t => AbiType.Tuple(t.Items.Select(ToAbi)),
        RecordType r => AbiType.Record("r", r.Fields.Select(f => new AbiField(f.Name, ToAbi(f.Type!)))),
        VariantType v => AbiType.Variant("v", v.Cases.Select(c => new AbiCase(c.Name, c.Type is null ? null : ToAbi(c.Type)))),
        EnumType e => AbiType.Enum("e", e.Names),
        FlagsType f => AbiType.Flags("f", f.Names),
        _ => throw new NotSupportedException(type.ToString()),
    };
}
