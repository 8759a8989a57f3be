using System.Linq;
using WitTools.AbiOracle.Types;

namespace WitTools.AbiOracle.Tests.Types;

public class CanonicalLayoutTests
{
    // Sizes and alignments worked out by hand from the canonical ABI rules.
    [Theory]
    [InlineData("bool", 1, 1)]
    [InlineData("s16", 2, 2)]
    [InlineData("char", 4, 4)]
    [InlineData("f64", 8, 8)]
    [InlineData("string", 8, 4)]
    [InlineData("(list u64)", 8, 4)]
    [InlineData("(record (field \"a\" u8) (field \"b\" u32))", 8, 4)]
    [InlineData("(record (field \"a\" u8) (field \"b\" u64) (field \"c\" u8))", 24, 8)]
    [InlineData("(tuple u8 u16 u8)", 6, 2)]
    [InlineData("(option u16)", 4, 2)]
    [InlineData("(option u64)", 16, 8)]
    [InlineData("(option u8)", 2, 1)]
    [InlineData("(result)", 1, 1)]
    [InlineData("(result string (error u8))", 12, 4)]
    [InlineData("(variant (case \"a\") (case \"b\" u8) (case \"c\" (tuple u16 u16)))", 6, 2)]
    [InlineData("(enum \"a\" \"b\")", 1, 1)]
    [InlineData("(flags \"a\")", 1, 1)]
    public void Size_and_alignment(string text, int size, int align)
    {
        var type = WitValueType.Parse(text);
        Assert.Equal(size, CanonicalLayout.Size(type));
        Assert.Equal(align, CanonicalLayout.Align(type));
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    [InlineData(16, 2)]
    [InlineData(17, 4)]
    [InlineData(32, 4)]
    public void Flags_use_the_smallest_integer(int count, int size)
    {
        var type = new FlagsType(System.Linq.Enumerable.Range(0, count).Select(i => $"f{i}").ToArray());
        Assert.Equal(size, CanonicalLayout.Size(type));
        Assert.Equal(size, CanonicalLayout.Align(type));
    }

    [Theory]
    [InlineData(256, 1)]
    [InlineData(257, 2)]
    public void Enum_discriminant_grows_past_256_cases(int count, int size)
    {
        var type = new EnumType(System.Linq.Enumerable.Range(0, count).Select(i => $"e{i}").ToArray());
        Assert.Equal(size, CanonicalLayout.Size(type));
    }

    [Fact]
    public void Offsets_of_fields_and_payloads()
    {
        Assert.Equal([0, 8, 16], CanonicalLayout.FieldOffsets(WitValueType.Parse("(tuple u8 f64 u16)")));
        Assert.Equal(8, CanonicalLayout.PayloadOffset(WitValueType.Parse("(option u64)")));
        Assert.Equal(2, CanonicalLayout.PayloadOffset(WitValueType.Parse("(result u16 (error u8))")));
    }
}
