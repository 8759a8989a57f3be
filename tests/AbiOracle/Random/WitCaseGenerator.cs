using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;

namespace WitTools.AbiOracle.Random;

/// <summary>
/// Seeded generator of value types and values over every kind Wasmtime .NET can carry.
/// Same seed, same sequence (uses <see cref="System.Random(int)"/>, whose seeded algorithm is stable).
/// Values lean towards edge cases: integer limits, NaNs/infinities/-0, surrogate-pair and multi-byte
/// characters, empty strings and lists, discriminants beyond 256 cases.
/// </summary>
public sealed class WitCaseGenerator
{
    private readonly System.Random _random;

    public WitCaseGenerator(int seed, int maxDepth = 4)
    {
        _random = new System.Random(seed);
        MaxDepth = maxDepth;
    }

    public int MaxDepth { get; }

    /// <summary>Strings of every shape the string encodings treat differently, each in turn a sixth of the time:
    /// empty, ASCII, Latin-1 only (with U+0080–U+00FF, what <c>latin1+utf16</c> stores in one byte per char),
    /// BMP above Latin-1, mostly non-BMP (surrogate pairs), and long (300–3,000 mixed scalar values). Off by default,
    /// so existing seeds give the same cases.</summary>
    public bool VariedStrings { get; init; }

    /// <summary>A random type whose nesting is at most <see cref="MaxDepth"/>.</summary>
    public WitValueType NextType() => NextType(MaxDepth);

    /// <summary>A type of the given kind with random children.</summary>
    public WitValueType NextType(WitTypeKind kind) => Compose(kind, MaxDepth);

    public WitValueType NextType(int depth)
    {
        // Leaves get likelier as depth runs out.
        if (depth <= 0 || _random.Next(3) == 0)
            return WitValueType.Primitives[_random.Next(WitValueType.Primitives.Count)];
        var kind = (WitTypeKind)_random.Next((int)WitTypeKind.List, (int)WitTypeKind.Flags + 1);
        return Compose(kind, depth);
    }

    private WitValueType Compose(WitTypeKind kind, int depth)
    {
        var child = depth - 1;
        switch (kind)
        {
            case WitTypeKind.List: return new ListType(NextType(child));
            case WitTypeKind.Option: return new OptionType(NextType(child));
            case WitTypeKind.Result:
                return new ResultType(
                    _random.Next(4) == 0 ? null : NextType(child),
                    _random.Next(4) == 0 ? null : NextType(child));
            case WitTypeKind.Tuple:
                return new TupleType(Enumerable.Range(0, _random.Next(1, 5)).Select(_ => NextType(child)).ToArray());
            case WitTypeKind.Record:
                return new RecordType(Names("f", _random.Next(1, 6))
                    .Select(n => new NamedType(n, NextType(child))).ToArray());
            case WitTypeKind.Variant:
                return new VariantType(Names("c", CaseCount())
                    .Select(n => new NamedType(n, _random.Next(3) == 0 ? null : NextType(child))).ToArray());
            case WitTypeKind.Enum:
                return new EnumType(Names("e", CaseCount()));
            case WitTypeKind.Flags:
            {
                // Cover all three representations: u8, u16 and u32.
                var count = _random.Next(3) switch { 0 => _random.Next(1, 9), 1 => _random.Next(9, 17), _ => _random.Next(17, 33) };
                return new FlagsType(Names("g", count));
            }
            default:
                return WitValueType.Primitive(kind);
        }
    }

    private int CaseCount() => _random.Next(20) == 0 ? _random.Next(257, 300) : _random.Next(1, 6);

    // Kebab-case labels, sometimes with several words, always unique within the type.
    private string[] Names(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => _random.Next(4) == 0 ? $"{prefix}{i}-x" : $"{prefix}{i}").ToArray();

    /// <summary>A random value of <paramref name="type"/>.</summary>
    public WitValue NextValue(WitValueType type) => NextValue(type, 0);

    private WitValue NextValue(WitValueType type, int depth)
    {
        switch (type)
        {
            case PrimitiveType p:
                return NextPrimitive(p.Kind);
            case ListType l:
            {
                // Keep nested lists short so values stay small.
                var max = depth == 0 ? 6 : 3;
                var count = _random.Next(5) == 0 ? 0 : _random.Next(1, max + 1);
                return new ListValue(Enumerable.Range(0, count).Select(_ => NextValue(l.Element, depth + 1)).ToArray());
            }
            case OptionType o:
                return new OptionValue(_random.Next(3) == 0 ? null : NextValue(o.Payload, depth + 1));
            case ResultType r:
            {
                var ok = _random.Next(2) == 0;
                var payloadType = ok ? r.Ok : r.Err;
                return new ResultValue(ok, payloadType == null ? null : NextValue(payloadType, depth + 1));
            }
            case TupleType t:
                return new TupleValue(t.Items.Select(i => NextValue(i, depth + 1)).ToArray());
            case RecordType r:
                return new RecordValue(r.Fields.Select(f => (f.Name, NextValue(f.Type!, depth + 1))).ToArray());
            case VariantType v:
            {
                var @case = v.Cases[PickCase(v.Cases.Count)];
                return new VariantValue(@case.Name, @case.Type == null ? null : NextValue(@case.Type, depth + 1));
            }
            case EnumType e:
                return new EnumValue(e.Names[PickCase(e.Names.Count)]);
            case FlagsType f:
                return new FlagsValue(f.Names.Where(_ => _random.Next(2) == 0).ToArray());
            default:
                throw new ArgumentException($"unsupported type {type}", nameof(type));
        }
    }

