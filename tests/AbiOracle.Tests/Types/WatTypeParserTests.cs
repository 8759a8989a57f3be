using System;
using System.Linq;
using WitTools.AbiOracle.Types;

namespace WitTools.AbiOracle.Tests.Types;

public class WatTypeParserTests
{
    [Theory]
    [InlineData("bool")]
    [InlineData("u64")]
    [InlineData("string")]
    [InlineData("(list (list char))")]
    [InlineData("(option (tuple u8 s16 f64))")]
    [InlineData("(result)")]
    [InlineData("(result u32)")]
    [InlineData("(result (error string))")]
    [InlineData("(result (list u8) (error (option u8)))")]
    [InlineData("(record (field \"a\" u32) (field \"b-c\" (option string)))")]
    [InlineData("(variant (case \"none\") (case \"some\" (record (field \"x\" f32))))")]
    [InlineData("(enum \"red\" \"green\")")]
    [InlineData("(flags \"read\" \"write\" \"exec\")")]
    public void Printing_a_parsed_type_gives_the_same_text(string text)
    {
        Assert.Equal(text, WitValueType.Parse(text).ToString());
    }

    [Fact]
    public void Whitespace_comments_and_aliases_are_accepted()
    {
        var type = WitValueType.Parse("  (list ;; elements\n  float32 ) ");
        Assert.Equal("(list f32)", type.ToString());
    }

    [Fact]
    public void Parsing_builds_the_model()
    {
        var type = Assert.IsType<RecordType>(WitValueType.Parse("(record (field \"a\" u8) (field \"b\" (result (error u16))))"));
        Assert.Equal(["a", "b"], type.Fields.Select(f => f.Name));
        Assert.Same(WitValueType.U8, type.Fields[0].Type);
        var result = Assert.IsType<ResultType>(type.Fields[1].Type);
        Assert.Null(result.Ok);
        Assert.Same(WitValueType.U16, result.Err);
        Assert.True(type.IsNominal);
        Assert.False(result.IsNominal);
    }

    [Theory]
    [InlineData("", "expected a type at offset 0")]
    [InlineData("u128", "unsupported type `u128` at offset 4")]
    [InlineData("(own $r)", "unsupported type `(own` at offset 4")]
    [InlineData("(list u8", "expected `)` at offset 8")]
    [InlineData("u8 u8", "unexpected text after the type at offset 3")]
    [InlineData("(record (field a u8))", "expected a quoted name at offset 15")]
    [InlineData("(flags)", "flags need 1 to 32 names (Parameter 'names')")]
    public void Bad_text_is_a_format_error(string text, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => WitValueType.Parse(text));
        Assert.True(error is FormatException or ArgumentException);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Deep_nesting_is_rejected_without_overflowing_the_stack()
    {
        var text = string.Concat(Enumerable.Repeat("(list ", 100_000)) + "u8" + new string(')', 100_000);
        var error = Assert.Throws<FormatException>(() => WitValueType.Parse(text));
        Assert.StartsWith("type nesting too deep", error.Message);
    }
}
