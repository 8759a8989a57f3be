using System.Linq;
using Microsoft.CodeAnalysis;

namespace WitTools.Analyzers.Tests.Generation;

/// <summary>
/// A mistake in a .wit file is the build's one error (issue 11 item 4): the bindings of what still resolves are
/// generated anyway, so the user's C# does not turn into a wall of CS0246/CS0234 errors about types that vanished; a
/// misspelled name or item keyword with one clear candidate is bound as that candidate, so nothing vanishes.
/// </summary>
public sealed class RecoveryTests
{
    private const string Root = "/proj/wit";
    private const string Path = "/proj/wit/calc.wit";

    private const string Valid = """
        package demo:calc;

        interface math {
          record point { x: s32, y: s32 }
          add: func(a: point, b: point) -> point;
          scale: func(p: point, by: s32) -> point;
        }

        world calculator {
          import math;
          export run: func() -> s32;
        }
        """;

    private const string User = """
        namespace Demo.Demo.Calc
        {
            public static partial class CalculatorWorld
            {
                private static partial IExports CreateExports() => new App();
            }

            internal sealed class App : CalculatorWorld.IExports
            {
                public int Run() => Math.Add(new Math.Point(1, 2), new Math.Point(3, 4)).X;
            }
        }
        """;

    private static (System.Collections.Immutable.ImmutableArray<Diagnostic> Generator, Diagnostic[] Compiler) Build(string wit, string user = User)
    {
        var harness = new GeneratorHarness(new WitFile(Path, wit, Root)).AddCSharp("App.cs", user);
        var (result, output) = harness.Run();
        Assert.Null(result.Exception);
        return (result.Diagnostics, output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray());
    }

    [Fact]
    public void The_valid_wit_builds()
    {
        var (generator, compiler) = Build(Valid);
        Assert.Empty(generator);
        Assert.Empty(compiler);
    }

    [Fact]
    public void A_syntax_error_repaired_by_the_parser_is_the_only_error()
    {
        // `list<s32;` (as issue 11 saw it: `expected '>', found ';'`): the parser assumes the `>`
        var (generator, compiler) = Build(Valid.Replace("export run: func() -> s32;", "export run: func() -> list<s32;"),
            User.Replace("public int Run() =>", "public int[] Run() => new[] {").Replace(".X;", ".X };"));
        Assert.Equal(new[] { "WIT0001: expected '>', found ';'" }, generator.Select(d => d.Id + ": " + d.GetMessage()));
        Assert.Empty(compiler);
    }

    [Theory]
    // a type in a function, a type in a record, an interface in an import, a world-level type keyword
    [InlineData("scale: func(p: point,", "scale: func(p: pointt,", "WIT0002: name `pointt` does not exist; did you mean `point`?")]
    [InlineData("record point { x: s32, y: s32 }", "record point { x: s32, y: s32 }\n  record line { a: pointe, b: point }",
        "WIT0002: type `pointe` does not exist; did you mean `point`?")]
    [InlineData("import math;", "import maths;", "WIT0002: interface or world `maths` does not exist; did you mean `math`?")]
    [InlineData("record point {", "recrd point {", "WIT0001: expected ':', found an identifier; did you mean `record point`?")]
    public void A_misspelled_name_with_one_clear_candidate_is_the_only_error(string valid, string misspelled, string error)
    {
        // the failed load binds the name meant in its place: the bindings keep their shape and the C# compiles
        var (generator, compiler) = Build(Valid.Replace(valid, misspelled));
        Assert.Equal(new[] { error }, generator.Select(d => d.Id + ": " + d.GetMessage()));
        Assert.Empty(compiler);
    }

    [Fact]
    public void A_name_that_does_not_resolve_leaves_out_only_what_uses_it()
    {
        // `scale` now takes an unknown type (no name near it): it is left out; `add`, `point` and the export are still generated
        var (generator, compiler) = Build(Valid.Replace("scale: func(p: point,", "scale: func(p: unknown-thing,"));
        var error = Assert.Single(generator);
        Assert.Equal("WIT0002", error.Id);
        Assert.Equal("name `unknown-thing` does not exist", error.GetMessage());
        Assert.Empty(compiler);

        // the user's code calling what was left out gets the one C# error that says so
        var (_, calling) = Build(Valid.Replace("scale: func(p: point,", "scale: func(p: unknown-thing,"),
            User.Replace("public int Run() => Math.Add(new Math.Point(1, 2), new Math.Point(3, 4)).X;", "public int Run() => Math.Scale(new Math.Point(1, 2), 3).X;"));
        Assert.Equal(new[] { "CS0117" }, calling.Select(d => d.Id));
    }
}
