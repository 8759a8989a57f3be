using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using WitTools.AbiOracle.Types;

namespace WitTools.AbiOracle.Values;

/// <summary>
/// A component-model value with structural equality, unlike Wasmtime's <c>ComponentValue</c>.
/// Floats compare bit-exactly except that all NaNs are equal (Wasmtime .NET quiets f32 signalling NaNs,
/// and the canonical ABI lets hosts canonicalise NaNs).
/// </summary>
public abstract class WitValue : IEquatable<WitValue>
{
    private protected WitValue(WitTypeKind kind) => Kind = kind;

    public WitTypeKind Kind { get; }

    public static WitValue Bool(bool value) => new BoolValue(value);
    public static WitValue S8(sbyte value) => new IntegerValue(WitTypeKind.S8, value);
    public static WitValue U8(byte value) => new IntegerValue(WitTypeKind.U8, value);
    public static WitValue S16(short value) => new IntegerValue(WitTypeKind.S16, value);
    public static WitValue U16(ushort value) => new IntegerValue(WitTypeKind.U16, value);
    public static WitValue S32(int value) => new IntegerValue(WitTypeKind.S32, value);
    public static WitValue U32(uint value) => new IntegerValue(WitTypeKind.U32, value);
    public static WitValue S64(long value) => new IntegerValue(WitTypeKind.S64, value);
    public static WitValue U64(ulong value) => new IntegerValue(WitTypeKind.U64, value);
    public static WitValue F32(float value) => new F32Value(value);
    public static WitValue F64(double value) => new F64Value(value);
    public static WitValue Char(int scalar) => new CharValue(scalar);
    public static WitValue String(string value) => new StringValue(value);
    public static WitValue List(params WitValue[] items) => new ListValue(items);
    public static WitValue Tuple(params WitValue[] items) => new TupleValue(items);
    public static WitValue Record(params (string Name, WitValue Value)[] fields) => new RecordValue(fields);
    public static WitValue Variant(string caseName, WitValue? payload = null) => new VariantValue(caseName, payload);
    public static WitValue Enum(string caseName) => new EnumValue(caseName);
    public static WitValue Some(WitValue payload) => new OptionValue(payload);
    public static WitValue None() => new OptionValue(null);
    public static WitValue Ok(WitValue? payload = null) => new ResultValue(true, payload);
    public static WitValue Err(WitValue? payload = null) => new ResultValue(false, payload);
    public static WitValue Flags(params string[] names) => new FlagsValue(names);

    public abstract bool Equals(WitValue? other);

    public override bool Equals(object? obj) => obj is WitValue other && Equals(other);

    public abstract override int GetHashCode();

    /// <summary>WAVE-like text, e.g. <c>{a: 1, b: some("x")}</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    internal abstract void Write(StringBuilder sb);

    internal static bool SequenceEqual(IReadOnlyList<WitValue> a, IReadOnlyList<WitValue> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (!a[i].Equals(b[i])) return false;
        return true;
    }

    internal static int SequenceHash(IEnumerable<WitValue> items)
    {
        var hash = new HashCode();
        foreach (var item in items) hash.Add(item.GetHashCode());
        return hash.ToHashCode();
    }

    internal static void WriteList(StringBuilder sb, string open, IEnumerable<WitValue> items, string close)
    {
        sb.Append(open);
        var first = true;
        foreach (var item in items)
        {
            if (!first) sb.Append(", ");
            first = false;
            item.Write(sb);
        }
        sb.Append(close);
    }
}

public sealed class BoolValue(bool value) : WitValue(WitTypeKind.Bool)
{
    public bool Value { get; } = value;

    public override bool Equals(WitValue? other) => other is BoolValue b && b.Value == Value;
    public override int GetHashCode() => Value.GetHashCode();
    internal override void Write(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}

/// <summary>Any integer kind; <see cref="Value"/> is the exact mathematical value.</summary>
public sealed class IntegerValue : WitValue
{
    public IntegerValue(WitTypeKind kind, Int128 value) : base(kind)
    {
        var (min, max) = Range(kind);
        if (value < min || value > max) throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit {kind}");
        Value = value;
    }

    public Int128 Value { get; }

