using System.Collections.Generic;
using WitTools.WitParser.Model;
using WitTools.WitParser.Printing;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Serialization;

namespace WitTools.WitParser.Tests.Printing;

/// <summary>
/// Worlds print as written (their own items and `include`s), not elaborated: the text printed from the
/// all-features model must resolve, under every feature selection, to the same JSON — byte for byte,
/// including the order of world imports — as the original under that selection.
/// </summary>
public class WorldPrintingTests
{
    public static IEnumerable<object[]> Cases()
    {
        // A written import that an earlier-processed import already implies (wasi:io's `imports` world).
        yield return new object[] { "implied-then-written", """
            package t:io;
            interface error { resource error; }
            interface poll { resource pollable; }
            interface streams {
              use error.{error};
              use poll.{pollable};
            }
            world imports {
              import streams;
              import poll;
            }
            """ };

        // A gated `use` adds a dependency only when its feature is on (wasi:sockets' `network`).
        yield return new object[] { "gated-use-dependency", """
            package t:net;
            interface error { resource error; }
            interface network {
              @unstable(feature = net-errors)
              use error.{error};
              resource network;
            }
            interface streams { use error.{error}; }
            interface tcp { use network.{network}; use streams.{error as e}; }
            world imports {
              import network;
              import tcp;
            }
            """ };

        // `include` with renames, of a world defining functions, types and an inline interface.
        yield return new object[] { "include-with", """
            package t:inc;
            interface shared { type id = u32; }
            world base {
              import shared;
              import clock: interface { now: func() -> u64; }
              use shared.{id};
              import get: func() -> id;
              export run: func();
            }
            world extended {
              include base with { run as start, get as fetch }
              export finish: func();
            }
            """ };

        // A gated include and a gated export with a dependency of its own.
        yield return new object[] { "gated-include-and-export", """
            package t:gated@1.0.0;
            interface dep { type d = u8; }
            interface api { use dep.{d}; f: func(x: d); }
            world small { import dep; }
            world big {
              @unstable(feature = extra)
              include small;
              @unstable(feature = extra)
              export api;
              export other: func();
            }
            """ };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Printed_worlds_resolve_identically_under_every_feature_selection(string name, string wit)
    {
        var all = WitLoader.LoadText(name + ".wit", wit.Replace("\r\n", "\n"), FeatureSet.All);
        Assert.True(all.Success, all.RenderDiagnostics());
        string printed = WitPrinter.PrintAll(all.Resolve!);

        foreach (var features in new[] { FeatureSet.None, FeatureSet.Parse("net-errors"), FeatureSet.Parse("extra"), FeatureSet.All })
        {
            var original = WitLoader.LoadText(name + ".wit", wit.Replace("\r\n", "\n"), features);
            var again = WitLoader.LoadText(name + ".printed.wit", printed, features);
            Assert.True(original.Success, original.RenderDiagnostics());
            Assert.True(again.Success, printed + "\n" + again.RenderDiagnostics());
            Assert.Equal(ResolveJson.Serialize(original.Resolve!), ResolveJson.Serialize(again.Resolve!));
        }
    }

    [Fact]
    public void Includes_are_printed_as_include_statements_not_copies()
    {
        var result = WitLoader.LoadText("w.wit", """
            package t:w;
            world base { export run: func(); }
            world extended { include base with { run as start } }
            """, FeatureSet.None);
        Assert.True(result.Success, result.RenderDiagnostics());

        string printed = WitPrinter.PrintAll(result.Resolve!);

        Assert.Contains("include base with { run as start }\n", printed);
        Assert.DoesNotContain("export start", printed);
    }
}
