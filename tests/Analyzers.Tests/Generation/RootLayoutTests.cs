using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace WitTools.Analyzers.Tests.Generation;

/// <summary>Roots as MSBuild hands them over: directories with deps/, Windows paths, files listed in any order.</summary>
public class RootLayoutTests
{
    private const string Main = "package demo:app;\n\nworld app {\n  import demo:shapes/geometry;\n}\n";
    private const string Dep = "package demo:shapes;\n\ninterface geometry {\n  record size { w: u32, h: u32 }\n  area: func(s: size) -> u64;\n}\n";

    [Fact]
    public void Dependencies_in_deps_are_resolved_from_additional_files()
    {
        var harness = new GeneratorHarness(
            new WitFile("/proj/wit/deps/shapes/geometry.wit", Dep, "/proj/wit/"),
            new WitFile("/proj/wit/app.wit", Main, "/proj/wit/"));
        var (result, output) = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("Geometry", StringComparison.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Windows_paths_locate_errors_in_the_original_file()
    {
        var harness = new GeneratorHarness(
            new WitFile(@"C:\proj\wit\deps\shapes\geometry.wit", Dep.Replace("u64;", "u64"), @"C:\proj\wit"),
            new WitFile(@"C:\proj\wit\app.wit", Main, @"C:\proj\wit"));
        var (result, _) = harness.Run();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0001", d.Id);
        var span = d.Location.GetLineSpan();
        Assert.Equal(@"C:\proj\wit\deps\shapes\geometry.wit", span.Path);
        Assert.Equal(5, span.StartLinePosition.Line);
    }

    [Fact]
    public void Missing_dependency_is_reported_in_the_file_that_uses_it()
    {
        var (result, _) = new GeneratorHarness(new WitFile("/proj/wit/app.wit", Main, "/proj/wit")).Run();
        var d = Assert.Single(result.Diagnostics);
        Assert.StartsWith("WIT000", d.Id, StringComparison.Ordinal);
        Assert.Contains("demo:shapes", d.GetMessage());
        Assert.Equal("/proj/wit/app.wit", d.Location.GetLineSpan().Path);
    }
}