    public static (Int128 Min, Int128 Max) Range(WitTypeKind kind) => kind switch
    {
        WitTypeKind.S8 => (sbyte.MinValue, sbyte.MaxValue),
        WitTypeKind.U8 => (0, byte.MaxValue),
        WitTypeKind.S16 => (short.MinValue, short.MaxValue),
        WitTypeKind.U16 => (0, ushort.MaxValue),
        WitTypeKind.S32 => (int.MinValue, int.MaxValue),
        WitTypeKind.U32 => (0, uint.MaxValue),
        WitTypeKind.S64 => (long.MinValue, long.MaxValue),
        WitTypeKind.U64 => (0, ulong.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"{kind} is not an integer kind"),
    };

    public override bool Equals(WitValue? other) => other is IntegerValue i && i.Kind == Kind && i.Value == Value;
    public override int GetHashCode() => HashCode.Combine(Kind, Value);
    internal override void Write(StringBuilder sb) => sb.Append(Value.ToString(CultureInfo.InvariantCulture));
}

public sealed class F32Value(float value) : WitValue(WitTypeKind.F32)
{
    public float Value { get; } = value;

    public override bool Equals(WitValue? other) =>
        other is F32Value f && (float.IsNaN(Value) ? float.IsNaN(f.Value)
            : BitConverter.SingleToInt32Bits(Value) == BitConverter.SingleToInt32Bits(f.Value));
    public override int GetHashCode() => float.IsNaN(Value) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(Value);
    internal override void Write(StringBuilder sb) => sb.Append(FormatFloat(Value, float.IsNaN(Value)));

    internal static string FormatFloat(double value, bool nan) =>
        nan ? "nan" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf"
        : value == 0 && double.IsNegative(value) ? "-0" : value.ToString("R", CultureInfo.InvariantCulture);
}

public sealed class F64Value(double value) : WitValue(WitTypeKind.F64)
{
    public double Value { get; } = value;

    public override bool Equals(WitValue? other) =>
        other is F64Value f && (double.IsNaN(Value) ? double.IsNaN(f.Value)
            : BitConverter.DoubleToInt64Bits(Value) == BitConverter.DoubleToInt64Bits(f.Value));
    public override int GetHashCode() => double.IsNaN(Value) ? 1 : BitConverter.DoubleToInt64Bits(Value).GetHashCode();
    internal override void Write(StringBuilder sb) => sb.Append(F32Value.FormatFloat(Value, double.IsNaN(Value)));
}

/// <summary>A Unicode scalar value (never a surrogate).</summary>
public sealed class CharValue : WitValue
{
    public CharValue(int scalar) : base(WitTypeKind.Char)
    {
        if (!System.Text.Rune.IsValid(scalar)) throw new ArgumentOutOfRangeException(nameof(scalar), "not a Unicode scalar value");
        Scalar = scalar;
    }

    public int Scalar { get; }

    public override bool Equals(WitValue? other) => other is CharValue c && c.Scalar == Scalar;
    public override int GetHashCode() => Scalar;
    internal override void Write(StringBuilder sb) => sb.Append("'\\u{").Append(Scalar.ToString("x", CultureInfo.InvariantCulture)).Append("}'");
}

public sealed class StringValue(string value) : WitValue(WitTypeKind.String)
{
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override bool Equals(WitValue? other) => other is StringValue s && string.Equals(s.Value, Value, StringComparison.Ordinal);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    internal override void Write(StringBuilder sb)
    {
        sb.Append('"');
        foreach (var c in Value)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (c < 0x20 || c > 0x7e) sb.Append("\\u{").Append(((int)c).ToString("x", CultureInfo.InvariantCulture)).Append('}');
            else sb.Append(c);
        }
        sb.Append('"');
    }
}

public sealed class ListValue(IReadOnlyList<WitValue> items) : WitValue(WitTypeKind.List)
{
    public IReadOnlyList<WitValue> Items { get; } = items;

    public override bool Equals(WitValue? other) => other is ListValue l && SequenceEqual(l.Items, Items);
    public override int GetHashCode() => SequenceHash(Items);
    internal override void Write(StringBuilder sb) => WriteList(sb, "[", Items, "]");
}

public sealed class TupleValue(IReadOnlyList<WitValue> items) : WitValue(WitTypeKind.Tuple)
{
    public IReadOnlyList<WitValue> Items { get; } = items;

