using System.Linq;
using Wasmtime.Components;
using WitTools.AbiOracle.Random;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;

namespace WitTools.AbiOracle.Tests.Values;

public class ComponentValueConverterTests
{
    [Fact]
    public void Values_survive_conversion_to_ComponentValue_and_back()
    {
        var generator = new WitCaseGenerator(seed: 11);
        foreach (var (type, values) in generator.NextCases(typeCount: 60, valuesPerType: 5))
        {
            foreach (var value in values)
                Assert.Equal(value, ComponentValueConverter.FromComponentValue(value.ToComponentValue(), type));
        }
    }

    [Fact]
    public void Conversion_builds_the_expected_ComponentValue_shapes()
    {
        var record = WitValue.Record(("a", WitValue.U8(7)), ("b", WitValue.None())).ToComponentValue();
        Assert.Equal(ComponentValueKind.Record, record.Kind);
        Assert.Equal(["a", "b"], record.AsRecord().Select(f => f.Key));
        Assert.Equal(7, record.Field("a").AsU8());
        Assert.False(record.Field("b").IsSome);

        var err = WitValue.Err().ToComponentValue();
        Assert.Equal(ComponentValueKind.Result, err.Kind);
        Assert.False(err.IsOk);
        Assert.Null(err.Payload);

        Assert.Equal(0x1F600u, WitValue.Char(0x1F600).ToComponentValue().AsChar());
        Assert.Equal("v", WitValue.Variant("v").ToComponentValue().AsVariant());
    }

    [Fact]
    public void A_value_of_the_wrong_shape_is_reported()
    {
        var type = WitValueType.Parse("(record (field \"a\" u8) (field \"b\" u8))");
        var swapped = ComponentValue.Record([new("b", ComponentValue.U8(1)), new("a", ComponentValue.U8(2))]);
        var error = Assert.Throws<System.InvalidOperationException>(() => ComponentValueConverter.FromComponentValue(swapped, type));
        Assert.Equal("Wasmtime value does not match the type: expected record field order", error.Message);
    }
}