    // Favour the last case so discriminants above 255 actually occur.
    private int PickCase(int count) => _random.Next(3) == 0 ? count - 1 : _random.Next(count);

    private WitValue NextPrimitive(WitTypeKind kind)
    {
        switch (kind)
        {
            case WitTypeKind.Bool:
                return WitValue.Bool(_random.Next(2) == 1);
            case WitTypeKind.F32:
                return WitValue.F32(_random.Next(6) switch
                {
                    0 => float.NaN,
                    1 => _random.Next(2) == 0 ? float.PositiveInfinity : float.NegativeInfinity,
                    2 => _random.Next(2) == 0 ? 0f : -0f,
                    3 => BitConverter.Int32BitsToSingle(_random.Next(int.MinValue, int.MaxValue)),
                    _ => (float)((_random.NextDouble() - 0.5) * 1e6),
                });
            case WitTypeKind.F64:
                return WitValue.F64(_random.Next(6) switch
                {
                    0 => double.NaN,
                    1 => _random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
                    2 => _random.Next(2) == 0 ? 0d : -0d,
                    3 => BitConverter.Int64BitsToDouble(_random.NextInt64(long.MinValue, long.MaxValue)),
                    _ => (_random.NextDouble() - 0.5) * 1e12,
                });
            case WitTypeKind.Char:
                return WitValue.Char(NextScalar());
            case WitTypeKind.String:
                return WitValue.String(NextString());
            default:
            {
                var (min, max) = IntegerValue.Range(kind);
                var span = (UInt128)(max - min) + 1;
                var bits = (UInt128)unchecked((ulong)_random.NextInt64(long.MinValue, long.MaxValue));
                Int128 value = _random.Next(4) switch
                {
                    0 => min,
                    1 => max,
                    2 => _random.Next(-2, 3) is var small && small >= min ? small : min,
                    _ => min + (Int128)(bits % span),
                };
                return new IntegerValue(kind, value);
            }
        }
    }

    private int NextScalar() => _random.Next(5) switch
    {
        0 => _random.Next(0x20, 0x7f),                                     // ASCII: 1 UTF-8 byte
        1 => _random.Next(0x80, 0x800),                                    // 2 bytes
        2 => _random.Next(2) == 0 ? _random.Next(0x800, 0xD800) : _random.Next(0xE000, 0x10000), // 3 bytes, no surrogates
        3 => _random.Next(0x10000, 0x110000),                              // 4 bytes (a surrogate pair in .NET)
        _ => _random.Next(6) switch { 0 => 0, 1 => 0xD7FF, 2 => 0xE000, 3 => 0xFFFF, 4 => 0x10000, _ => 0x10FFFF },
    };

    private string NextString()
    {
        if (VariedStrings) return NextVariedString();
        var length = _random.Next(4) == 0 ? 0 : _random.Next(1, 12);
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++) sb.Append(char.ConvertFromUtf32(NextScalar()));
        return sb.ToString();
    }

    private string NextVariedString()
    {
        var sb = new StringBuilder();
        switch (_random.Next(6))
        {
            case 0:
                return "";
            case 1:
                for (var i = _random.Next(1, 20); i > 0; i--) sb.Append((char)_random.Next(0x20, 0x7f));
                break;
            case 2:
                for (var i = _random.Next(1, 20); i > 0; i--) sb.Append((char)_random.Next(0, 0x100));
                sb.Append((char)_random.Next(0x80, 0x100)); // at least one beyond ASCII
                break;
            case 3:
                for (var i = _random.Next(1, 20); i > 0; i--) sb.Append((char)(_random.Next(2) == 0 ? _random.Next(0x100, 0xD800) : _random.Next(0xE000, 0x10000)));
                break;
            case 4:
                for (var i = _random.Next(1, 12); i > 0; i--) sb.Append(char.ConvertFromUtf32(_random.Next(3) == 0 ? NextScalar() : _random.Next(0x10000, 0x110000)));
                break;
            default:
                for (var i = _random.Next(300, 3000); i > 0; i--) sb.Append(char.ConvertFromUtf32(NextScalar()));
                break;
        }
        return sb.ToString();
    }

    /// <summary>Random cases spread over every type kind: <paramref name="typeCount"/> types, each given <paramref name="valuesPerType"/> values.</summary>
    public IReadOnlyList<(WitValueType Type, IReadOnlyList<WitValue> Values)> NextCases(int typeCount, int valuesPerType)
    {
        var cases = new List<(WitValueType, IReadOnlyList<WitValue>)>();
        var kinds = Enum.GetValues<WitTypeKind>();
        for (var i = 0; i < typeCount; i++)
        {
            // Round-robin over the kinds at the root guarantees every kind is exercised.
            var type = NextType(kinds[i % kinds.Length]);
            cases.Add((type, Enumerable.Range(0, valuesPerType).Select(_ => NextValue(type)).ToArray()));
        }
        return cases;
    }
}
