using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;

namespace WitTools.BindGen.Tests.Binding;

/// <summary><see cref="OptionValidation"/>: one validation of namespace, result mapping and string encoding.</summary>
public class OptionValidationTests
{
    private static readonly OptionNames Names = new("--namespace", "--result-mapping", "--string-encoding");

    private static OptionValidationResult Validate(string? ns = null, string? mapping = null, string? encoding = null) =>
        OptionValidation.Validate(new OptionTexts { RootNamespace = ns, ResultMapping = mapping, StringEncoding = encoding }, Names);

    [Fact]
    public void Blank_options_are_the_defaults()
    {
        var options = Validate(" ", "", null).Options!;
        Assert.Equal("Wit", options.RootNamespace);
        Assert.Equal(ResultMapping.Exceptions, options.ResultMapping);
        Assert.Equal(StringEncoding.Utf8, options.StringEncoding);
    }

    [Theory]
    [InlineData("exceptions", ResultMapping.Exceptions)]
    [InlineData("Exception", ResultMapping.Exceptions)]
    [InlineData(" RESULT ", ResultMapping.Result)]
    public void Result_mapping_spellings(string text, ResultMapping expected) => Assert.Equal(expected, Validate(mapping: text).Options!.ResultMapping);

    [Fact]
    public void Every_bad_option_is_reported_with_where_it_was_set()
    {
        var result = Validate("My.class", "maybe", "utf32");
        Assert.Null(result.Options);
        Assert.All(result.Diagnostics, d => Assert.Equal("WIT0102", d.Code));
        Assert.Equal(new[]
        {
            "`My.class` is not a valid C# namespace: `class` is a C# keyword (set by --namespace)",
            "unknown result mapping `maybe`; expected `exceptions` or `result` (set by --result-mapping)",
            "unknown string encoding `utf32`; expected `utf8`, `utf16`, `latin1+utf16` (also spelled `compact-utf16`) (set by --string-encoding)",
        }, result.Diagnostics.Select(d => d.Message));
    }

    /// <summary>A namespace is accepted exactly when the bindings' uses of it compile: <c>namespace N.Demo</c> and
    /// <c>global::N.Demo.T</c> (checked with Roslyn, so the rule cannot drift from the language).</summary>
    [Theory]
    [InlineData("MyApp", true)]
    [InlineData("My.App.V2", true)]
    [InlineData("_private", true)]
    [InlineData("Café.Ünïcode", true)]
    [InlineData("System", true)]
    [InlineData("class", false)]
    [InlineData("My.class", false)]
    [InlineData("My..App", false)]
    [InlineData(".App", false)]
    [InlineData("App.", false)]
    [InlineData("1App", false)]
    [InlineData("@class", false)]
    [InlineData("My-App", false)]
    [InlineData("My App", false)]
    [InlineData("global", false)]
    public void Namespaces_are_accepted_exactly_when_they_compile(string ns, bool valid)
    {
        Assert.Equal(valid, Validate(ns).Success);
        if (!valid && ns is "@class" or "global") return; // C# allows these in some positions; the bindings do not use them
        string code = $"namespace {ns}.Demo {{ public static class T {{ }} }}\nstatic class User {{ static System.Type X => typeof(global::{ns}.Demo.T); }}\n";
        var compilation = CSharpCompilation.Create("ns", new[] { CSharpSyntaxTree.ParseText(code) },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(valid == (errors.Count == 0), string.Join("\n", errors));
    }
}
