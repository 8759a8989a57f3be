using System;
using System.Linq;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Symbols;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Symbols;

/// <summary>The symbol index the resolver records: definitions, references linked through `use` aliases,
/// includes and deps/, links into the model, and what survives errors.</summary>
public class SymbolIndexTests
{
    private const string Main =
        "/// Package docs.\n" +
        "package m:main@1.0.0;\n" +
        "\n" +
        "/// Shapes — with a non-ASCII doc.\n" +
        "@since(version = 1.0.0)\n" +
        "interface shapes {\n" +
        "  @since(version = 1.0.0)\n" +
        "  use m:dep/base@0.1.0.{id as base-id, color};\n" +
        "  /// A point.\n" +
        "  @since(version = 1.0.0)\n" +
        "  record point { x: base-id, y: u32 }\n" +
        "  @since(version = 1.0.0)\n" +
        "  variant shape { circle(point), none }\n" +
        "  @since(version = 1.0.0)\n" +
        "  enum kind { a, b }\n" +
        "  @since(version = 1.0.0)\n" +
        "  flags perm { r, w }\n" +
        "  @since(version = 1.0.0)\n" +
        "  resource canvas {\n" +
        "    constructor(size: u32);\n" +
        "    draw: func(s: shape) -> result<_, color>;\n" +
        "    open: static func() -> canvas;\n" +
        "  }\n" +
        "  @since(version = 1.0.0)\n" +
        "  @deprecated(version = 1.0.0)\n" +
        "  area: func(c: borrow<canvas>, p: point) -> f64;\n" +
        "}\n" +
        "\n" +
        "@since(version = 1.0.0)\n" +
        "world app {\n" +
        "  @since(version = 1.0.0)\n" +
        "  import shapes;\n" +
        "  @since(version = 1.0.0)\n" +
        "  import log: func(msg: string);\n" +
        "  @since(version = 1.0.0)\n" +
        "  export run: interface { go: func(); }\n" +
        "  @since(version = 1.0.0)\n" +
        "  include m:dep/base-world@0.1.0 with { greet as hello }\n" +
        "}\n";

    private const string Dep =
        "package m:dep@0.1.0;\n" +
        "interface base { type id = u64; enum color { red } }\n" +
        "world base-world { import greet: func(); }\n";

    private static LoadResult Load(bool symbols = true) =>
        WitLoader.Load("p", FeatureSet.None,
            new InMemoryWitFileSystem().AddFile("p/main.wit", Main).AddFile("p/deps/dep.wit", Dep),
            new WitLoadOptions { BuildSymbols = symbols });

    private static SourceFile File(LoadResult result, string path) => result.Sources.Files.Single(f => f.Path == path);

    /// <summary>The definition named at the first occurrence of <paramref name="text"/> after <paramref name="after"/>.</summary>
    private static WitSymbol Definition(LoadResult result, string text, string after = "", string path = "p/main.wit") =>
        result.Symbols!.SymbolAt(After(result, path, after, text)) ?? throw new Exception("no symbol at " + text);

    private static WitReference Reference(LoadResult result, string text, string after = "", string path = "p/main.wit") =>
        result.Symbols!.ReferenceAt(After(result, path, after, text)) ?? throw new Exception("no reference at " + text);

    private static int After(LoadResult result, string path, string after, string text)
    {
        var file = File(result, path);
        int from = after.Length == 0 ? 0 : file.Text.IndexOf(after, StringComparison.Ordinal) + after.Length;
        int index = file.Text.IndexOf(text, from, StringComparison.Ordinal);
        Assert.True(index >= 0, text);
        return file.OffsetOfCharIndex(index);
    }

    [Fact]
    public void Every_kind_of_definition_is_recorded_with_its_container()
    {
        var result = Load();
        Assert.True(result.Success, result.RenderDiagnostics());
        var index = result.Symbols!;
        string Describe(WitSymbol s) => $"{s.Kind} {s.Name} in {s.Container?.Name ?? "-"}";
        var main = index.SymbolsIn(File(result, "p/main.wit")).Select(Describe).ToArray();
        Assert.Equal(new[]
        {
            "Package m:main@1.0.0 in -",
            "Interface shapes in m:main@1.0.0",
            "Use base-id in shapes",
            "Use color in shapes",
            "Record point in shapes",
            "Field x in point",
            "Field y in point",
            "Variant shape in shapes",
            "VariantCase circle in shape",
            "VariantCase none in shape",
            "Enum kind in shapes",
            "EnumCase a in kind",
            "EnumCase b in kind",
            "Flags perm in shapes",
            "Flag r in perm",
            "Flag w in perm",
            "Resource canvas in shapes",
            "Constructor constructor in canvas",
            "Parameter size in constructor",
            "Method draw in canvas",
            "Parameter s in draw",
            "StaticFunction open in canvas",
            "Function area in shapes",
            "Parameter c in area",
            "Parameter p in area",
            "World app in m:main@1.0.0",
            "Import log in app",
            "Parameter msg in log",
            "Export run in app",
            "Function go in run",
            "IncludeAlias hello in app",
        }, main);
        Assert.Equal(new[] { "Package", "Interface", "TypeAlias", "Enum", "EnumCase", "World", "Import" },
            index.SymbolsIn(File(result, "p/deps/dep.wit")).Select(s => s.Kind.ToString()));
    }

