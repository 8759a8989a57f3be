using System.Linq;
using Microsoft.CodeAnalysis;

namespace WitTools.Analyzers.Tests.Generation;

/// <summary>The <c>Bindings</c> metadata of a &lt;Wit&gt; item (docs/host-bindings.md): <c>host</c> generates host
/// bindings (the project runs components), <c>guest</c> or nothing the guest bindings, anything else is an error.</summary>
public class HostBindingsMetadataTests
{
    [Fact]
    public void Host_generates_the_entry_point_and_clients_that_compile_clean()
    {
        var greeter = new WitFile(TestWit.GreeterPath, TestWit.Greeter, TestWit.GreeterRoot, World: "greeter", Bindings: "host");
        var (result, output) = new GeneratorHarness(greeter).Run();

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.Demo.Greeter.GreeterHost.cs");
        Assert.Contains("static GreeterHost Instantiate(", result.GeneratedSources.Single(s => s.HintName == "Demo.Demo.Greeter.GreeterHost.cs").SourceText.ToString());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Guest_is_the_default_and_has_no_host_entry_point()
    {
        var explicitGuest = new WitFile(TestWit.GreeterPath, TestWit.Greeter, TestWit.GreeterRoot, World: "greeter", Bindings: "Guest");
        var (result, _) = new GeneratorHarness(explicitGuest).Run();
        var (byDefault, _) = new GeneratorHarness(explicitGuest with { Bindings = "" }).Run();

        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.EndsWith("Host.cs"));
        Assert.Equal(result.GeneratedSources.Select(s => s.HintName), byDefault.GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void An_unknown_value_is_an_error_naming_the_metadata_and_its_values()
    {
        var (result, _) = new GeneratorHarness(new WitFile(TestWit.GreeterPath, TestWit.Greeter, TestWit.GreeterRoot, World: "greeter", Bindings: "hots")).Run();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("WIT0102", d.Id);
        Assert.Contains("the Bindings metadata of the <Wit> item is `hots`; expected `guest`", d.GetMessage());
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void A_kind_the_host_cannot_carry_is_an_error_at_the_wit_naming_type_and_reason()
    {
        const string text = "package demo:flow;\n\ninterface api {\n  read: func() -> stream<u8>;\n}\n\nworld app {\n  export api;\n}\n";
        var (result, _) = new GeneratorHarness(new WitFile("/proj/wit/flow.wit", text, "/proj/wit", Bindings: "host")).Run();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        var span = d.Location.GetLineSpan();
        Assert.Equal("/proj/wit/flow.wit", span.Path);
        Assert.Equal(3, span.StartLinePosition.Line);
        Assert.Contains("stream<u8>", d.GetMessage());
        Assert.Contains("not yet implemented", d.GetMessage());
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.EndsWith("Host.cs"));
    }
}
