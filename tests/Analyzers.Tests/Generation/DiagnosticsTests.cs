using System.Linq;
using Microsoft.CodeAnalysis;

namespace WitTools.Analyzers.Tests.Generation;

/// <summary>WIT problems become Roslyn diagnostics located in the .wit file.</summary>
public class DiagnosticsTests
{
    private static Diagnostic Single(params WitFile[] files)
    {
        var (result, _) = new GeneratorHarness(files).Run();
        Assert.Null(result.Exception);
        return Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Deprecated_item_used_by_the_world_is_a_warning_at_its_declaration_and_bindings_are_still_generated()
    {
        const string text = "package demo:old@2.0.0;\n\n@since(version = 1.0.0)\ninterface api {\n  @since(version = 1.0.0)\n  @deprecated(version = 2.0.0)\n  legacy: func();\n}\n\nworld app {\n  import api;\n}\n";
        var (result, _) = new GeneratorHarness(new WitFile("/proj/wit/old.wit", text, "/proj/wit")).Run();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0005", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("/proj/wit/old.wit(7,3): warning WIT0005: function `demo:old/api@2.0.0#legacy` is deprecated since version 2.0.0; the bindings still include it", d.ToString());
        Assert.NotEmpty(result.GeneratedSources);
    }

    [Fact]
    public void Syntax_error_is_located_at_its_line_and_column()
    {
        const string text = "package demo:bad;\n\ninterface i {\n  f: func(a: s32 -> s32;\n}\n";
        var d = Single(new WitFile("/proj/wit/bad.wit", text, "/proj/wit"));

        Assert.Equal("WIT0001", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        var span = d.Location.GetLineSpan();
        Assert.Equal("/proj/wit/bad.wit", span.Path);
        // `->` where `,` or `)` is expected: line 4, column 18 (1-based).
        Assert.Equal(3, span.StartLinePosition.Line);
        Assert.Equal(17, span.StartLinePosition.Character);
        Assert.Equal(text.IndexOf("->", System.StringComparison.Ordinal), d.Location.SourceSpan.Start);
        Assert.Equal("/proj/wit/bad.wit(4,18): error WIT0001: expected ')', found `->`", d.ToString());
    }

    [Fact]
    public void Columns_count_utf16_code_units()
    {
        // The emoji is 2 UTF-16 units (4 UTF-8 bytes); Roslyn columns are UTF-16.
        const string text = "package demo:bad;\n\ninterface i {\n  /* \U0001F600 */ type = u32;\n}\n";
        var d = Single(new WitFile("/proj/wit/bad.wit", text, "/proj/wit"));

        Assert.Equal("WIT0001", d.Id);
        var span = d.Location.GetLineSpan();
        int lineStart = text.IndexOf("  /*", System.StringComparison.Ordinal);
        int errorAt = text.IndexOf(" = u32", System.StringComparison.Ordinal) + 1;
        Assert.Equal(3, span.StartLinePosition.Line);
        Assert.Equal(errorAt - lineStart, span.StartLinePosition.Character);
        Assert.Equal(errorAt, d.Location.SourceSpan.Start);
    }

    [Fact]
    public void Error_in_a_second_file_of_the_root_points_at_that_file()
    {
        var good = new WitFile("/proj/wit/a.wit", "package demo:two;\n\ninterface a { f: func(); }\n", "/proj/wit");
        var bad = new WitFile("/proj/wit/b.wit", "interface b {\n  g: func() -> nosuch;\n}\n", "/proj/wit");
        var d = Single(good, bad);

        Assert.Equal("WIT0002", d.Id);
        var span = d.Location.GetLineSpan();
        Assert.Equal("/proj/wit/b.wit", span.Path);
        Assert.Equal(1, span.StartLinePosition.Line);
        Assert.Equal(15, span.StartLinePosition.Character);
        Assert.Contains("nosuch", d.GetMessage());
    }

    [Fact]
    public void Unknown_world_lists_the_available_worlds()
    {
        var d = Single(new WitFile(TestWit.GreeterPath, TestWit.Greeter, TestWit.GreeterRoot, World: "nope"));

        Assert.Equal("WIT0100", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("world `nope` not found in package `demo:greeter`; available worlds: demo:greeter/greeter, demo:greeter/quiet", d.GetMessage());
        // no span of its own: shown at the first world of the root, where the available worlds are declared
        Assert.Equal(TestWit.GreeterPath, d.Location.GetLineSpan().Path);
        Assert.Equal(TestWit.Greeter.Split('\n').ToList().FindIndex(l => l.StartsWith("world greeter", System.StringComparison.Ordinal)), d.Location.GetLineSpan().StartLinePosition.Line);
    }

    /// <summary>Bug (issue 8): the CLI's `generate` bound 0.1.0 when asked for 9.9.9. The generator and every CLI verb
    /// share WorldSelection, so a version the WIT does not have is WIT0100 here too.</summary>
    [Fact]
    public void A_world_at_a_version_the_wit_does_not_have_is_an_error()
    {
        var d = Single(new WitFile(TestWit.CalcPath, TestWit.Calc, TestWit.CalcRoot, World: "demo:calc/calculator@9.9.9"));
        Assert.Equal("WIT0100", d.Id);
        Assert.Equal("world `demo:calc/calculator@9.9.9` not found: the WIT has version 0.1.0 of `demo:calc`, not 9.9.9; available worlds: demo:calc/calculator@0.1.0", d.GetMessage());

        var (ok, _) = new GeneratorHarness(new WitFile(TestWit.CalcPath, TestWit.Calc, TestWit.CalcRoot, World: "demo:calc/calculator@0.1.0")).Run();
        Assert.Empty(ok.Diagnostics);
        Assert.NotEmpty(ok.GeneratedSources);
    }

    /// <summary>Bug (issue 8): the CLI accepted `--namespace class`; the generator and the CLI share OptionValidation.</summary>
    [Theory]
    [InlineData("class")]
    [InlineData("My.App.")]
    [InlineData("global")]
    public void A_namespace_the_bindings_cannot_use_is_an_error_and_nothing_is_generated(string ns)
    {
        var (result, _) = new GeneratorHarness(new WitFile(TestWit.CalcPath, TestWit.Calc, TestWit.CalcRoot, Namespace: ns)).Run();
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0102", d.Id);
        Assert.StartsWith($"`{ns}` is not a valid C# namespace: ", d.GetMessage());
        Assert.EndsWith("(set by the Namespace metadata of the <Wit> item, or the WitNamespace or RootNamespace property)", d.GetMessage());
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Several_worlds_without_a_choice_is_an_error_listing_them()
    {
        var d = Single(new WitFile(TestWit.GreeterPath, TestWit.Greeter, TestWit.GreeterRoot));
        Assert.Equal("WIT0100", d.Id);
        Assert.Contains("several worlds", d.GetMessage());
        Assert.Contains("demo:greeter/greeter, demo:greeter/quiet", d.GetMessage());
    }

    [Fact]
    public void Qualified_world_names_select_a_world()
    {
        var (result, _) = new GeneratorHarness(new WitFile(TestWit.GreeterPath, TestWit.Greeter, TestWit.GreeterRoot, World: "demo:greeter/quiet")).Run();
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.Demo.Greeter.QuietWorld.cs");
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == "Demo.Demo.Greeter.GreeterWorld.cs");
    }

    [Fact]
    public void Unsupported_constructs_are_reported_at_their_location()
    {
        // two stream payload types the ABI lays out differently, one C# type (byte[]): the bindings cannot tell them apart
        const string text = "package demo:later;\n\nworld w {\n  import a: func() -> stream<list<u8>>;\n  import b: func() -> stream<list<u8, 4>>;\n}\n";
        var (result, _) = new GeneratorHarness(new WitFile("/proj/wit/later.wit", text, "/proj/wit")).Run();
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0101", d.Id);
        Assert.Contains("the same C# type", d.GetMessage());
        Assert.Equal("/proj/wit/later.wit", d.Location.GetLineSpan().Path);
        Assert.Equal(4, d.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(result.GeneratedSources);
    }

    [Theory]
    [InlineData("ResultMapping", "maybe", "unknown result mapping `maybe`")]
    [InlineData("StringEncoding", "latin1", "unknown string encoding `latin1`; expected `utf8`, `utf16`, `latin1+utf16` (also spelled `compact-utf16`)")]
    [InlineData("StringEncoding", "utf32", "unknown string encoding `utf32`")]
    [InlineData("Namespace", "My.class", "not a valid C# namespace")]
    public void Invalid_options_are_reported(string option, string value, string expected)
    {
        var file = new WitFile(TestWit.CounterPath, TestWit.Counter, TestWit.CounterPath);
        file = option switch
        {
            "ResultMapping" => file with { ResultMapping = value },
            "StringEncoding" => file with { StringEncoding = value },
            _ => file with { Namespace = value },
        };
        var d = Single(file);
        Assert.Equal("WIT0102", d.Id);
        Assert.Contains(expected, d.GetMessage());
    }

    /// <summary>The spellings of the canonical ABI and of wit-component (<c>compact-utf16</c>), any case, pick the
    /// matching runtime helpers; no diagnostics.</summary>
    [Theory]
    [InlineData("utf8", "LowerString(")]
    [InlineData("UTF-8", "LowerString(")]
    [InlineData("utf16", "LowerStringUtf16(")]
    [InlineData("UTF-16", "LowerStringUtf16(")]
    [InlineData("latin1+utf16", "LowerStringLatin1Utf16(")]
    [InlineData("compact-utf16", "LowerStringLatin1Utf16(")]
    public void Every_string_encoding_spelling_is_accepted(string value, string helper)
    {
        const string text = "package demo:enc;\n\nworld w {\n  import echo: func(msg: string) -> string;\n}\n";
        var (result, _) = new GeneratorHarness(new WitFile("/proj/wit/enc.wit", text, "/proj/wit", StringEncoding: value)).Run();
        Assert.Empty(result.Diagnostics);
        string all = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("WitMemory." + helper, all);
        Assert.Contains("WitMemory.LiftString" + helper.Substring("LowerString".Length), all);
        // the runtime (rebuilt from the features the bindings recorded) defines the helpers they call
        Assert.Contains("public static int " + helper, all);
    }

    [Fact]
    public void Deprecation_warnings_and_unstable_features_follow_the_features_option()
    {
        const string text = "package demo:gated;\n\nworld w {\n  @unstable(feature = shiny)\n  import shiny: func();\n  import plain: func();\n}\n";
        var off = new GeneratorHarness(new WitFile("/proj/wit/g.wit", text, "/proj/wit")).Run().Result;
        var on = new GeneratorHarness(new WitFile("/proj/wit/g.wit", text, "/proj/wit", Features: "shiny")).Run().Result;
        Assert.Empty(off.Diagnostics);
        Assert.Empty(on.Diagnostics);
        static string All(GeneratorRunResult r) => string.Concat(r.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.DoesNotContain("Shiny", All(off));
        Assert.Contains("Shiny", All(on));
    }
}