    [Fact]
    public void Definitions_carry_spans_docs_stability_and_model_links()
    {
        var result = Load();
        var resolve = result.Resolve!;
        var point = Definition(result, "point", after: "record ");
        Assert.Equal(WitSymbolKind.Record, point.Kind);
        Assert.Equal("A point.", point.Docs);
        Assert.True(point.Stability.IsStable);
        Assert.Equal("point", File(result, "p/main.wit").GetText(point.NameSpan));
        Assert.StartsWith("@since(version = 1.0.0)\n  record point", File(result, "p/main.wit").GetText(point.Span));
        Assert.Equal("point", resolve.Types[point.TypeId!.Value].Name);
        Assert.Equal("m:main/shapes@1.0.0.point", point.QualifiedName);
        Assert.Same(point.Container!.Package, index(result).FindPackage(new PackageName("m", "main", SemVersion.Parse("1.0.0"))));

        var shapes = Definition(result, "shapes", after: "interface ");
        Assert.Equal("Shapes — with a non-ASCII doc.", shapes.Docs);
        Assert.Equal("shapes", resolve.Interfaces[shapes.InterfaceId!.Value].Name);
        Assert.Equal("m:main/shapes@1.0.0", shapes.QualifiedName);

        var draw = Definition(result, "draw");
        Assert.Equal("[method]canvas.draw", draw.Function!.Name);
        var area = Definition(result, "area");
        Assert.True(area.IsDeprecated);
        Assert.Equal("area", area.Function!.Name);
        Assert.Equal("app", resolve.Worlds[Definition(result, "app", after: "world ").WorldId!.Value].Name);
        Assert.Equal("log", Definition(result, "log").Function!.Name);
        Assert.NotNull(Definition(result, "run").InterfaceId);
        var package = Definition(result, "m:main");
        Assert.Equal("Package docs.", package.Docs);
        Assert.Equal(result.MainPackages[0], package.PackageId);

        static WitSymbolIndex index(LoadResult r) => r.Symbols!;
    }

    [Fact]
    public void References_link_local_names_and_names_in_deps_through_use_renames()
    {
        var result = Load();
        var point = Definition(result, "point", after: "record ");
        Assert.Same(point, Reference(result, "point", after: "circle(").Symbol);
        Assert.Same(point, Reference(result, "point", after: "p: ").Symbol);
        Assert.Equal(2, result.Symbols!.ReferencesTo(point).Count);

        // `x: base-id` names the `use … as` alias; its definition is `id` in the dependency.
        var baseId = Reference(result, "base-id", after: "x: ");
        Assert.Equal(WitSymbolKind.Use, baseId.Symbol!.Kind);
        var id = baseId.Definition!;
        Assert.Equal(WitSymbolKind.TypeAlias, id.Kind);
        Assert.Equal("p/deps/dep.wit", id.File!.Path);
        Assert.Same(id, Reference(result, "id as").Symbol);
        Assert.Contains(baseId.Symbol, result.Symbols.AliasesOf(id));

        // The path's package and interface.
        var package = Reference(result, "m:dep");
        Assert.Equal(WitReferenceKind.Package, package.Kind);
        Assert.Equal("m:dep@0.1.0", package.Symbol!.Name);
        var iface = Reference(result, "base@0.1.0");
        Assert.Equal(WitReferenceKind.Interface, iface.Kind);
        Assert.Same(id.Container, iface.Symbol);

        // `use ….{color}` without a rename: the token is both a reference and the alias's definition.
        var color = Reference(result, "color");
        Assert.Equal(WitReferenceKind.UsedName, color.Kind);
        Assert.Equal(WitSymbolKind.Enum, color.Symbol!.Kind);
        Assert.Same(color.Symbol, Definition(result, "color").AliasOf);
        Assert.Same(color.Symbol, Reference(result, "color", after: "result<_, ").Definition);
    }

