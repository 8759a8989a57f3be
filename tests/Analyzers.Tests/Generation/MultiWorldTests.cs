using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace WitTools.Analyzers.Tests.Generation;

/// <summary>Several worlds in one project: roots that share interfaces, in one namespace or in several, and
/// worlds that cannot coexist.</summary>
public class MultiWorldTests
{
    private const string Log = "package demo:shared;\n\ninterface log {\n  enum level { info, warn }\n  record entry { level: level, text: string }\n  write: func(e: entry) -> result<_, string>;\n}\n";
    private const string App = "package demo:app;\n\nworld app {\n  import demo:shared/log;\n  import started: func() -> option<u64>;\n}\n";
    private const string Tool = "package demo:tool;\n\nworld tool {\n  import demo:shared/log;\n  import args: func() -> list<string>;\n}\n";

    private static WitFile[] TwoRoots(string appNamespace, string toolNamespace) => new[]
    {
        new WitFile("/proj/app/deps/shared/log.wit", Log, "/proj/app", Namespace: appNamespace),
        new WitFile("/proj/app/app.wit", App, "/proj/app", Namespace: appNamespace),
        new WitFile("/proj/tool/deps/shared/log.wit", Log, "/proj/tool", Namespace: toolNamespace),
        new WitFile("/proj/tool/tool.wit", Tool, "/proj/tool", Namespace: toolNamespace),
    };

    [Fact]
    public void Two_roots_sharing_an_interface_in_one_namespace_define_it_once()
    {
        var (result, output) = new GeneratorHarness(TwoRoots("Demo", "Demo")).Run();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "Demo.Demo.App.AppWorld.cs", "Demo.Demo.Shared.Log.Imports.cs", "Demo.Demo.Shared.Log.cs", "Demo.Demo.Tool.ToolWorld.cs", "Demo.WitRuntime.cs" },
            result.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.NotNull(output.GetTypeByMetadataName("Demo.Demo.Shared.Log+Entry"));
    }

    [Fact]
    public void Two_roots_sharing_an_interface_in_two_namespaces_compile_together()
    {
        var (result, output) = new GeneratorHarness(TwoRoots("One", "Two")).Run();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.GeneratedSources.Count(s => s.HintName.EndsWith(".Demo.Shared.Log.cs", StringComparison.Ordinal)));
        Assert.Equal(2, result.GeneratedSources.Count(s => s.HintName.EndsWith(".WitRuntime.cs", StringComparison.Ordinal)));
        // a component exports cabi_realloc once
        Assert.Single(result.GeneratedSources, s => s.SourceText.ToString().Contains("EntryPoint = \"cabi_realloc\"", StringComparison.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Two_roots_exporting_one_interface_are_reported_at_the_second_world()
    {
        const string exporter = "package demo:{0};\n\nworld {0} {{\n  export demo:shared/log;\n}}\n";
        var files = new[]
        {
            new WitFile("/proj/app/deps/shared/log.wit", Log, "/proj/app"),
            new WitFile("/proj/app/app.wit", string.Format(exporter, "app"), "/proj/app"),
            new WitFile("/proj/tool/deps/shared/log.wit", Log, "/proj/tool", Namespace: "Other"),
            new WitFile("/proj/tool/tool.wit", string.Format(exporter, "tool"), "/proj/tool", Namespace: "Other"),
        };
        var (result, _) = new GeneratorHarness(files).Run();

        var d = Assert.Single(result.Diagnostics, d => d.Id == "WIT0103");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        // the first world stays, and its missing implementation is reported as usual (WIT0201)
        Assert.Single(result.Diagnostics, d => d.Id == "WIT0201");
        Assert.Equal("worlds `demo:app/app` and `demo:tool/tool` both export `demo:shared/log#write` (and 1 more); a component exports each name once: generate only one of the worlds that export it", d.GetMessage());
        var span = d.Location.GetLineSpan();
        Assert.Equal("/proj/tool/tool.wit", span.Path);
        Assert.Equal(2, span.StartLinePosition.Line);
        // the second world is left out, the first one's bindings are there
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.Demo.App.AppWorld.cs");
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("Other.", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_roots_with_different_options_in_one_namespace_are_reported()
    {
        var files = TwoRoots("Demo", "Demo").Select(f => f.Root == "/proj/tool" ? f with { ResultMapping = "result" } : f).ToArray();
        var (result, _) = new GeneratorHarness(files).Run();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0103", d.Id);
        Assert.Contains("generated into the namespace `Demo` with different options (result mapping `exceptions` and result mapping `result`)", d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("/proj/tool/tool.wit", d.Location.GetLineSpan().Path);
    }

    /// <summary>The string encoding changes the text of shared bindings, so worlds in one namespace must agree on it too.</summary>
    [Fact]
    public void Two_roots_with_different_string_encodings_in_one_namespace_are_reported()
    {
        var files = TwoRoots("Demo", "Demo").Select(f => f.Root == "/proj/tool" ? f with { StringEncoding = "utf16" } : f).ToArray();
        var (result, _) = new GeneratorHarness(files).Run();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0103", d.Id);
        Assert.Contains("with different options (result mapping `exceptions` and result mapping `exceptions`, string encoding `utf16`)", d.GetMessage(), StringComparison.Ordinal);
    }
}