    public override bool Equals(WitValue? other) => other is TupleValue t && SequenceEqual(t.Items, Items);
    public override int GetHashCode() => SequenceHash(Items);
    internal override void Write(StringBuilder sb) => WriteList(sb, "(", Items, ")");
}

/// <summary>A record; fields are kept in declaration order and compared in order.</summary>
public sealed class RecordValue(IReadOnlyList<(string Name, WitValue Value)> fields) : WitValue(WitTypeKind.Record)
{
    public IReadOnlyList<(string Name, WitValue Value)> Fields { get; } = fields;

    public override bool Equals(WitValue? other)
    {
        if (other is not RecordValue r || r.Fields.Count != Fields.Count) return false;
        for (var i = 0; i < Fields.Count; i++)
            if (r.Fields[i].Name != Fields[i].Name || !r.Fields[i].Value.Equals(Fields[i].Value)) return false;
        return true;
    }

    public override int GetHashCode() => SequenceHash(Fields.Select(f => f.Value));

    internal override void Write(StringBuilder sb)
    {
        sb.Append('{');
        for (var i = 0; i < Fields.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Fields[i].Name).Append(": ");
            Fields[i].Value.Write(sb);
        }
        sb.Append('}');
    }
}

public sealed class VariantValue(string caseName, WitValue? payload) : WitValue(WitTypeKind.Variant)
{
    public string CaseName { get; } = caseName;
    public WitValue? Payload { get; } = payload;

    public override bool Equals(WitValue? other) =>
        other is VariantValue v && v.CaseName == CaseName && Equals(v.Payload, Payload);
    public override int GetHashCode() => HashCode.Combine(CaseName, Payload);

    internal override void Write(StringBuilder sb)
    {
        sb.Append(CaseName);
        if (Payload == null) return;
        sb.Append('(');
        Payload.Write(sb);
        sb.Append(')');
    }
}

public sealed class EnumValue(string caseName) : WitValue(WitTypeKind.Enum)
{
    public string CaseName { get; } = caseName;

    public override bool Equals(WitValue? other) => other is EnumValue e && e.CaseName == CaseName;
    public override int GetHashCode() => CaseName.GetHashCode();
    internal override void Write(StringBuilder sb) => sb.Append(CaseName);
}

public sealed class OptionValue(WitValue? payload) : WitValue(WitTypeKind.Option)
{
    /// <summary>The payload of <c>some</c>, or null for <c>none</c>.</summary>
    public WitValue? Payload { get; } = payload;

    public bool IsSome => Payload != null;

    public override bool Equals(WitValue? other) => other is OptionValue o && Equals(o.Payload, Payload);
    public override int GetHashCode() => HashCode.Combine(7, Payload);

    internal override void Write(StringBuilder sb)
    {
        if (Payload == null)
        {
            sb.Append("none");
            return;
        }
        sb.Append("some(");
        Payload.Write(sb);
        sb.Append(')');
    }
}

public sealed class ResultValue(bool isOk, WitValue? payload) : WitValue(WitTypeKind.Result)
{
    public bool IsOk { get; } = isOk;
    public WitValue? Payload { get; } = payload;

    public override bool Equals(WitValue? other) => other is ResultValue r && r.IsOk == IsOk && Equals(r.Payload, Payload);
    public override int GetHashCode() => HashCode.Combine(IsOk, Payload);

    internal override void Write(StringBuilder sb)
    {
        sb.Append(IsOk ? "ok" : "err");
        if (Payload == null) return;
        sb.Append('(');
        Payload.Write(sb);
        sb.Append(')');
    }
}

/// <summary>The set of enabled flags; order is irrelevant for equality.</summary>
public sealed class FlagsValue(IReadOnlyCollection<string> names) : WitValue(WitTypeKind.Flags)
{
    public IReadOnlyCollection<string> Names { get; } = names.Distinct().ToArray();

    public override bool Equals(WitValue? other) =>
        other is FlagsValue f && f.Names.Count == Names.Count && !f.Names.Except(Names).Any();
    public override int GetHashCode() => Names.Aggregate(0, (h, n) => h ^ n.GetHashCode());

    internal override void Write(StringBuilder sb) => sb.Append('{').Append(string.Join(", ", Names.OrderBy(n => n, StringComparer.Ordinal))).Append('}');
}