    [Fact]
    public void World_items_and_includes_reference_their_targets()
    {
        var result = Load();
        var shapes = Definition(result, "shapes", after: "interface ");
        Assert.Same(shapes, Reference(result, "shapes", after: "import ").Symbol);

        var include = Reference(result, "base-world");
        Assert.Equal(WitReferenceKind.World, include.Kind);
        Assert.Equal(WitSymbolKind.World, include.Symbol!.Kind);
        Assert.Equal("p/deps/dep.wit", include.Symbol.File!.Path);

        var greet = Reference(result, "greet");
        Assert.Equal(WitReferenceKind.IncludedName, greet.Kind);
        Assert.Equal(WitSymbolKind.Import, greet.Symbol!.Kind);
        Assert.Equal("greet", greet.Symbol.Name);

        // `greet as hello`: `hello` is a name of the including world, an alias of the dependency's `greet`.
        var hello = Definition(result, "hello");
        Assert.Equal(WitSymbolKind.IncludeAlias, hello.Kind);
        Assert.Equal("app", hello.Container!.Name);
        Assert.Same(greet.Symbol, hello.AliasOf);
        Assert.Same(greet.Symbol, hello.Definition);
        Assert.Equal(new[] { hello }, result.Symbols!.AliasesOf(greet.Symbol));

        var canvas = Definition(result, "canvas", after: "resource ");
        Assert.Equal(new[] { "canvas", "canvas" },
            result.Symbols!.ReferencesTo(canvas).Select(r => File(result, "p/main.wit").GetText(r.Span)));
    }

    [Fact]
    public void Lookups_touch_both_ends_of_a_name_and_convert_to_editor_positions()
    {
        var result = Load();
        var file = File(result, "p/main.wit");
        int start = After(result, "p/main.wit", "record ", "point");
        var point = result.Symbols!.SymbolAt(start)!;
        Assert.Same(point, result.Symbols.SymbolAt(start + 5));
        Assert.Null(result.Symbols.SymbolAt(start + 6));
        Assert.Same(point, result.Symbols.SymbolOrReferenceTargetAt(After(result, "p/main.wit", "circle(", "point") + 2));

        // LSP positions are UTF-16: the em dash before is one unit (three bytes).
        var position = file.PositionOf(point.NameSpan.Start);
        Assert.Equal(10, position.Line);
        Assert.Equal(9, position.Character);
        Assert.Equal(point.NameSpan.Start, file.OffsetOf(position));
    }

    [Fact]
    public void Files_are_listed_with_their_syntax_trees()
    {
        var result = Load();
        Assert.Equal(new[] { "p/main.wit", "p/deps/dep.wit" }, result.Files.Select(f => f.Source.Path));
        Assert.Equal(new[] { false, true }, result.Files.Select(f => f.IsDependency));
        Assert.Empty(result.Files[0].SyntaxDiagnostics);
        Assert.Equal("shapes", ((InterfaceSyntax)result.Files[0].Syntax.Items[0]).Name.Name);
    }

    [Fact]
    public void Without_the_option_there_is_no_index_but_the_files_parse_on_demand()
    {
        var result = Load(symbols: false);
        Assert.Null(result.Symbols);
        Assert.Equal("app", ((WorldSyntax)result.Files[0].Syntax.Items[1]).Name.Name);
    }

    [Fact]
    public void After_errors_the_index_still_holds_everything_and_unresolved_names_have_no_target()
    {
        var result = WitLoader.LoadText("e.wit",
            "package a:b;\ninterface i {\n  record r { a: nope, b: u32 }\n  f: func(x: r);\n  g: func(y: u32 }\n}\n",
            FeatureSet.None, new WitLoadOptions { BuildSymbols = true });
        Assert.False(result.Success);
        var index = result.Symbols!;
        var nope = index.ReferenceAt(result.Sources.Files[0].Text.IndexOf("nope", StringComparison.Ordinal))!.Value;
        Assert.Null(nope.Symbol);
        var r = index.Symbols.Single(s => s.Name == "r");
        Assert.Single(index.ReferencesTo(r));
        Assert.Contains(index.Symbols, s => s.Name == "g" && s.Kind == WitSymbolKind.Function);
        Assert.Contains(index.Symbols, s => s.Name == "y" && s.Kind == WitSymbolKind.Parameter);
        Assert.NotEmpty(result.Files[0].SyntaxDiagnostics);
    }
}
