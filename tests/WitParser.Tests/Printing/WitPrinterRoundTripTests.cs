using System.Collections.Generic;
using WitTools.WitParser.Model;
using WitTools.WitParser.Printing;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Serialization;

namespace WitTools.WitParser.Tests.Printing;

/// <summary>
/// Resolve WIT, print it, resolve the printed text again: the JSON of both models must be identical, and
/// printing is idempotent.
/// </summary>
public class WitPrinterRoundTripTests
{
    public static IEnumerable<object[]> Cases()
    {
        yield return new object[] { "types", """
            package my:types@0.1.0;

            /// Geometry.
            ///
            /// Indented:
            ///   still docs
            interface shapes {
              /// A point.
              record point { x: s32, /// vertical
                y: s32 }
              flags perms { read, write, exec }
              variant shape { dot(point), line(tuple<point, point>), nothing }
              enum color { red, green, blue }
              type points = list<point>;
              type maybe = option<option<f64>>;
              type outcome = result<_, string>;
              type ok-only = result<u8>;
              type bare = result;
              type vec3 = list<f32, 3>;
              type table = map<string, list<point>>;
              type signal = future;
              type data = future<list<u8>>;
              type chunks = stream<u8>;
              type raw = stream;
              type size = u32;
              type size2 = size;
              type e = error-context;
              area: func(p: point, extra: option<result<list<point>>>) -> f64;
              reset: async func();
              many: func(a: bool, b: char, c: s8, d: u16, e: s64, f: tuple<>) -> tuple<u64, string>;
            }
            """ };

        yield return new object[] { "resources", """
            package my:res;

            interface files {
              enum error { denied }
              resource file {
                constructor(path: string);
                /// Reads.
                read: func(len: u32) -> list<u8>;
                close: async func();
                open: static func(path: string) -> result<file, error>;
                sync-all: static async func();
                dup: func() -> own<file>;
              }
              resource empty;
              resource fallible {
                constructor() -> result<fallible, error>;
              }
              type file-ref = borrow<file>;
              type owned = own<file>;
              copy: func(from-file: borrow<file>, to-file: file);
            }

            world host {
              resource handle {
                constructor();
                poke: func();
              }
              import get: func() -> handle;
              export files;
            }
            """ };

        yield return new object[] { "keywords", """
            package my:%package;

            interface %interface {
              record %record { %type: bool, %stream: u8, %async: s8 }
              enum %enum { %own, %borrow, %map }
              %func: func(%list: %record, %static: %enum);
              resource %resource {
                %constructor: func();
              }
            }

            world %world {
              import %interface;
              export %use: func();
            }
            """ };

        // Includes are elaborated away: only included worlds without inline interfaces (which an include
        // clones, recording clone_of) print back to an identical model.
        yield return new object[] { "worlds-and-uses", """
            package my:app;

            interface types {
              type token = u64;
              resource conn;
              record cfg { t: token }
            }

            interface api {
              use types.{token, conn as connection, cfg};
              consume: func(c: borrow<connection>, t: token) -> cfg;
            }

            /// The world.
            world app {
              /// Labelled.
              import logger: types;
              import host: interface {
                use types.{token};
                log: func(t: token);
              }
              use types.{cfg};
              import get-config: func() -> cfg;
              /// Runs.
              export run: async func();
              export api;
              export inline-out: interface {
                ping: func();
              }
            }

            world base {
              import types;
              use types.{token};
              import now: func() -> token;
              export api;
            }

            world extended {
              include base with { now as current-time }
              import extra: func();
            }
            """ };

        yield return new object[] { "function-order", """
            package my:order;

            interface i {
              first: func();
              resource later {
                constructor();
                m: func();
              }
              type t = u8;
              middle: func(x: t);
              resource r2;
              record rec { x: later-ref }
              type later-ref = borrow<later>;
              resource r3 { s: static func(); }
              last: func();
            }
            """ };

        yield return new object[] { "kw-feature", """
            package my:kw;

            @unstable(feature = %async)
            interface i {
              @external-id("x:y/z \"q\" \u{e9}")
              f: func();
            }
            """ };

        yield return new object[] { "gates", """
            package my:gated@1.0.0;

            @since(version = 1.0.0)
            interface i {
              @unstable(feature = fancy)
              @deprecated(version = 1.0.0)
              type t = u8;
              @since(version = 0.9.0)
              @deprecated(version = 1.0.0)
              f: func();
              @unstable(feature = fancy)
              resource r {
                @unstable(feature = fancy)
                constructor();
                @since(version = 1.0.0)
                m: func();
              }
            }

            @since(version = 1.0.0)
            interface j {
              @since(version = 1.0.0)
              use i.{t};
            }

            @unstable(feature = fancy)
            world w {
              @since(version = 1.0.0)
              import i;
              @unstable(feature = fancy)
              export j;
            }
            """ };

        yield return new object[] { "nested-packages", """
            package foo:root;

            package foo:dep@2.0.0-rc.1+build.5 {
              interface types {
                type t = u32;
                record r { a: t }
              }
              world dw {
                import types;
              }
            }

            package bar:other {
              interface i2 {
                use foo:dep/types@2.0.0-rc.1+build.5.{t};
                type b = list<t>;
              }
            }

            interface api {
              use foo:dep/types@2.0.0-rc.1+build.5.{r};
              use bar:other/i2.{b};
              f: func(x: r) -> b;
            }

            world w0 {
              import foo:dep/types@2.0.0-rc.1+build.5;
              export api;
            }
            """ };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrintedTextResolvesToTheSameModel(string name, string wit)
    {
        var features = FeatureSet.Parse("fancy async");
        var first = WitLoader.LoadText(name + ".wit", wit.Replace("\r\n", "\n"), features);
        Assert.True(first.Success, first.RenderDiagnostics());
        string json = ResolveJson.Serialize(first.Resolve!);
        string printed = WitPrinter.PrintAll(first.Resolve!);

        var second = WitLoader.LoadText(name + ".printed.wit", printed, features);
        Assert.True(second.Success, printed + "\n" + second.RenderDiagnostics());
        Assert.Equal(json, ResolveJson.Serialize(second.Resolve!));
        Assert.Equal(printed, WitPrinter.PrintAll(second.Resolve!));
    }

    [Theory]
    [InlineData("kitchen-sink")]
    [InlineData("factorization")]
    public void ExamplePackagesRoundTrip(string example)
    {
        var dir = global::WitTools.Tests.Shared.RepositoryPaths.Example(example);
        var first = WitLoader.Load(dir, FeatureSet.All);
        Assert.True(first.Success, first.RenderDiagnostics());
        string printed = WitPrinter.PrintAll(first.Resolve!);
        var second = WitLoader.LoadText(example + ".printed.wit", printed, FeatureSet.All);
        Assert.True(second.Success, printed + "\n" + second.RenderDiagnostics());
        Assert.Equal(ResolveJson.Serialize(first.Resolve!), ResolveJson.Serialize(second.Resolve!));
    }
}
