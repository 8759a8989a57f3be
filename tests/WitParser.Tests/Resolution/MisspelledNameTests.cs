using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.WitParser.Tests.Resolution;

/// <summary>
/// A name that does not resolve but has one clear nearest name of the same kind in scope: the error (wit-parser's
/// message and location) gets the help "did you mean `…`?", and the failed load's Resolve binds the reference to
/// that name (<see cref="LoadResult.StandIns"/>), so what uses it keeps the shape meant. Without a clear candidate,
/// nothing is suggested and the name stays an error type.
/// </summary>
public class MisspelledNameTests
{
    private static LoadResult Load(string text) => WitLoader.LoadText("m.wit", text, FeatureSet.None);

    /// <summary>`line:col message [help]` of every error.</summary>
    private static string[] Errors(LoadResult result) =>
        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d =>
        {
            var loc = result.Sources.Locate(d.Span)!.Value;
            return $"{loc.Line}:{loc.Column} {d.Message}" + (d.Help == null ? "" : $" [{d.Help}]");
        }).ToArray();

    private static string[] StandIns(LoadResult result) =>
        result.StandIns.Select(s => $"{s.Kind} {s.Written} -> {s.UsedInstead}").ToArray();

    private static Interface Interface(LoadResult result, string name) =>
        result.Resolve!.Interfaces.Items.Single(i => i.Name == name);

    private static TypeDef Type(LoadResult result, WitType type) => result.Resolve!.Types[type.Id];

    private static WitType Dealias(LoadResult result, WitType type)
    {
        while (type.IsId && Type(result, type).Kind is AliasKind alias) type = alias.Target;
        return type;
    }

    [Fact]
    public void A_misspelled_type_in_a_definition_suggests_and_stands_in_for_a_type_defined_after_it()
    {
        var result = Load("""
            package a:b;
            interface types {
              record factorization { factors: list<prime-powr> }
              record prime-power { prime: u64, exponent: u32 }
            }
            """);
        Assert.Equal(new[] { "3:40 type `prime-powr` does not exist [did you mean `prime-power`?]" }, Errors(result));
        Assert.Equal(new[] { "type prime-powr -> prime-power" }, StandIns(result));
        // ordered after the type that stands in (no cycle, no second error), and bound to it
        var types = Interface(result, "types");
        var record = (RecordKind)result.Resolve!.Types[types.Types["factorization"]].Kind;
        var list = (ListKind)Type(result, record.Fields[0].Type).Kind;
        Assert.Equal(types.Types["prime-power"], list.Element.Id);
    }

    [Fact]
    public void A_misspelled_type_in_a_function_stands_in()
    {
        var result = Load("""
            package a:b;
            interface i {
              record point { x: s32 }
              f: func(p: pointt) -> point;
            }
            """);
        Assert.Equal(new[] { "4:14 name `pointt` does not exist [did you mean `point`?]" }, Errors(result));
        var f = Interface(result, "i").Functions["f"];
        Assert.Equal(Interface(result, "i").Types["point"], f.Params[0].Type.Id);
    }

    [Fact]
    public void The_rendered_error_keeps_wit_parsers_first_line_and_location_and_ends_with_the_help()
    {
        var result = Load("package a:b;\ninterface i {\n  record point { x: s32 }\n  f: func(p: pointt);\n}\n");
        var lines = result.RenderDiagnostics().Split('\n');
        Assert.Equal("name `pointt` does not exist", lines[0]);
        Assert.Equal("     --> m.wit:4:14", lines[1]);
        Assert.Equal("help: did you mean `point`?", lines[^1]);
        Assert.Equal("name `pointt` does not exist; did you mean `point`?", result.Diagnostics[0].MessageWithHelp);
    }

    [Fact]
    public void A_misspelled_used_name_defines_both_the_name_written_and_the_name_meant()
    {
        // the `use` is misspelled: the rest of the interface uses the name meant
        var result = Load("""
            package a:b;
            interface types { record factorization { n: u64 } }
            interface service {
              use types.{factorizaton};
              f: func() -> factorization;
              g: func() -> factorizaton;
            }
            """);
        Assert.Equal(new[] { "4:14 name `factorizaton` does not exist [did you mean `factorization`?]" }, Errors(result));
        var types = Interface(result, "types");
        var service = Interface(result, "service");
        foreach (var function in new[] { "f", "g" })
        {
            var alias = (AliasKind)Type(result, service.Functions[function].Result!.Value).Kind;
            Assert.Equal(types.Types["factorization"], alias.Target.Id);
        }

        // the definition is misspelled: the `use` and the rest keep the name written
        var other = Load("""
            package a:b;
            interface types { record factorizaton { n: u64 } }
            interface service {
              use types.{factorization};
              f: func() -> factorization;
            }
            """);
        Assert.Equal(new[] { "4:14 name `factorization` does not exist [did you mean `factorizaton`?]" }, Errors(other));
    }

    [Fact]
    public void A_misspelled_interface_in_an_export_import_or_use_stands_in_for_the_interface()
    {
        var result = Load("""
            package a:b;
            interface types { type t = u32; }
            interface factorize { use typs.{t}; f: func() -> t; }
            interface progress { report: func(); }
            world w {
              import progres;
              export factorise;
            }
            """);
        Assert.Equal(new[]
        {
            "3:27 interface or world `typs` does not exist [did you mean `types`?]",
            "6:10 interface or world `progres` does not exist [did you mean `progress`?]",
            "7:10 interface or world `factorise` does not exist [did you mean `factorize`?]",
        }, Errors(result));
        Assert.Equal(new[] { "interface typs -> types", "interface progres -> progress", "interface factorise -> factorize" }, StandIns(result));
        var world = result.Resolve!.Worlds.Items.Single(w => w.Name == "w");
        // `types` is imported too, as `factorize` uses it
        Assert.Equal(new[] { "progress", "types" }, world.Imports.Values.OfType<InterfaceWorldItem>().Select(i => result.Resolve.Interfaces[i.Id].Name));
        Assert.Equal(new[] { "factorize" }, world.Exports.Values.OfType<InterfaceWorldItem>().Select(i => result.Resolve.Interfaces[i.Id].Name));
        Assert.Equal(WitType.U32, Dealias(result, Interface(result, "factorize").Functions["f"].Result!.Value));
    }

    [Fact]
    public void A_misspelled_world_in_an_include_stands_in_for_a_world_and_never_for_an_interface()
    {
        var result = Load("""
            package a:b;
            interface basis { f: func(); }
            world basic { import basis; }
            world w { include basc; }
            world v { include basiz; }
            """);
        Assert.Equal(new[]
        {
            "4:19 interface or world `basc` does not exist [did you mean `basic`?]",
            // `basis` is as near, but an interface: only worlds are candidates for an include
            "5:19 interface or world `basiz` does not exist [did you mean `basic`?]",
        }, Errors(result));
        var w = result.Resolve!.Worlds.Items.Single(x => x.Name == "w");
        Assert.Single(w.Imports);
    }

    [Fact]
    public void Nothing_is_suggested_or_bound_for_an_ambiguous_or_distant_name()
    {
        var result = Load("""
            package a:b;
            interface i {
              type cat = u8;
              type bat = u8;
              f: func(a: hat, b: something-else);
            }
            """);
        Assert.Equal(new[]
        {
            "5:14 name `hat` does not exist",
            "5:22 name `something-else` does not exist",
        }, Errors(result));
        Assert.Empty(result.StandIns);
        var f = Interface(result, "i").Functions["f"];
        Assert.All(f.Params, p => Assert.IsType<UnknownKind>(Type(result, p.Type).Kind));
    }

    [Fact]
    public void A_successful_load_has_no_stand_in()
    {
        var result = Load("package a:b;\ninterface i { type point = u32; f: func(p: point); }\n");
        Assert.True(result.Success);
        Assert.Empty(result.StandIns);
        Assert.All(result.Diagnostics, d => Assert.Null(d.Help));
    }

    [Fact]
    public void A_misspelled_name_in_a_dependency_stands_in_for_the_dependencys_item()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/deps/io/streams.wit", "package wasi:io;\ninterface streams { resource input-stream; resource output-stream; }\ninterface error { resource error; }\n")
            .AddFile("p/app.wit", """
                package demo:app;
                interface a {
                  use wasi:io/streams.{input-streem};
                  f: func(s: borrow<input-streem>);
                }
                world w { import wasi:io/eror; export a; }
                """);
        var result = WitLoader.Load("p", FeatureSet.None, fs);
        Assert.Equal(new[] { "interface eror -> error", "type input-streem -> input-stream" }, StandIns(result).OrderBy(s => s));
        Assert.Contains(result.Diagnostics, d => d.Message == "interface 'eror' not found in package 'wasi:io'" && d.Help == "did you mean `error`?");
        Assert.Contains(result.Diagnostics, d => d.Message == "type `input-streem` not defined in interface" && d.Help == "did you mean `input-stream`?");
        Assert.Equal(2, result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error));
    }
}
