using System.Linq;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Tests.TestSupport;

namespace WitTools.WitParser.Tests.Parsing;

/// <summary>
/// An item starting with one clear misspelling of a keyword that can start an item there (`enm algorithm {`):
/// wit-parser's error at wit-parser's location, with help naming the keyword, and the item parsed as that keyword's,
/// so nothing that uses it fails too.
/// </summary>
public class MisspelledKeywordTests
{
    private static (string[] Errors, ParseResult Result) Parse(string text)
    {
        var result = ParseHelper.Parse(text);
        var errors = result.Diagnostics.Items.Select(d =>
        {
            var loc = result.Map.Locate(d.Span)!.Value;
            return $"{loc.Line}:{loc.Column} {d.Message}" + (d.Help == null ? "" : $" [{d.Help}]");
        }).ToArray();
        return (errors, result);
    }

    [Fact]
    public void A_misspelled_type_keyword_in_an_interface_is_one_error_and_the_type_is_parsed()
    {
        var (errors, result) = Parse("interface types {\n  enm algorithm { trial, rho }\n  f: func(a: algorithm);\n}\n");
        Assert.Equal(new[] { "2:7 expected ':', found an identifier [did you mean `enum algorithm`?]" }, errors);
        var iface = Assert.IsType<InterfaceSyntax>(Assert.Single(result.Tree.Items));
        var def = Assert.IsType<TypeDefSyntax>(iface.Items[0]);
        Assert.Equal("algorithm", def.Name.Name);
        Assert.Equal(2, Assert.IsType<EnumTypeSyntax>(def.Type).Cases.Count);
        Assert.IsType<NamedFuncSyntax>(iface.Items[1]);
    }

    [Fact]
    public void Misspelled_world_and_top_level_keywords_are_one_error_each()
    {
        var (errors, result) = Parse("interfce progress {\n  report: func();\n}\nwrld w {\n  imprt progress;\n  recrd r { x: u32 }\n}\n");
        Assert.Equal(new[]
        {
            "1:1 expected `world`, `interface` or `use`, found an identifier [did you mean `interface progress`?]",
            "4:1 expected `world`, `interface` or `use`, found an identifier [did you mean `world w`?]",
            "5:3 expected `import`, `export`, `include`, `use`, or type definition, found an identifier [did you mean `import progress`?]",
            "6:3 expected `import`, `export`, `include`, `use`, or type definition, found an identifier [did you mean `record r`?]",
        }, errors);
        Assert.IsType<InterfaceSyntax>(result.Tree.Items[0]);
        var world = Assert.IsType<WorldSyntax>(result.Tree.Items[1]);
        Assert.IsType<ImportSyntax>(world.Items[0]);
        Assert.IsType<TypeDefSyntax>(world.Items[1]);
    }

    [Fact]
    public void Only_a_keyword_that_starts_an_item_there_and_only_before_a_name_is_taken()
    {
        // `enm: func()` is a function named enm
        ParseHelper.ParseValid("interface i {\n  enm: func();\n}\n");
        // `import` starts no item of an interface: wit-parser's error alone
        var (errors, _) = Parse("interface i {\n  imprt x;\n  f: func();\n}\n");
        Assert.Equal(new[] { "2:9 expected ':', found an identifier" }, errors);
        // too far from any keyword
        (errors, _) = Parse("interface i {\n  rcd r { x: u32 }\n}\n");
        Assert.Equal(new[] { "2:7 expected ':', found an identifier" }, errors);
    }
}
