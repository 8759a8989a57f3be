using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.WitParser.Tests;

/// <summary>
/// Every "did you mean" help comes with its fix as data (<see cref="WitDiagnostic.Suggestion"/>): the text meant and
/// the span of exactly the misspelled token, so an editor can replace that span and nothing else. Covers each place
/// that suggests: a misspelled item keyword (parser), a type, a used name, an interface or world (resolver), and an
/// interface, world or type of a dependency.
/// </summary>
public class SuggestionSpanTests
{
    /// <summary>"written -> replacement" for every diagnostic with help; fails if one has help but no suggestion.</summary>
    private static string[] Fixes(LoadResult result) =>
        result.Diagnostics.Where(d => d.Help != null).Select(d =>
        {
            Assert.NotNull(d.Suggestion);
            var file = result.Sources.FileAt(d.Suggestion!.Span.Start)!;
            Assert.StartsWith("did you mean `" + d.Suggestion.Replacement.TrimStart('%'), d.Help);
            return file.GetText(d.Suggestion.Span) + " -> " + d.Suggestion.Replacement;
        }).OrderBy(s => s, System.StringComparer.Ordinal).ToArray();

    [Fact]
    public void Names_misspelled_in_one_package_are_replaced_token_for_token()
    {
        var result = WitLoader.LoadText("m.wit", """
            package a:b;
            interface types {
              record factorization { factors: list<prime-powr> }
              record prime-power { prime: u64, exponent: u32 }
              record point { x: s32 }
              f: func(p: pointt) -> %pointx;
              type %enum = u8;
              g: func(e: enmu);
            }
            interface factorize { use typs.{factorizaton}; }
            interface progress { report: func(); }
            world basic { import progress; }
            world w {
              import progres;
              export factorise;
              include basc;
            }
            """, FeatureSet.None);
        Assert.Equal(new[]
        {
            "%pointx -> point",
            "basc -> basic",
            "enmu -> %enum",
            "factorise -> factorize",
            "factorizaton -> factorization",
            "pointt -> point",
            "prime-powr -> prime-power",
            "progres -> progress",
            "typs -> types",
        }, Fixes(result));
    }

    [Fact]
    public void Misspelled_item_keywords_are_replaced_by_the_keyword_alone()
    {
        var result = WitLoader.LoadText("m.wit", """
            package a:b;
            interfce progress {
              enm algorithm { trial, rho }
              report: func(a: algorithm);
            }
            wrld w {
              imprt progress;
              recrd r { x: u32 }
            }
            """, FeatureSet.None);
        Assert.Equal(new[] { "enm -> enum", "imprt -> import", "interfce -> interface", "recrd -> record", "wrld -> world" }, Fixes(result));
        // the keyword error of `enm` is reported at the name after it; the fix still covers `enm` only
        var enm = result.Diagnostics.Single(d => d.Suggestion?.Replacement == "enum");
        Assert.NotEqual(enm.Span.Start, enm.Suggestion!.Span.Start);
    }

    [Fact]
    public void Names_misspelled_into_a_dependency_are_replaced_token_for_token()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/deps/io/streams.wit", "package wasi:io;\ninterface streams { resource input-stream; }\ninterface error { resource error; }\nworld imports { import streams; }\n")
            .AddFile("p/app.wit", """
                package demo:app;
                interface a {
                  use wasi:io/streams.{input-streem};
                  f: func(s: borrow<input-streem>);
                }
                world w { import wasi:io/eror; export a; include wasi:io/imprts; }
                """);
        var result = WitLoader.Load("p", FeatureSet.None, fs);
        Assert.Equal(new[] { "eror -> error", "imprts -> imports", "input-streem -> input-stream" }, Fixes(result));
    }

    [Fact]
    public void A_diagnostic_without_help_has_no_suggestion()
    {
        var result = WitLoader.LoadText("m.wit", "package a:b;\ninterface i {\n  type cat = u8;\n  type bat = u8;\n  f: func(a: hat);\n}\n", FeatureSet.None);
        var error = Assert.Single(result.Diagnostics);
        Assert.Null(error.Help);
        Assert.Null(error.Suggestion);
        // context added at an edge keeps the suggestion
        var typo = WitLoader.LoadText("m.wit", "package a:b;\ninterface i {\n  type cat = u8;\n  f: func(a: catt);\n}\n", FeatureSet.None).Diagnostics.Single();
        Assert.Equal(typo.Suggestion, typo.WithContext("outer").Suggestion);
    }
}
