using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.AbiOracle.Random;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;

namespace WitTools.AbiOracle.Tests.Random;

public class WitCaseGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_cases()
    {
        string Render(int seed) => string.Join("\n", new WitCaseGenerator(seed).NextCases(30, 3)
            .Select(c => c.Type + " = " + string.Join(" | ", c.Values)));
        Assert.Equal(Render(5), Render(5));
        Assert.NotEqual(Render(5), Render(6));
    }

    [Fact]
    public void Cases_cover_every_kind()
    {
        var cases = new WitCaseGenerator(1).NextCases(typeCount: Enum.GetValues<WitTypeKind>().Length, valuesPerType: 1);
        Assert.Equal(Enum.GetValues<WitTypeKind>(), cases.Select(c => c.Type.Kind));
    }

    [Fact]
    public void Types_respect_the_depth_limit_and_values_fit_their_types()
    {
        var generator = new WitCaseGenerator(seed: 3, maxDepth: 3);
        for (var i = 0; i < 200; i++)
        {
            var type = generator.NextType();
            Assert.True(Depth(type) <= 3, type.ToString());
            Assert.True(Fits(generator.NextValue(type), type), type.ToString());
        }
    }

    [Fact]
    public void Edge_cases_show_up()
    {
        var generator = new WitCaseGenerator(seed: 9);
        var f64 = Enumerable.Range(0, 300).Select(_ => ((F64Value)generator.NextValue(WitValueType.F64)).Value).ToList();
        Assert.Contains(f64, double.IsNaN);
        Assert.Contains(f64, double.IsNegativeInfinity);
        Assert.Contains(f64, d => d == 0 && double.IsNegative(d));
        var u64 = Enumerable.Range(0, 100).Select(_ => ((IntegerValue)generator.NextValue(WitValueType.U64)).Value).ToList();
        Assert.Contains((Int128)ulong.MaxValue, u64);
        Assert.Contains((Int128)0, u64);
        var chars = Enumerable.Range(0, 200).Select(_ => ((CharValue)generator.NextValue(WitValueType.Char)).Scalar).ToList();
        Assert.Contains(chars, c => c >= 0x10000);
        var enums = Enumerable.Range(0, 400).Select(_ => generator.NextType(WitTypeKind.Enum)).Cast<EnumType>();
        Assert.Contains(enums, e => e.Names.Count > 256);
    }

    private static int Depth(WitValueType type) => type.Children.Select(c => Depth(c) + 1).DefaultIfEmpty(0).Max();

    private static bool Fits(WitValue value, WitValueType type) => (value, type) switch
    {
        (BoolValue, _) or (F32Value, _) or (F64Value, _) or (CharValue, _) or (StringValue, _) => value.Kind == type.Kind,
        (IntegerValue i, _) => i.Kind == type.Kind,
        (ListValue l, ListType t) => l.Items.All(v => Fits(v, t.Element)),
        (TupleValue v, TupleType t) => v.Items.Count == t.Items.Count && v.Items.Zip(t.Items).All(p => Fits(p.First, p.Second)),
        (RecordValue v, RecordType t) => v.Fields.Select(f => f.Name).SequenceEqual(t.Fields.Select(f => f.Name))
                                         && v.Fields.Zip(t.Fields).All(p => Fits(p.First.Value, p.Second.Type!)),
        (VariantValue v, VariantType t) => t.Cases.Any(c => c.Name == v.CaseName && PayloadFits(v.Payload, c.Type)),
        (EnumValue v, EnumType t) => t.Names.Contains(v.CaseName),
        (OptionValue v, OptionType t) => v.Payload == null || Fits(v.Payload, t.Payload),
        (ResultValue v, ResultType t) => PayloadFits(v.Payload, v.IsOk ? t.Ok : t.Err),
        (FlagsValue v, FlagsType t) => v.Names.All(t.Names.Contains),
        _ => false,
    };

    private static bool PayloadFits(WitValue? value, WitValueType? type) =>
        value == null ? type == null : type != null && Fits(value, type);
}
